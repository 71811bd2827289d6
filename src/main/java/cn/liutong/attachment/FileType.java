package cn.liutong.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kinds of file a person may attach, recognised by their content (magic bytes, and for Office's
 * zip-based formats the part that names the application), never by the name or the type the browser
 * declares alone: the file's extension must name the same kind as its content. An HTML page renamed
 * .pdf is not a PDF. The stored content type comes from here only.
 */
enum FileType {
  PDF("application/pdf", List.of("pdf")),
  PNG("image/png", List.of("png")),
  JPEG("image/jpeg", List.of("jpg", "jpeg")),
  /** Word, Excel and PowerPoint 97-2003 share one container (OLE2 compound file). */
  DOC("application/msword", List.of("doc")),
  XLS("application/vnd.ms-excel", List.of("xls")),
  PPT("application/vnd.ms-powerpoint", List.of("ppt")),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx")),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx")),
  PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", List.of("pptx"));

  static final String ALLOWED = "PDF、图片（PNG/JPEG）和Office文档（doc/docx/xls/xlsx/ppt/pptx）";

  private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] OLE2_MAGIC = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
  private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};

  final String contentType;
  final List<String> extensions;

  FileType(String contentType, List<String> extensions) {
    this.contentType = contentType;
    this.extensions = extensions;
  }

  boolean images() {
    return this == PNG || this == JPEG;
  }

  /** The kind the file name claims, by its extension. */
  static Optional<FileType> byName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(type -> type.extensions.contains(extension)).findFirst();
  }

  static Optional<FileType> byContentType(String contentType) {
    return Arrays.stream(values()).filter(type -> type.contentType.equals(contentType)).findFirst();
  }

  /** Whether the content is of the kind its name claims. */
  boolean matches(byte[] content) {
    return switch (this) {
      case PDF -> startsWith(content, PDF_MAGIC);
      case PNG -> startsWith(content, PNG_MAGIC);
      case JPEG -> startsWith(content, JPEG_MAGIC);
      // the OLE2 container does not say which application cheaply; the name decides among the three
      case DOC, XLS, PPT -> startsWith(content, OLE2_MAGIC);
      case DOCX -> startsWith(content, ZIP_MAGIC) && hasZipEntry(content, "word/");
      case XLSX -> startsWith(content, ZIP_MAGIC) && hasZipEntry(content, "xl/");
      case PPTX -> startsWith(content, ZIP_MAGIC) && hasZipEntry(content, "ppt/");
    };
  }

  private static boolean startsWith(byte[] content, byte[] magic) {
    return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
  }

  /** An Office Open XML package: [Content_Types].xml and the application's folder. */
  private static boolean hasZipEntry(byte[] content, String folder) {
    boolean contentTypes = false;
    boolean application = false;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null && !(contentTypes && application); entry = zip.getNextEntry()) {
        contentTypes |= "[Content_Types].xml".equals(entry.getName());
        application |= entry.getName().startsWith(folder);
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    return contentTypes && application;
  }
}
