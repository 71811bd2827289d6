package cn.liutong.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.liutong.export.LedgerReport.Table;

/**
 * The two writers on their own, fast, with text a hostile user could have typed into a form: every
 * formula trigger stays inert text in the workbook, markup stays text in the PDF, and a long table breaks
 * across pages with its header repeated on each.
 */
class LedgerFilesTest {

  private static final List<String> TRIGGERS = List.of("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1",
      "=HYPERLINK(\"http://example.invalid\",\"点击\")");

  private static LedgerReport report(Table... tables) {
    return new LedgerReport("市财政局", "2026年度融合工作", "2026-01-01 至 2026-12-31", "预算处党支部", "进行中", "王强",
        "2026-11-27 10:00", List.of(tables));
  }

  @Test
  void everyFormulaTriggerArrivesAsInertTextAndNumbersStayNumbers() throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    TRIGGERS.forEach(t -> rows.add(List.of(t, 12)));
    rows.add(List.of("普通文字 = 不是公式", 3));
    byte[] xlsx = LedgerXlsx.write(report(new Table("进展报告", List.of("内容", "权重"), rows)));

    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      var sheet = book.getSheet("进展报告");
      for (int i = 0; i < TRIGGERS.size(); i++) {
        Cell cell = sheet.getRow(i + 1).getCell(0);
        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).isEqualTo(TRIGGERS.get(i));
        assertThat(cell.getCellStyle().getQuotePrefixed()).as(TRIGGERS.get(i)).isTrue();
        assertThat(sheet.getRow(i + 1).getCell(1).getNumericCellValue()).isEqualTo(12.0);
      }
      Cell plain = sheet.getRow(TRIGGERS.size() + 1).getCell(0);
      assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();
      book.forEach(s -> s.forEach(r -> r.forEach(c -> assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA))));
      assertThat(book.getSheet("封面")).isNotNull();
    }
  }

  @Test
  void aLongTableBreaksAcrossPagesWithItsHeaderOnEveryPage() throws Exception {
    List<List<Object>> rows = IntStream.rangeClosed(1, 120)
        .mapToObj(i -> List.<Object>of(i, "第" + i + "项责任措施：按月推进，按季度报告进展", "2026-06-30")).toList();
    byte[] pdf = LedgerPdf.write(report(new Table("责任清单", List.of("序号", "责任措施", "节点日期"), rows)));

    assertThat(pdf.length).as("the 3 MB font is embedded as a subset of the glyphs used").isLessThan(400_000);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int pages = document.getNumberOfPages();
      assertThat(pages).as("title page and several pages of rows").isGreaterThanOrEqualTo(4);
      for (int page = 2; page <= pages; page++) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        String text = stripper.getText(document);
        assertThat(text).as("page " + page).contains("序号 责任措施 节点日期")
            .contains("第 " + page + " 页 共 " + pages + " 页").contains("市财政局 · 2026年度融合工作 · 预算处党支部");
      }
      assertThat(new PDFTextStripper().getText(document)).contains("第120项责任措施");
    }
  }

  @Test
  void markupInTheLedgerIsPrintedAsText() throws Exception {
    String hostile = "<b>加粗</b><img src=\"file:///etc/passwd\"/> & \"引号\" ' \u0007";
    byte[] pdf = LedgerPdf.write(report(new Table("督查发现", List.of("督查情况"), List.<List<Object>>of(List.of(hostile)))));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains("<b>加粗</b><img src=\"file:///etc/passwd\"/> & \"引号\" '");
    }
  }

  @Test
  void theFileNameKeepsChineseForRfc5987AndAnAsciiFallback() {
    String header = LedgerExport.contentDisposition("市财政局-2026年度-预算处党支部-台账.pdf");
    assertThat(header).startsWith("attachment; filename=\"ledger.pdf\"; filename*=UTF-8''")
        .contains("%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%80-2026%E5%B9%B4%E5%BA%A6-").endsWith(".pdf");
    assertThat(report().fileStem()).isEqualTo("市财政局-2026年度融合工作-预算处党支部-台账");
    assertThat(new LedgerReport("a/b", "c:d", null, null, null, null, null, List.of()).fileStem()).isEqualTo("a_b-c_d-全机关-台账");
  }
}
