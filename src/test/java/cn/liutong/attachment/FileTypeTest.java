package cn.liutong.attachment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileTypeTest {

  @Test
  void aFileIsOfTheKindItsNameClaimsOnlyIfItsContentSaysSo() {
    assertThat(FileType.byName("报告.PDF")).contains(FileType.PDF);
    assertThat(FileType.PDF.matches(AttachmentFiles.pdf())).isTrue();
    assertThat(FileType.PDF.matches(AttachmentFiles.html())).as("HTML renamed .pdf").isFalse();
    assertThat(FileType.PNG.matches(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0})).isTrue();
    assertThat(FileType.JPEG.matches(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).isTrue();
    assertThat(FileType.JPEG.matches("GIF89a".getBytes(UTF_8))).isFalse();
    assertThat(FileType.DOCX.matches(AttachmentFiles.docx())).isTrue();
    assertThat(FileType.XLSX.matches(AttachmentFiles.docx())).as("a Word file named .xlsx").isFalse();
    assertThat(FileType.DOCX.matches(AttachmentFiles.plainZip("word/x.html"))).as("a zip without content types").isFalse();
    assertThat(FileType.byName("page.html")).isEmpty();
    assertThat(FileType.byName("noextension")).isEmpty();
  }

  @Test
  void namesLoseTheirFoldersAndMustBeCleanText() {
    assertThat(Attachments.fileName("C:\\Users\\陈红\\进展报告.pdf")).isEqualTo("进展报告.pdf");
    assertThat(Attachments.fileName("../../etc/报告.pdf")).isEqualTo("报告.pdf");
    assertThatThrownBy(() -> Attachments.fileName("报告\u202Efdp.exe")).hasMessageContaining("文件名含有文字方向控制符");
    assertThatThrownBy(() -> Attachments.fileName("a/..")).hasMessage("缺少文件名");
    assertThatThrownBy(() -> Attachments.fileName("x".repeat(201) + ".pdf")).hasMessageContaining("文件名过长");
  }

  @Test
  void downloadsAreSavedUnderTheirChineseNameNeverShownAsPages() {
    var pdf = new Attachments.Download("进展 报告\".pdf", "application/pdf", new byte[0], false);
    assertThat(DownloadHeaders.of(pdf, true))
        .containsEntry("Content-Disposition", "attachment; filename=\"__ ___.pdf\"; "
            + "filename*=UTF-8''%E8%BF%9B%E5%B1%95%20%E6%8A%A5%E5%91%8A%22.pdf")
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Content-Type", "application/pdf");
    var png = new Attachments.Download("照片.png", "image/png", new byte[0], true);
    assertThat(DownloadHeaders.of(png, true).get("Content-Disposition")).startsWith("inline;");
    assertThat(DownloadHeaders.of(png, false).get("Content-Disposition")).startsWith("attachment;");
  }
}
