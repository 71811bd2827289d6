package cn.liutong.attachment;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files as people attach them, and the fakes an attacker tries; built by hand, not by the code under test. */
public final class AttachmentFiles {

  private AttachmentFiles() {
  }

  /** A minimal one-page PDF, padded with a comment to the given size. */
  public static byte[] pdf(int size) {
    String head = "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        + "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n";
    byte[] content = Arrays.copyOf((head + "%").getBytes(UTF_8), Math.max(size, head.length() + 8));
    Arrays.fill(content, head.length() + 1, content.length - 6, (byte) 'x');
    System.arraycopy("\n%%EOF".getBytes(UTF_8), 0, content, content.length - 6, 6);
    return content;
  }

  public static byte[] pdf() {
    return pdf(600);
  }

  /** An HTML page with a script: what must never be served as a page, whatever it is called. */
  public static byte[] html() {
    return "<!DOCTYPE html><html><body><script>fetch('/camunda/api/engine/engine/default/user')</script></body></html>"
        .getBytes(UTF_8);
  }

  /** A zip that is not an Office document (no [Content_Types].xml). */
  public static byte[] plainZip(String entry) {
    return zip(entry);
  }

  /** The smallest shape of a Word document: [Content_Types].xml and word/document.xml. */
  public static byte[] docx() {
    return zip("[Content_Types].xml", "word/document.xml");
  }

  private static byte[] zip(String... entries) {
    try (var bytes = new ByteArrayOutputStream(); var zip = new ZipOutputStream(bytes)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write("<x/>".getBytes(UTF_8));
        zip.closeEntry();
      }
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
