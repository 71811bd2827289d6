package cn.liutong.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.RectificationDriver;
import cn.liutong.support.TestAgency;
import cn.liutong.support.WebappSession;
import cn.liutong.support.TestYear;

/**
 * The 台账 of the treasury branch's year, downloaded as its readers download it and opened with the
 * libraries a reader's tools stand for: the workbook with POI, the PDF with PDFBox. One cycle of the demo
 * agency, walked once for the class by the people who act in it, with a progress report whose text looks
 * like spreadsheet formulas. Every expected value is what the steps below typed in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerExportTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must neither see nor touch the class's agency. */
  @RegisterExtension
  static final TestAgency other = TestAgency.fresh();

  private static final String TREASURY = agency.branch(TestAgency.TREASURY);
  private static final String BUDGET = agency.branch(TestAgency.BUDGET);
  private static final String PROBLEM = "主题党日活动流于形式，未结合国库业务难点";
  private static final String SUPERVISION = "约谈支部书记，限期三日内提交整改方案";
  private static final String EXTENSION_REASON = "补开组织生活会需等待上级党委派员指导，申请延期十天";
  private static final String EXTENSION_REFUSAL = "可在原期限内完成，请按期整改";
  private static final String PARTY_GROUP_SUPERVISION = "党组约谈支部书记，要求说明两次逾期的原因";
  private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/liutong-dashboard/default/dashboard";

  @Autowired
  ProcessEngine engine;

  @LocalServerPort
  int port;

  private CycleDriver cycle;

  @BeforeAll
  void aYearOfTheTreasuryBranch() {
    cycle = new CycleDriver(engine, agency);
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    claim(agency.secretary(TestAgency.TREASURY), cycle.branchTask("Task_ReportProgress", TREASURY));
    cycle.submit(cycle.branchTask("Task_ReportProgress", TREASURY), Map.of(
        "partyProgress", "-2+3 按期召开三会一课", "businessProgress", "@SUM(A1:A9)", "difficulties", "=1+1"));
    agency.branches().stream().filter(b -> !b.equals(TREASURY)).forEach(cycle::reportProgress);
    cycle.tasks("Task_Inspect").forEach(t -> claim(agency.committee(), t));
    agency.branches().forEach(b -> cycle.inspect(b, b.equals(TREASURY) ? PROBLEM : null));
    RectificationDriver rectification = new RectificationDriver(engine,
        RectificationDriver.of(engine, cycle.cycleId(), TREASURY).get(0));
    overdueAndSupervised(rectification);
    String deadline = (String) engine.getRuntimeService().getVariable(rectification.instance().getId(), "deadline");
    rectification.plan().approvePlan()
        .requestExtension(LocalDate.parse(deadline).plusDays(10).toString(), EXTENSION_REASON)
        .refuseExtension(EXTENSION_REFUSAL).evidence().verify();
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));
    cycle.scores(TREASURY, 70, 70, false, null);
    agency.branches().forEach(cycle::score);
    cycle.scenario().publishResults();
    claim(agency.secretary(TestAgency.TREASURY), cycle.scenario().taskOfBranch("Task_ConfirmResult", TREASURY));
    cycle.scenario().appeal(TREASURY, "国库处全年国库集中支付零差错，业务得分偏低，请求复核");
    agency.branches().stream().filter(b -> !b.equals(TREASURY)).forEach(cycle.scenario()::acceptResult);
    cycle.scenario().rescore("Task_ReviewAppeal", TREASURY, 70, 72, "集中支付零差错属实，业务得分上调2分，等次维持一般")
        .decideReview(TREASURY, "approved", null);
    claim(agency.partyGroup(), cycle.task("Task_DecideMeasure"));
    cycle.decideMeasure(TREASURY, "interview");
  }

  // ----------------------------------------------------------------- xlsx

  @Test
  void theWorkbookOfABranchsYearReadsBackWithNamesNumbersAndInertFormulas() throws Exception {
    Download file = get(ledger("xlsx", TREASURY), agency.committee());
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(file.disposition()).startsWith("attachment;")
        .contains("filename*=UTF-8''" + URLEncoder.encode("市财政局-", StandardCharsets.UTF_8))
        .contains(URLEncoder.encode("国库处党支部-台账", StandardCharsets.UTF_8).replace("+", "%20") + ".xlsx");

    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
      assertThat(texts(book.getSheet("封面"))).contains("市财政局", "国库处党支部", TestYear.date("01-01") + " 至 " + TestYear.date("12-31"), "已结束");

      Sheet goals = book.getSheet("目标体系");
      assertThat(texts(goals.getRow(0))).containsExactly("类别", "目标", "指标", "目标值", "权重");
      assertThat(goals.getRow(1).getCell(0).getStringCellValue()).isEqualTo("党建基础工作目标");
      assertThat(goals.getRow(1).getCell(1).getStringCellValue()).isEqualTo("支部标准化规范化建设");
      List<Double> weights = new ArrayList<>();
      for (int r = 1; r <= goals.getLastRowNum(); r++) {
        assertThat(goals.getRow(r).getCell(4).getCellType()).as("weights are numbers").isEqualTo(CellType.NUMERIC);
        weights.add(goals.getRow(r).getCell(4).getNumericCellValue());
      }
      assertThat(weights).containsExactly(20.0, 15.0, 5.0, 60.0);

      Row report = book.getSheet("进展报告").getRow(1);
      Cell formulaLike = report.getCell(4);
      assertThat(formulaLike.getCellType()).as("typed text, not a formula").isEqualTo(CellType.STRING);
      assertThat(formulaLike.getStringCellValue()).isEqualTo("=1+1");
      assertThat(formulaLike.getCellStyle().getQuotePrefixed()).as("marked as text for whoever edits it").isTrue();
      assertThat(report.getCell(3).getStringCellValue()).isEqualTo("@SUM(A1:A9)");
      assertThat(report.getCell(3).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(report.getCell(2).getStringCellValue()).isEqualTo("-2+3 按期召开三会一课");
      assertThat(report.getCell(2).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(report.getCell(5).getStringCellValue()).as("names, not login ids").isEqualTo("孙丽");
      assertThat(report.getCell(0).getStringCellValue()).isEqualTo("国库处党支部");
      assertThat(report.getCell(0).getCellStyle().getQuotePrefixed()).as("only what needs it").isFalse();

      Row finding = book.getSheet("督查发现").getRow(1);
      assertThat(texts(finding)).contains("发现问题", PROBLEM, "王强");
      assertThat(texts(book.getSheet("整改").getRow(1))).contains("督查发现", PROBLEM, "已销号", "曾逾期");
      assertThat(texts(book.getSheet("催办督办"))).contains("整改逾期", "催办", "系统自动催办", "督办逾期整改", "督办",
          SUPERVISION, "王强", "第1次逾期督办：机关党委督办", "第2次逾期督办：机关党委、党组督办", "党组督办逾期整改",
          PARTY_GROUP_SUPERVISION, "赵敏");
      assertThat(texts(book.getSheet("催办督办").getRow(0))).contains("督办层级");
      assertThat(texts(book.getSheet("整改延期").getRow(1))).contains("国库处党支部", PROBLEM, EXTENSION_REASON, "不同意",
          EXTENSION_REFUSAL);
      assertThat(rowWith(book.getSheet("催办督办"), PARTY_GROUP_SUPERVISION)).contains("党组");
      assertThat(rowWith(book.getSheet("催办督办"), "第1次逾期督办：机关党委督办")).contains("机关党委");
      Row result = book.getSheet("考核结果").getRow(1);
      assertThat(result.getCell(1).getNumericCellValue()).isEqualTo(70.0);
      assertThat(texts(result)).contains("一般", "已审定");
      assertThat(texts(book.getSheet("问责措施").getRow(1))).contains("约谈", "赵敏");
      Row appeal = book.getSheet("退回重评和申诉复核").getRow(1);
      assertThat(texts(appeal)).contains("国库处党支部", "支部申诉复核", "孙丽", "一般", "集中支付零差错属实，业务得分上调2分，等次维持一般");
      assertThat(appeal.getCell(8).getNumericCellValue()).as("the score after the review, a number")
          .isGreaterThan(appeal.getCell(6).getNumericCellValue());

      Set<String> everything = new HashSet<>();
      book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
        assertThat(cell.getCellType()).as("no formula anywhere").isNotEqualTo(CellType.FORMULA);
        if (cell.getCellType() == CellType.STRING) {
          everything.add(cell.getStringCellValue());
        }
      })));
      assertThat(everything).as("this branch only").doesNotContain("预算处党支部", "监督检查局党支部", agency.secretary(TestAgency.TREASURY), agency.committee());
    }
  }

  // ----------------------------------------------------------------- pdf

  @Test
  void thePdfOfABranchsYearEmbedsItsChineseFontAndReadsBack() throws Exception {
    Download file = get(ledger("pdf", TREASURY), agency.committee());
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("application/pdf");
    assertThat(file.disposition()).contains("filename*=UTF-8''").endsWith(".pdf");

    try (PDDocument pdf = Loader.loadPDF(file.body())) {
      int pages = pdf.getNumberOfPages();
      assertThat(pages).isGreaterThan(1);
      PDPage first = pdf.getPage(0);
      assertThat(first.getMediaBox().getWidth()).as("A4 landscape, in points").isCloseTo(841.9f, offset(1f));
      assertThat(first.getMediaBox().getHeight()).isCloseTo(595.3f, offset(1f));

      // table cells wrap long text onto several lines: compare without line breaks
      String text = new PDFTextStripper().getText(pdf).replaceAll("[\\r\\n]+", "");
      assertThat(text).contains("≥95%", "-2+3 按期召开三会一课", "@SUM(A1:A9)", "市财政局", "融合工作台账", "国库处党支部", "支部标准化规范化建设", "孙丽", "王强", "赵敏",
          PROBLEM, "已销号", "约谈", "=1+1", "第 1 页 共 " + pages + " 页", "第 " + pages + " 页 共 " + pages + " 页")
          .doesNotContain("null");
      assertThat(text).doesNotContain("预算处党支部");

      for (PDPage page : pdf.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.getName()).as("only the shipped font, subset and embedded").contains("WenQuanYiMicroHei");
          assertThat(font.isEmbedded()).isTrue();
        }
      }
      // the picture in the README: the progress and findings page
      Path image = Path.of("target", "ledger-pdf.png");
      ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(1, 80), "png", image.toFile());
      assertThat(Files.size(image)).isPositive();
    }
  }

  @Test
  void theAgencysLedgerHoldsEveryBranchForTheCommitteeAndOnlyTheirOwnForASecretary() throws Exception {
    String all = pdfText(get("/api/cycles/" + cycle.cycleId() + "/ledger.pdf", agency.committee()));
    assertThat(all).contains("国库处党支部", "预算处党支部", "监督检查局党支部", "全机关");
    Download whole = get("/api/cycles/" + cycle.cycleId() + "/ledger.xlsx", agency.committee());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(whole.body()))) {
      // the driver's owners reported on duty and the agency was scored 90 on every goal: 90.0, 优秀
      assertThat(texts(book.getSheet("机关层面考核").getRow(1))).contains("机关层面（党组、机关党委）", "优秀");
      assertThat(book.getSheet("机关层面考核").getRow(1).getCell(3).getNumericCellValue()).isEqualTo(90.0);
      assertThat(texts(book.getSheet("责任人述职"))).contains("赵敏", "李明", "王强");
      assertThat(texts(book.getSheet("目标逐项评分"))).contains("机关层面（党组、机关党委）");
    }

    Download own = get("/api/cycles/" + cycle.cycleId() + "/ledger.xlsx", agency.secretary(TestAgency.BUDGET));
    assertThat(own.status()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(own.body()))) {
      assertThat(texts(book.getSheet("进展报告"))).contains("预算处党支部").doesNotContain("国库处党支部", "=1+1");
      assertThat(texts(book.getSheet("目标体系"))).contains("支部标准化规范化建设");
      assertThat(texts(book.getSheet("机关层面考核"))).as("not the agency's own levels").doesNotContain("机关层面（党组、机关党委）", "优秀");
      assertThat(texts(book.getSheet("责任人述职"))).doesNotContain("赵敏", "李明", "王强");
      assertThat(texts(book.getSheet("目标逐项评分"))).doesNotContain("机关层面（党组、机关党委）");
    }
    assertThat(get(ledger("pdf", TREASURY), agency.secretary(TestAgency.TREASURY)).status())
        .as("the branch's own secretary").isEqualTo(200);

    Download member = get("/api/cycles/" + cycle.cycleId() + "/ledger.xlsx", agency.member(TestAgency.TREASURY, 0));
    assertThat(member.status()).as("a member sees the cycle, as on the dashboard").isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(member.body()))) {
      assertThat(texts(book.getSheet("党员承诺"))).as("their own pledge only").contains("周杰").doesNotContain("孙丽", "吴昊");
      assertThat(texts(book.getSheet("进展报告"))).doesNotContain("国库处党支部", "=1+1");
      assertThat(texts(book.getSheet("督查发现"))).doesNotContain(PROBLEM);
    }
  }

  // ----------------------------------------------------------------- visibility

  @Test
  void whoMayNotSeeTheBranchGets404AndNoLogin401() {
    for (String format : List.of("xlsx", "pdf")) {
      assertThat(get(ledger(format, TREASURY), other.committee()).status()).as("another agency's committee").isEqualTo(404);
      assertThat(get("/api/cycles/" + cycle.cycleId() + "/ledger." + format, other.partyGroup()).status())
          .as("another agency's party group, whole cycle").isEqualTo(404);
      assertThat(get(ledger(format, TREASURY), agency.secretary(TestAgency.BUDGET)).status())
          .as("another branch's secretary").isEqualTo(404);
      assertThat(get(ledger(format, TREASURY), agency.member(TestAgency.TREASURY, 0)).status())
          .as("a member of the branch").isEqualTo(404);
      assertThat(get(ledger(format, "noSuchBranch"), agency.committee()).status()).isEqualTo(404);
      assertThat(get("/api/cycles/no-such-cycle/ledger." + format, agency.committee()).status()).isEqualTo(404);
      assertThat(get(ledger(format, TREASURY), null).status()).as("no login").isEqualTo(401);
    }
    for (String hostile : List.of("'%20or%20'1'='1", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", TREASURY + "%00",
        "x".repeat(2000), TREASURY + "," + BUDGET)) {
      assertThat(get(ledger("xlsx", hostile), agency.committee()).status()).as("branch " + hostile).isIn(400, 404);
      assertThat(get("/api/cycles/" + hostile + "/ledger.pdf", agency.committee()).status()).as("cycle " + hostile)
          .isIn(400, 404);
    }
    Download refused = get(ledger("pdf", TREASURY), agency.secretary(TestAgency.BUDGET));
    Download missing = get("/api/cycles/no-such-cycle/ledger.pdf", agency.committee());
    assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as("says no more than for a missing one")
        .isEqualTo(new String(missing.body(), StandardCharsets.UTF_8).replace("no-such-cycle", cycle.cycleId()))
        .contains("未找到该融合工作周期或支部");
  }

  @Test
  void theDashboardsDoorKeepsTheSameRules() {
    WebappSession manager = new WebappSession(port);
    assertThat(manager.login(agency.committee(), "cockpit").status()).isEqualTo(200);
    var pdf = manager.get(PLUGIN_API + "/ledger.pdf?cycle=" + cycle.cycleId() + "&branch=" + TREASURY);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.body()).startsWith("%PDF-");
    assertThat(manager.get(PLUGIN_API + "/ledger.xlsx?cycle=" + cycle.cycleId()).status()).isEqualTo(200);

    WebappSession secretary = new WebappSession(port);
    assertThat(secretary.login(agency.secretary(TestAgency.BUDGET), "tasklist").status()).isEqualTo(200);
    assertThat(secretary.get(PLUGIN_API + "/ledger.xlsx?cycle=" + cycle.cycleId() + "&branch=" + TREASURY).status())
        .isIn(403, 404);
    WebappSession otherAgency = new WebappSession(port);
    assertThat(otherAgency.login(other.committee(), "cockpit").status()).isEqualTo(200);
    assertThat(otherAgency.get(PLUGIN_API + "/ledger.pdf?cycle=" + cycle.cycleId()).status()).isEqualTo(404);
    assertThat(new WebappSession(port).get(PLUGIN_API + "/ledger.pdf?cycle=" + cycle.cycleId()).status())
        .as("no session").isEqualTo(401);
  }

  // ----------------------------------------------------------------- helpers

  /**
   * The rectification passes its deadline (催办 by the engine) and the committee's 王强 supervises it (督办); a week
   * later it is still open, and the party group's 赵敏 supervises it too.
   */
  private void overdueAndSupervised(RectificationDriver rectification) {
    String deadline = (String) engine.getRuntimeService().getVariable(rectification.instance().getId(), "deadline");
    try {
      for (int week = 0; week < 2; week++) {
        ClockUtil.setCurrentTime(Date.from(LocalDate.parse(deadline).plusDays(1 + 7 * week).atTime(LocalTime.NOON)
            .atZone(ZoneId.systemDefault()).toInstant()));
        Job overdue = engine.getManagementService().createJobQuery().processInstanceId(rectification.instance().getId())
            .timers().activityId("BoundaryEvent_RectificationOverdue").singleResult();
        engine.getManagementService().executeJob(overdue.getId());
        claim(agency.committee(), rectification.task("Task_SuperviseRectification"));
        rectification.submit("Task_SuperviseRectification", Map.of("supervisionNote", SUPERVISION));
      }
      claim(agency.partyGroup(), rectification.task("Task_SuperviseRectificationByPartyGroup"));
      rectification.submit("Task_SuperviseRectificationByPartyGroup", Map.of("supervisionNote", PARTY_GROUP_SUPERVISION));
    } finally {
      ClockUtil.reset();
    }
  }

  private String ledger(String format, String branch) {
    return "/api/cycles/" + cycle.cycleId() + "/ledger." + format + "?branch=" + branch;
  }

  /** The person claims the task in Tasklist: who submits it is then on record as having done it. */
  private void claim(String userId, Task task) {
    engine.getTaskService().setAssignee(task.getId(), userId);
  }

  record Download(int status, String contentType, String disposition, byte[] body) {
  }

  /** A download as a demo user (password = user id) over HTTP Basic, or without a login. */
  private Download get(String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Content-Disposition").orElse(""), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pdfText(Download file) throws Exception {
    assertThat(file.status()).isEqualTo(200);
    try (PDDocument pdf = Loader.loadPDF(file.body())) {
      return new PDFTextStripper().getText(pdf);
    }
  }

  /** The texts of the sheet's row that holds {@code text}. */
  private static List<String> rowWith(Sheet sheet, String text) {
    for (Row row : sheet) {
      if (texts(row).contains(text)) {
        return texts(row);
      }
    }
    throw new AssertionError("no row with " + text);
  }

  private static List<String> texts(Iterable<?> rowsOrCells) {
    List<String> texts = new ArrayList<>();
    for (Object o : rowsOrCells) {
      if (o instanceof Row row) {
        texts.addAll(texts(row));
      } else if (o instanceof Cell cell && cell.getCellType() == CellType.STRING) {
        texts.add(cell.getStringCellValue());
      }
    }
    return texts;
  }
}
