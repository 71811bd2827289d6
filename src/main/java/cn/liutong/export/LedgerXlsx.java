package cn.liutong.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.liutong.export.LedgerReport.Table;

/**
 * The 台账 as an Excel workbook (Apache POI): a cover sheet, then one sheet per table with a frozen,
 * printed-on-every-page header row. Numbers stay numbers. No cell is ever a formula: text is written as
 * text, and text that a spreadsheet would read as a formula when someone edits the cell (starting with
 * {@code = + - @}, tab or carriage return) also carries Excel's quote prefix, the "this is text" mark
 * that a typed leading apostrophe sets, so the value people entered arrives unchanged and inert.
 */
final class LedgerXlsx {

  private static final int MAX_COLUMN_WIDTH = 60 * 256;

  private LedgerXlsx() {
  }

  static boolean looksLikeFormula(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
  }

  static byte[] write(LedgerReport report) {
    return write(report.fileStem(), report.agencyName() + " 融合工作台账", List.of(
        List.of("机关", report.agencyName()), List.of("融合工作周期", report.cycleName()),
        List.of("周期起止", report.period()), List.of("周期状态", report.cycleStatus()),
        List.of("发起人", report.startedBy()), List.of("范围", report.scopeLabel()),
        List.of("打印时间", report.printedAt())), report.tables());
  }

  /**
   * A cover sheet (a title and label/value lines), then one sheet per table. A table's title becomes its
   * sheet's name, made safe for Excel (at most 31 characters, none of {@code []:*?/\}) and unique.
   */
  static byte[] write(String fileTitle, String coverTitle, List<List<String>> coverLines, List<Table> tables) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Styles styles = new Styles(book);
      cover(book.createSheet("封面"), coverTitle, coverLines, styles);
      for (Table table : tables) {
        table(book.createSheet(sheetName(book, table.title())), table, styles);
      }
      book.getProperties().getCoreProperties().setTitle(fileTitle);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sheetName(XSSFWorkbook book, String title) {
    String safe = WorkbookUtil.createSafeSheetName(title);
    String name = safe;
    for (int n = 2; book.getSheet(name) != null; n++) {
      String suffix = "(" + n + ")";
      name = safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
    }
    return name;
  }

  private static void cover(Sheet sheet, String coverTitle, List<List<String>> lines, Styles styles) {
    Row title = sheet.createRow(0);
    text(title.createCell(0), coverTitle, styles.title, styles);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 1));
    for (int i = 0; i < lines.size(); i++) {
      Row row = sheet.createRow(i + 2);
      text(row.createCell(0), lines.get(i).get(0), styles.header, styles);
      text(row.createCell(1), lines.get(i).get(1), styles.body, styles);
    }
    sheet.setColumnWidth(0, 16 * 256);
    sheet.setColumnWidth(1, 50 * 256);
  }

  private static void table(Sheet sheet, Table table, Styles styles) {
    Row head = sheet.createRow(0);
    int[] widths = new int[table.headers().size()];
    for (int c = 0; c < table.headers().size(); c++) {
      text(head.createCell(c), table.headers().get(c), styles.header, styles);
      widths[c] = width(table.headers().get(c));
    }
    for (int r = 0; r < table.rows().size(); r++) {
      Row row = sheet.createRow(r + 1);
      List<Object> cells = table.rows().get(r);
      for (int c = 0; c < cells.size(); c++) {
        Cell cell = row.createCell(c);
        Object value = cells.get(c);
        if (value instanceof Number number) {
          cell.setCellValue(number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue());
          cell.setCellStyle(styles.number);
        } else {
          text(cell, value == null ? "" : value.toString(), styles.body, styles);
        }
        widths[c] = Math.max(widths[c], width(value == null ? "" : value.toString()));
      }
    }
    if (table.rows().isEmpty()) {
      text(sheet.createRow(1).createCell(0), "（无记录）", styles.body, styles);
    }
    for (int c = 0; c < widths.length; c++) {
      sheet.setColumnWidth(c, Math.min(MAX_COLUMN_WIDTH, Math.max(8 * 256, widths[c] + 2 * 256)));
    }
    sheet.createFreezePane(0, 1);
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, 0, widths.length - 1));
    sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
    sheet.getPrintSetup().setLandscape(true);
    sheet.setFitToPage(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
  }

  /** Width in Excel's 1/256 character units; a Chinese character takes about two. */
  private static int width(String text) {
    int units = text.codePoints().map(cp -> cp > 0x2E80 ? 2 : 1).sum();
    return Math.min(MAX_COLUMN_WIDTH, units * 256);
  }

  private static void text(Cell cell, String text, CellStyle style, Styles styles) {
    cell.setCellValue(text);
    cell.setCellStyle(looksLikeFormula(text) ? styles.inert(style) : style);
  }

  /** The few cell styles of the workbook, each created once (a workbook holds at most 64,000). */
  private static final class Styles {
    private final XSSFWorkbook book;
    final CellStyle title;
    final CellStyle header;
    final CellStyle body;
    final CellStyle number;
    private final Map<CellStyle, CellStyle> inert = new HashMap<>();

    Styles(XSSFWorkbook book) {
      this.book = book;
      Font bold = book.createFont();
      bold.setBold(true);
      Font big = book.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 16);
      title = book.createCellStyle();
      title.setFont(big);
      body = bordered();
      body.setWrapText(true);
      body.setVerticalAlignment(VerticalAlignment.TOP);
      header = bordered();
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      number = bordered();
      number.setVerticalAlignment(VerticalAlignment.TOP);
    }

    private CellStyle bordered() {
      CellStyle style = book.createCellStyle();
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      return style;
    }

    CellStyle inert(CellStyle style) {
      return inert.computeIfAbsent(style, s -> {
        CellStyle copy = book.createCellStyle();
        copy.cloneStyleFrom(s);
        copy.setQuotePrefixed(true);
        return copy;
      });
    }
  }
}
