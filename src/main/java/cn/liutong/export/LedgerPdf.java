package cn.liutong.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;

import cn.liutong.export.LedgerReport.Table;

/**
 * The 台账 as a printable A4 PDF (openhtmltopdf on PDFBox): a title page with agency, cycle, scope and print
 * date, then the tables, which break across pages with their header row repeated; every page carries the
 * report's name at the top and "第 x 页 共 y 页" at the bottom. A4 landscape: the tables are wide. The Chinese font is embedded from the
 * classpath ({@value #FONT}), so the file prints alike on a machine without any Chinese font.
 */
final class LedgerPdf {

  static final String FONT = "/fonts/wqy-microhei-cjk.ttf";
  private static final String FAMILY = "LiutongSans";
  /** Cells kept on one line: dates, times, rounds and the short labels of states. */
  private static final Pattern SHORT = Pattern.compile("[0-9: -]{4,16}|第\\d+轮|\\S{1,5}");

  static {
    // openhtmltopdf writes its progress (INFO) to the console itself: keep warnings and errors only
    XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
  }

  private LedgerPdf() {
  }

  static byte[] write(LedgerReport report) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      new PdfRendererBuilder()
          .useFastMode()
          .useFont(() -> LedgerPdf.class.getResourceAsStream(FONT), FAMILY)
          .withHtmlContent(html(report), null)
          .toStream(out)
          .run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String html(LedgerReport report) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"/><title>")
        .append(escape(report.fileStem())).append("</title><style>")
        .append(css(report)).append("</style></head><body>");
    html.append("<div class=\"cover\"><h1>").append(escape(report.agencyName())).append("<br/>融合工作台账</h1><table class=\"facts\">");
    for (List<String> fact : List.of(List.of("融合工作周期", report.cycleName()), List.of("周期起止", report.period()),
        List.of("周期状态", report.cycleStatus()), List.of("发起人", report.startedBy()),
        List.of("范围", report.scopeLabel()), List.of("打印时间", report.printedAt()))) {
      html.append("<tr><th>").append(escape(fact.get(0))).append("</th><td>").append(escape(fact.get(1))).append("</td></tr>");
    }
    html.append("</table><p class=\"note\">本台账由六同融合工作平台生成，内容以打印时的记录为准。</p></div>");
    for (Table table : report.tables()) {
      html.append("<h2>").append(escape(table.title())).append("</h2>");
      if (table.rows().isEmpty()) {
        html.append("<p class=\"empty\">（无记录）</p>");
        continue;
      }
      html.append("<table class=\"data\"><thead><tr>");
      table.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
      html.append("</tr></thead><tbody>");
      for (List<Object> row : table.rows()) {
        html.append("<tr>");
        row.forEach(cell -> html.append(cell instanceof Number ? "<td class=\"n\">"
                : cell != null && SHORT.matcher(cell.toString()).matches() ? "<td class=\"short\">" : "<td>")
            .append(escape(cell == null ? "" : cell.toString())).append("</td>"));
        html.append("</tr>");
      }
      html.append("</tbody></table>");
    }
    return html.append("</body></html>").toString();
  }

  private static String css(LedgerReport report) {
    String header = report.agencyName() + " · " + report.cycleName() + " · " + report.scopeLabel();
    return """
        @page { size: A4 landscape; margin: 18mm 14mm 16mm 14mm;
          @top-left { content: "%s"; font-family: %s; font-size: 8pt; color: #555; }
          @top-right { content: "打印时间 %s"; font-family: %s; font-size: 8pt; color: #555; }
          @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: %s; font-size: 9pt; } }
        body { font-family: %s; font-size: 9pt; line-height: 1.35; }
        .cover { page-break-after: always; padding-top: 25mm; text-align: center; }
        h1, h2, th { font-weight: normal; }
        .cover h1 { font-size: 24pt; margin-bottom: 16mm; }
        table.facts { margin: 0 auto; border-collapse: collapse; font-size: 12pt; }
        table.facts th, table.facts td { text-align: left; padding: 3mm 5mm; border-bottom: 0.5pt solid #999; }
        .note { margin-top: 20mm; color: #555; }
        h2 { font-size: 13pt; margin: 6mm 0 2mm 0; page-break-after: avoid; }
        table.data { width: 100%%; border-collapse: collapse; -fs-table-paginate: paginate; -fs-border-rendering: no-bevel; }
        table.data thead { display: table-header-group; }
        table.data tr { page-break-inside: avoid; }
        table.data th { background: #e8e8e8; font-weight: normal; }
        table.data th, table.data td { border: 0.5pt solid #666; padding: 1.5mm; vertical-align: top; word-wrap: break-word; }
        td.n { text-align: right; }
        td.short, th { white-space: nowrap; }
        .empty { color: #777; }
        """.formatted(cssString(header), FAMILY, cssString(report.printedAt()), FAMILY, FAMILY, FAMILY);
  }

  /** Text inside a CSS string literal: no way out of the quotes, no line breaks. */
  private static String cssString(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n\\f]", " ");
  }

  /** Text inside XHTML: the five reserved characters escaped, control characters (not allowed in XML) dropped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n' -> out.append("<br/>");
        default -> {
          if (cp >= 0x20 || cp == '\t') {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.toString();
  }
}
