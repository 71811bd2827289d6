package cn.liutong.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.assessment.AssessmentLedger;
import cn.liutong.assessment.AssessmentLedger.Assessment;
import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.RectificationDriver;
import cn.liutong.milestone.Milestones;
import cn.liutong.rectification.RectificationLedger;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestCityCommittee;
import cn.liutong.support.TestYear;
import cn.liutong.support.WebappSession;

/**
 * The city committee (市直机关工委) above the agencies: its member sees every agency's 六同看板 and the
 * overview of all agencies side by side, ranked, with numbers this test works out from the ledgers row by
 * row; an agency's committee sees neither another agency nor the overview. One agency has gone through a
 * whole round and its assessment, the other stands in 同部署 with two of three branches signed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CityCommitteeTest {

  @RegisterExtension
  static final TestAgency assessed = TestAgency.fresh();

  @RegisterExtension
  static final TestAgency deploying = TestAgency.fresh();

  @RegisterExtension
  static final TestCityCommittee city = TestCityCommittee.fresh();

  private static final String OVERVIEW = "/api/city/overview?year=" + TestYear.year();
  private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/liutong-dashboard/default";

  @Autowired
  ProcessEngine engine;

  @Autowired
  CycleLedger cycles;

  @Autowired
  AssessmentLedger assessments;

  @Autowired
  RectificationLedger rectifications;

  @Autowired
  Milestones milestones;

  @LocalServerPort
  int port;

  private Rest rest;
  private CycleDriver assessedCycle;
  private CycleDriver deployingCycle;

  @BeforeAll
  void twoAgenciesAtDifferentPoints() {
    rest = new Rest(port);
    String audit = assessed.branch(TestAgency.AUDIT);
    String budget = assessed.branch(TestAgency.BUDGET);
    String treasury = assessed.branch(TestAgency.TREASURY);
    assessedCycle = new CycleDriver(engine, assessed).start().plan().deploy();
    assessed.branches().forEach(b -> assessedCycle.planImplementation(b).pledgeAll(b));
    assessedCycle.inspectionDue();
    int budgetItem = milestones.ofCycle(assessedCycle.cycleId()).stream().filter(l -> l.branchCode().equals(budget))
        .findFirst().orElseThrow().itemNo();
    assessedCycle.reportProgress(budget, Map.of(budgetItem, CycleProcess.ItemProgress.DONE))
        .reportProgress(audit).reportProgress(treasury);
    assessedCycle.inspect(audit, "三会一课记录不全").inspect(budget, "主题党日活动流于形式").inspect(treasury, null);
    // the audit branch's rectification is verified (销号), the budget branch's stays open
    new RectificationDriver(engine, RectificationDriver.of(engine, assessedCycle.cycleId(), audit).get(0)).completely();
    assessedCycle.scores(audit, 95, 92, false, null).scores(budget, 78, 80, false, null).assess().approveResults();

    deployingCycle = new CycleDriver(engine, deploying).start().plan().decompose()
        .signFor(deploying.branch(TestAgency.AUDIT)).signFor(deploying.branch(TestAgency.BUDGET));
  }

  @Test
  void theCityCommitteeSeesEveryAgencySideBySideRanked() {
    Rest.Response answer = rest.get(OVERVIEW, city.member());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode overview = answer.json();
    assertThat(overview.path("year").asInt()).isEqualTo(TestYear.year());

    // the assessed agency: numbers worked out here from the ledgers' rows
    String cycleId = assessedCycle.cycleId();
    JsonNode done = agency(overview, assessed.id());
    List<CycleLedger.Item> items = cycles.items(cycleId);
    List<Assessment> results = assessments.assessments(cycleId);
    List<RectificationLedger.Rectification> rects = rectifications.ofCycle(cycleId);
    BigDecimal average = results.stream().map(Assessment::weightedScore).reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(results.size()), 1, RoundingMode.HALF_UP);
    assertThat(done.path("agencyName").asText()).isEqualTo("市财政局");
    assertThat(done.path("cycleId").asText()).isEqualTo(cycleId);
    assertThat(done.path("items").asInt()).isEqualTo(items.size()).isPositive();
    // every branch signed its items; the party group's and the committee's are in force from the approval
    assertThat(items.stream().filter(CycleLedger.Item::ofBranch).count()).isLessThan(items.size());
    assertThat(done.path("itemsSigned").asInt()).as("every item in force").isEqualTo(items.size());
    assertThat(done.path("itemsDone").asInt()).as("the budget branch reported one item done")
        .isEqualTo(milestones.ofCycle(cycleId).stream().filter(l -> "done".equals(l.status())).count()).isEqualTo(1);
    assertThat(done.path("rectifications").asInt()).isEqualTo(rects.size()).isEqualTo(2);
    assertThat(done.path("rectificationsOpen").asInt())
        .isEqualTo(rects.stream().filter(r -> !r.verified()).count()).isEqualTo(1);
    assertThat(done.path("rectificationsOverdue").asInt()).isZero();
    assertThat(done.path("assessed").asInt()).isEqualTo(results.size()).isEqualTo(3);
    assertThat(done.path("approved").asInt()).isEqualTo(3);
    assertThat(done.path("averageScore").decimalValue()).isEqualByComparingTo(average);
    for (String grade : List.of("优秀", "良好", "一般", "较差")) {
      assertThat(gradeCount(done, grade)).as(grade).isEqualTo(results.stream().filter(r -> r.grade().equals(grade)).count());
    }
    int quarter = (TestYear.today().getMonthValue() - 1) / 3 + 1;
    assertThat(done.path("inspectionsByQuarter").get(quarter - 1).asInt()).isEqualTo(cycles.findings(cycleId).size())
        .isEqualTo(3);
    JsonNode thisQuarter = quarter(overview, assessed.id(), quarter);
    assertThat(thisQuarter.path("inspections").asInt()).isEqualTo(3);
    assertThat(thisQuarter.path("problemsFound").asInt())
        .isEqualTo(cycles.findings(cycleId).stream().filter(CycleLedger.Finding::problemsFound).count()).isEqualTo(2);
    assertThat(thisQuarter.path("rectificationsOpened").asInt()).isEqualTo(2);
    assertThat(thisQuarter.path("rectificationsClosed").asInt()).isEqualTo(1);
    assertThat(thisQuarter.path("rectificationsOverdue").asInt()).isZero();
    for (int other = 1; other <= 4; other++) {
      if (other != quarter) {
        assertThat(quarter(overview, assessed.id(), other).path("inspections").asInt()).as("quarter " + other).isZero();
        assertThat(done.path("inspectionsByQuarter").get(other - 1).asInt()).isZero();
      }
    }
    assertThat(thisQuarter.path("label").asText()).isEqualTo(TestYear.year() + "年第" + "一二三四".charAt(quarter - 1) + "季度");

    // ranked among every agency of the city that has results: competition ranking by the average
    long better = agencies(overview).stream().filter(a -> !a.path("averageScore").isNull()
        && a.path("averageScore").decimalValue().compareTo(average) > 0).count();
    assertThat(done.path("rank").asInt()).isEqualTo(better + 1);

    // the deploying agency: where its slowest branch stands, no result, after every ranked agency
    JsonNode deployingRow = agency(overview, deploying.id());
    List<CycleLedger.Item> deployingItems = cycles.items(deployingCycle.cycleId());
    assertThat(deployingRow.path("stage").asText()).isEqualTo("deploy");
    assertThat(deployingRow.path("stageLabel").asText()).isEqualTo("同部署");
    assertThat(deployingRow.path("stages").toString()).contains("\"label\":\"同部署\",\"branches\":1")
        .contains("\"label\":\"同落实\",\"branches\":2");
    assertThat(deployingRow.path("items").asInt()).isEqualTo(deployingItems.size());
    // in force: the items of the branches that signed, and the party group's and the committee's from the start
    long agencyLevel = deployingItems.stream().filter(i -> !i.ofBranch()).count();
    assertThat((long) deployingRow.path("itemsSigned").asInt())
        .isEqualTo(deployingItems.stream().filter(i -> i.signedAt() != null || !i.ofBranch()).count())
        .isGreaterThan(agencyLevel).isLessThan((long) deployingItems.size());
    assertThat(deployingRow.path("rank").isNull()).isTrue();
    assertThat(deployingRow.path("averageScore").isNull()).isTrue();
    List<String> order = agencies(overview).stream().map(a -> a.path("agencyId").asText()).toList();
    assertThat(order.indexOf(assessed.id())).isLessThan(order.indexOf(deploying.id()));
    List<Boolean> ranked = agencies(overview).stream().map(a -> !a.path("rank").isNull()).toList();
    assertThat(ranked.subList(ranked.indexOf(false), ranked.size())).as("every ranked agency before the others")
        .doesNotContain(true);
  }

  @Test
  void theCityCommitteeReadsEveryAgencysDashboardButNotTheirLedger() {
    for (TestAgency agency : List.of(assessed, deploying)) {
      Rest.Response board = rest.get("/api/dashboard?agency=" + agency.id(), city.member());
      assertThat(board.status()).as(agency.id()).isEqualTo(200);
      assertThat(board.json().path("branches")).hasSize(3);
      assertThat(board.json().path("agencies").toString()).contains(assessed.id(), deploying.id());
      assertThat(board.json().path("ledgerExport").asBoolean()).as("no 台账 download offered").isFalse();
    }
    assertThat(rest.get("/api/dashboard?agency=" + assessed.id(), assessed.committee()).json().path("ledgerExport")
        .asBoolean()).as("the agency's own committee").isTrue();
    String budget = assessed.branch(TestAgency.BUDGET);
    assertThat(rest.get("/api/dashboard/branch?cycle=" + assessedCycle.cycleId() + "&branch=" + budget, city.member())
        .status()).isEqualTo(200);
    assertThat(rest.get("/api/cycles/" + assessedCycle.cycleId(), city.member()).status())
        .as("the ledger API, exports and attachments stay the agencies' own").isEqualTo(404);
    assertThat(rest.download("/api/cycles/" + assessedCycle.cycleId() + "/ledger.xlsx", city.member()).status())
        .isEqualTo(404);
  }

  @Test
  void anAgencySeesNeitherAnotherAgencyNorTheOverview() {
    assertThat(rest.get("/api/dashboard?agency=" + deploying.id(), assessed.committee()).status()).isEqualTo(404);
    assertThat(rest.get("/api/dashboard?agency=" + assessed.id(), deploying.committee()).status()).isEqualTo(404);
    assertThat(rest.get("/api/dashboard?agency=" + assessed.id(), assessed.committee()).status()).isEqualTo(200);
    for (String user : List.of(assessed.committee(), assessed.partyGroup(), assessed.secretary(TestAgency.BUDGET))) {
      Rest.Response refused = rest.get(OVERVIEW, user);
      assertThat(refused.status()).as(user).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).isEqualTo(CityOverviewService.FORBIDDEN);
      assertThat(rest.download("/api/city/results.xlsx", user).status()).isEqualTo(403);
    }
    assertThat(rest.get(OVERVIEW, null, null).status()).isEqualTo(401);
  }

  @Test
  void aYearThatIsNoneOrHasNoCyclesIsRefusedInChinese() {
    Rest.Response letters = rest.get("/api/city/overview?year=abc", city.member());
    assertThat(letters.status()).isEqualTo(400);
    assertThat(letters.json().path("message").asText()).isEqualTo("年度须为四位数字的年份，如2026");
    Rest.Response early = rest.get("/api/city/overview?year=1999", city.member());
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.json().path("message").asText()).startsWith("年度须在2000年至");
    Rest.Response empty = rest.get("/api/city/overview?year=2001", city.member());
    assertThat(empty.status()).isEqualTo(404);
    assertThat(empty.json().path("message").asText()).isEqualTo("2001年度没有任何机关的融合工作周期");
    assertThat(rest.download("/api/city/results.xlsx?year=abc", city.member()).status()).isEqualTo(400);
    // nothing a person or a script may type answers 5xx: each gets 400 with its reason
    for (String year : List.of("%00", "%E2%80%AE2026", "%2B2026", "-2026", "%D9%A2%D9%A0%D9%A2%D9%A6",
        "99999999999999999999", "2026'%20or%20'1'='1", "20.26", "%3D1%2B1")) {
      Rest.Response answer = rest.get("/api/city/overview?year=" + year, city.member());
      assertThat(answer.status()).as(year).isEqualTo(400);
      // a NUL or a control character is refused by the request filter before, with its own reason
      assertThat(answer.json().path("message").asText()).as(year).matches("(年度须|请求地址含有不允许的字符).*");
    }
  }

  @Test
  void theCockpitDoorKeepsTheSameRules() {
    WebappSession cityPage = new WebappSession(port);
    assertThat(cityPage.login(city.member(), "cockpit").status()).isEqualTo(200);
    Rest.Response overview = cityPage.get(PLUGIN_API + "/city?year=" + TestYear.year());
    assertThat(overview.status()).as(overview.body()).isEqualTo(200);
    assertThat(overview.body()).contains(assessed.id(), deploying.id());
    assertThat(cityPage.get(PLUGIN_API + "/dashboard?agency=" + deploying.id()).status()).isEqualTo(200);

    WebappSession committee = new WebappSession(port);
    assertThat(committee.login(assessed.committee(), "cockpit").status()).isEqualTo(200);
    Rest.Response refused = committee.get(PLUGIN_API + "/city");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("message").asText()).isEqualTo(CityOverviewService.FORBIDDEN);
    assertThat(committee.get(PLUGIN_API + "/dashboard?agency=" + deploying.id()).status()).isEqualTo(404);
  }

  @Test
  void theResultsOfEveryAgencyExportForTheComprehensiveAssessment() throws Exception {
    Rest.Download file = rest.download("/api/city/results.xlsx?year=" + TestYear.year(), city.member());
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(file.disposition()).startsWith("attachment;").contains("filename*=UTF-8''" + TestYear.year());
    List<Assessment> results = assessments.assessments(assessedCycle.cycleId());
    JsonNode overview = rest.get(OVERVIEW, city.member()).json();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
      assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("封面");
      Sheet sheet = book.getSheet("各机关考核结果");
      List<String> headers = texts(sheet.getRow(0));
      assertThat(headers).startsWith("排名", "机关", "机关代码", "融合工作周期", "周期状态", "当前阶段")
          .contains("平均综合得分", "优秀", "良好", "一般", "较差", "整改逾期");
      assertThat(sheet.getLastRowNum()).as("one row per agency").isEqualTo(agencies(overview).size());
      Row done = rowOf(sheet, headers.indexOf("机关代码"), assessed.id());
      assertThat(done.getCell(0).getNumericCellValue()).isEqualTo(agency(overview, assessed.id()).path("rank").asDouble());
      assertThat(done.getCell(1).getStringCellValue()).isEqualTo("市财政局");
      assertThat(BigDecimal.valueOf(done.getCell(headers.indexOf("平均综合得分")).getNumericCellValue()))
          .isEqualByComparingTo(results.stream().map(Assessment::weightedScore).reduce(BigDecimal.ZERO, BigDecimal::add)
              .divide(BigDecimal.valueOf(results.size()), 1, RoundingMode.HALF_UP));
      assertThat(done.getCell(headers.indexOf("考核支部数")).getNumericCellValue()).isEqualTo(3);
      assertThat(done.getCell(headers.indexOf("整改总数")).getNumericCellValue()).isEqualTo(2);
      for (String grade : List.of("优秀", "良好", "一般", "较差")) {
        assertThat(done.getCell(headers.indexOf(grade)).getNumericCellValue()).as(grade)
            .isEqualTo(results.stream().filter(r -> r.grade().equals(grade)).count());
      }
      Row deployingRow = rowOf(sheet, headers.indexOf("机关代码"), deploying.id());
      assertThat(deployingRow.getCell(0).getStringCellValue()).as("no rank without results").isEmpty();
      assertThat(deployingRow.getCell(headers.indexOf("当前阶段")).getStringCellValue()).isEqualTo("同部署");

      // the agency's own levels: the driver's committee scored every goal 90; no 社会评价 in this test: 90.0, 优秀
      Sheet agencyLevel = book.getSheet("机关层面考核");
      assertThat(texts(agencyLevel.getRow(0))).containsExactly("机关", "机关代码", "党建目标得分", "业务目标得分", "综合得分", "等次");
      Row own = rowOf(agencyLevel, 1, assessed.id());
      assertThat(own.getCell(2).getNumericCellValue()).isEqualTo(90.0);
      assertThat(own.getCell(3).getNumericCellValue()).isEqualTo(90.0);
      assertThat(own.getCell(4).getNumericCellValue()).isEqualTo(90.0);
      assertThat(own.getCell(5).getStringCellValue()).isEqualTo("优秀");

      Sheet quarters = book.getSheet("季度督查汇总");
      assertThat(texts(quarters.getRow(0))).containsExactly("季度", "机关", "机关代码", "督查次数", "发现问题", "整改立项",
          "整改销号", "整改逾期");
      assertThat(quarters.getLastRowNum()).isEqualTo(4 * agencies(overview).size());
      // a sheet per assessed agency with its branches' grades, best first
      assertThat(java.util.stream.IntStream.range(0, book.getNumberOfSheets()).mapToObj(book::getSheetName))
          .anyMatch(name -> name.startsWith("市财政局支部等次"));
      for (Sheet each : book) {
        for (Row row : each) {
          row.forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
        }
      }
    }
  }

  private static List<String> texts(Row row) {
    return StreamSupport.stream(row.spliterator(), false).map(Cell::getStringCellValue).toList();
  }

  private static Row rowOf(Sheet sheet, int column, String value) {
    return StreamSupport.stream(sheet.spliterator(), false)
        .filter(r -> r.getCell(column) != null && value.equals(r.getCell(column).getStringCellValue())).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + value));
  }

  private static List<JsonNode> agencies(JsonNode overview) {
    return StreamSupport.stream(overview.path("agencies").spliterator(), false).toList();
  }

  private static JsonNode agency(JsonNode overview, String agencyId) {
    return agencies(overview).stream().filter(a -> a.path("agencyId").asText().equals(agencyId)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + agencyId + " in " + overview));
  }

  private static JsonNode quarter(JsonNode overview, String agencyId, int quarter) {
    return StreamSupport.stream(overview.path("quarters").spliterator(), false)
        .filter(q -> q.path("agencyId").asText().equals(agencyId) && q.path("quarter").asInt() == quarter)
        .findFirst().orElseThrow();
  }

  private static long gradeCount(JsonNode row, String grade) {
    return StreamSupport.stream(row.path("grades").spliterator(), false)
        .filter(g -> g.path("grade").asText().equals(grade)).findFirst().orElseThrow().path("branches").asLong();
  }
}
