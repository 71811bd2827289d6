package cn.liutong.export;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Service;

/**
 * The 台账 as a file to download, for both doors ({@code /api} and the 六同看板 in Cockpit): the same
 * visibility rules ({@link LedgerReports}), the same bytes, the same headers.
 */
@Service
public class LedgerExport {

  /** The answer (404) for a cycle or branch that does not exist or that the caller may not see. */
  public static final String NOT_FOUND = "未找到该融合工作周期或支部";

  /** The two formats: extension and content type. */
  public enum Format {
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", LedgerXlsx::write),
    PDF("pdf", "application/pdf", LedgerPdf::write);

    private final String extension;
    private final String contentType;
    private final Function<LedgerReport, byte[]> writer;

    Format(String extension, String contentType, Function<LedgerReport, byte[]> writer) {
      this.extension = extension;
      this.contentType = contentType;
      this.writer = writer;
    }

    public String contentType() {
      return contentType;
    }
  }

  /** A file ready to send: its bytes, content type and {@code Content-Disposition} (attachment, RFC 5987 name). */
  public record Download(byte[] bytes, String contentType, String contentDisposition) {
  }

  private final LedgerReports reports;

  LedgerExport(LedgerReports reports) {
    this.reports = reports;
  }

  /** Empty when the caller may not see the cycle or the branch (or they do not exist): answer 404. */
  public Optional<Download> download(String cycleId, String branchCode, Format format) {
    return reports.report(cycleId, branchCode).map(report -> new Download(format.writer.apply(report), format.contentType,
        contentDisposition(report.fileStem() + "." + format.extension)));
  }

  /**
   * {@code attachment; filename="ledger.pdf"; filename*=UTF-8''…}: the Chinese name percent-encoded as RFC 5987
   * says (every byte outside its attr-char set), a plain ASCII name for clients that know only {@code filename}.
   */
  static String contentDisposition(String fileName) {
    String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
    StringBuilder encoded = new StringBuilder();
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return "attachment; filename=\"ledger." + extension + "\"; filename*=UTF-8''" + encoded;
  }
}
