package cn.liutong.attachment;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every attachment is sent with, whichever door it leaves by: saved, not shown (images may be
 * shown, as images only), under its own name (RFC 6266 with an RFC 5987 UTF-8 name for Chinese), typed
 * only with the stored allowed type, never sniffed into HTML, never cached by proxies.
 */
final class DownloadHeaders {

  private DownloadHeaders() {
  }

  static Map<String, String> of(Attachments.Download download, boolean inline) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", download.contentType());
    headers.put("Content-Disposition", contentDisposition(inline && download.image() ? "inline" : "attachment",
        download.fileName()));
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox");
    headers.put("Cache-Control", "private, no-store");
    return headers;
  }

  /** {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} */
  static String contentDisposition(String type, String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(fileName);
  }

  private static String percentEncode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      // attr-char of RFC 5987
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
