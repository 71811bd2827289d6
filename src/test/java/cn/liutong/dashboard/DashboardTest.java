package cn.liutong.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.cycle.RectificationDriver;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.WebappSession;
import cn.liutong.support.TestYear;

/**
 * The 六同看板 of the demo agency's three branches as a cycle advances, read as managers read it: over
 * {@code /api/dashboard} (HTTP Basic) and through Cockpit's plugin resource with a webapp session.
 * Every expected number follows from the steps the test takes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DashboardTest {

  /** The default items' milestone date ({@link CycleDriver#items()}), read before a test moves the clock. */
  private final String milestoneDate = TestYear.date("06-30");
  /** The engine clock's day when the test began: the days the test moves the clock to count from it. */
  private final LocalDate today = TestYear.today();

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must neither see nor touch the class's agency. */
  @RegisterExtension
  static final TestAgency otherAgency = TestAgency.fresh();

  private static final String AUDIT = agency.branch(TestAgency.AUDIT);
  private static final String BUDGET = agency.branch(TestAgency.BUDGET);
  private static final String TREASURY = agency.branch(TestAgency.TREASURY);
  private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/liutong-dashboard/default/dashboard";

  @Autowired
  ProcessEngine engine;

  @Autowired
  CycleLedger ledger;

  @LocalServerPort
  int port;

  private CycleDriver cycle;
  private Rest rest;

  @BeforeEach
  void newCycle() {
    cycle = new CycleDriver(engine, agency);
    rest = new Rest(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ----------------------------------------------------------------- stages

  @Test
  void branchesMoveThroughTheStagesAsTheCycleAdvances() {
    cycle.start();
    assertThat(stageCounts()).as("drafting goals: the whole agency plans").containsEntry("plan", 3).containsEntry("deploy", 0);
    assertThat(row(board(), BUDGET).path("steps").toString()).contains("拟定党建与业务目标体系");

    cycle.plan();
    assertThat(stageCounts()).as("the committee decomposes").containsEntry("plan", 0).containsEntry("deploy", 3);

    cycle.decompose();
    JsonNode signFor = board();
    assertThat(stageCounts(signFor)).containsEntry("deploy", 3).containsEntry("implement", 0);
    assertThat(row(signFor, TREASURY).path("steps").toString()).contains("支部签收责任清单");
    assertThat(row(signFor, TREASURY).path("href").asText()).as("the branch's own page, not the whole instance")
        .isEqualTo("/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId() + "&branch=" + TREASURY);

    cycle.signFor(AUDIT).signFor(BUDGET);
    JsonNode twoSigned = board();
    assertThat(stageCounts(twoSigned)).containsEntry("deploy", 1).containsEntry("implement", 2);
    assertThat(row(twoSigned, TREASURY).path("stageLabel").asText()).isEqualTo("同部署");
    assertThat(row(twoSigned, BUDGET).path("stageLabel").asText()).isEqualTo("同落实");
    assertThat(row(twoSigned, BUDGET).path("waiting").asBoolean()).isTrue();
    assertThat(linkLabels(stage(twoSigned, "implement"))).hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith("预算处党支部")).anySatisfy(l -> assertThat(l).startsWith("监督检查局党支部"));

    cycle.signFor(TREASURY);
    assertThat(stageCounts()).containsEntry("deploy", 0).containsEntry("implement", 3);
    assertThat(row(board(), TREASURY).path("waiting").asBoolean()).isFalse();

    cycle.planImplementation(AUDIT).pledgeAll(AUDIT);
    JsonNode oneImplemented = board();
    assertThat(row(oneImplemented, AUDIT).path("stageLabel").asText())
        .as("done with 同落实 while 同检查 runs beside it: not yet 同考核").isEqualTo("同检查");
    assertThat(row(oneImplemented, AUDIT).path("waiting").asBoolean()).isTrue();
    agency.branches().stream().filter(b -> !b.equals(AUDIT)).forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    assertThat(row(board(), AUDIT).path("steps").toString()).contains("等待：季度督查日到");
    cycle.inspectionDue();
    assertThat(stageCounts()).as("reporting progress is inspection").containsEntry("implement", 0).containsEntry("inspect", 3);

    cycle.reportProgress(AUDIT).inspect(AUDIT, null);
    assertThat(stageCounts()).as("an inspected branch waits for the round's bulletin").containsEntry("inspect", 3);
    assertThat(row(board(), AUDIT).path("waiting").asBoolean()).isTrue();

    agency.branches().stream().filter(b -> !b.equals(AUDIT)).forEach(b -> cycle.reportProgress(b).inspect(b, null));
    assertThat(stageCounts()).containsEntry("inspect", 0).containsEntry("assess", 3);

    cycle.assess();
    JsonNode approving = board();
    assertThat(stageCounts(approving)).as("the party group approves the results").containsEntry("assess", 3);
    assertThat(row(approving, AUDIT).path("steps").toString()).contains("党组审定考核结果");

    cycle.approveResults();
    JsonNode closed = board();
    assertThat(stageCounts(closed)).containsEntry("closed", 3).containsEntry("assess", 0).containsEntry("accountability", 0);
    assertThat(closed.path("cycle").path("statusLabel").asText()).isEqualTo("已结束");
    assertThat(row(closed, AUDIT).path("href").asText()).as("the branch's page reads the ledger, also once closed")
        .endsWith("#/liutong-dashboard?cycle=" + cycle.cycleId() + "&branch=" + AUDIT);
    assertThat(closed.path("cycle").path("href").isNull()).as("no runtime view of an ended instance").isTrue();
  }

  // ----------------------------------------------------------------- overdue

  @Test
  void openStepsPastTheirDueDateAreOverdueByBranchWithTheDays() {
    cycle.start().plan().decompose().signFor(BUDGET);
    String auditTask = cycle.branchTask("Task_SignFor", AUDIT).getId();
    assertThat(board().path("overdue").path("total").path("count").asInt()).isZero();

    // sign-for is due at the end of day 7 (signForDays); on day 10 two branches are 3 days late
    ClockUtil.setCurrentTime(day(10));
    JsonNode late = board();
    assertThat(late.path("overdue").path("total").path("count").asInt()).isEqualTo(2);
    assertThat(late.path("overdue").path("agencyWide").path("count").asInt()).isZero();
    JsonNode byBranch = late.path("overdue").path("byBranch");
    assertThat(byBranch).hasSize(2);
    assertThat(byBranch.findValuesAsText("code")).containsExactlyInAnyOrder(AUDIT, TREASURY);
    byBranch.forEach(b -> assertThat(b.path("maxDays").asInt()).isEqualTo(3));
    assertThat(row(late, AUDIT).path("overdueTasks").path("count").asInt()).isEqualTo(1);
    assertThat(row(late, AUDIT).path("maxOverdueDays").asInt()).isEqualTo(3);
    assertThat(row(late, BUDGET).path("overdueTasks").path("count").asInt()).as("signed in time").isZero();
    JsonNode auditLink = row(late, AUDIT).path("overdueTasks").path("links").get(0);
    assertThat(auditLink.path("href").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task=" + auditTask);
    assertThat(auditLink.path("label").asText()).contains("支部签收责任清单").contains("逾期3天").contains("监督检查局党支部委员会");
  }

  @Test
  void aLateStepOfTheCommitteeIsOverdueForTheAgencyNotForABranch() {
    cycle.start(); // drafting goals is due at the end of day 14
    ClockUtil.setCurrentTime(day(20));
    JsonNode late = board();
    assertThat(late.path("overdue").path("total").path("count").asInt()).isEqualTo(1);
    assertThat(late.path("overdue").path("agencyWide").path("count").asInt()).isEqualTo(1);
    assertThat(late.path("overdue").path("byBranch")).isEmpty();
    JsonNode task = late.path("overdue").path("tasks").get(0);
    assertThat(task.path("daysOverdue").asInt()).isEqualTo(6);
    assertThat(task.path("handler").asText()).isEqualTo("市财政局机关党委");
    assertThat(rest.get("/api/dashboard?cycle=" + cycle.cycleId(), agency.secretary(TestAgency.BUDGET)).json()
        .path("overdue").path("total").path("count").asInt()).as("a secretary sees no committee steps").isZero();
  }

  @Test
  void theCommitteesReviewOfARectificationPlanIsLateForTheAgencyAndForTheBranch() {
    inspectedWithProblems();
    rectification(AUDIT).plan(); // the committee reviews the plan within 5 days

    // on day 10 the review is 5 days late; the budget branch's plan (due day 7) 3 days
    ClockUtil.setCurrentTime(day(10));
    JsonNode late = board();
    JsonNode review = findTask(late, "审核整改方案");
    assertThat(review.path("agencyLevel").asBoolean()).isTrue();
    assertThat(review.path("branchCode").asText()).as("it concerns the audit branch").isEqualTo(AUDIT);
    assertThat(review.path("handler").asText()).isEqualTo("市财政局机关党委");
    assertThat(review.path("daysOverdue").asInt()).isEqualTo(5);
    assertThat(review.path("href").asText()).as("the committee opens its step in Tasklist")
        .startsWith("/camunda/app/tasklist/default/#/?task=");
    JsonNode agencyWide = late.path("overdue").path("agencyWide");
    assertThat(agencyWide.path("count").asInt()).as("the committee's own late step counts for the agency").isEqualTo(1);
    assertThat(linkLabels(agencyWide)).singleElement().asString().contains("审核整改方案").contains("逾期5天");
    JsonNode plan = findTask(late, "制定整改方案");
    assertThat(plan.path("agencyLevel").asBoolean()).as("the branch's own step").isFalse();
    assertThat(plan.path("branchCode").asText()).isEqualTo(BUDGET);
    assertThat(row(late, AUDIT).path("overdueTasks").path("count").asInt()).isEqualTo(1);

    JsonNode partyGroupView = board(agency.partyGroup());
    assertThat(partyGroupView.path("overdue").path("agencyWide").path("count").asInt()).isEqualTo(1);
    assertThat(findTask(partyGroupView, "审核整改方案").path("href").asText())
        .as("the party group cannot open the committee's task in Tasklist: the branch's page instead")
        .isEqualTo("/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId() + "&branch=" + AUDIT);
  }

  @Test
  void thePartyGroupsLateMeasureDecisionIsLateForTheAgency() {
    cycle.scores(TREASURY, 70, 70, false, null); // 一般: the party group decides a measure within 7 days
    cycle.throughAssessment().approveResults();
    assertThat(board().path("overdue").path("agencyWide").path("count").asInt()).isZero();

    ClockUtil.setCurrentTime(day(10));
    JsonNode late = board();
    JsonNode decision = findTask(late, "党组决定结果运用措施");
    assertThat(decision.path("agencyLevel").asBoolean()).isTrue();
    assertThat(decision.path("branchCode").asText()).isEqualTo(TREASURY);
    assertThat(decision.path("handler").asText()).isEqualTo("市财政局党组");
    assertThat(late.path("overdue").path("agencyWide").path("count").asInt()).isEqualTo(1);
    assertThat(late.path("overdue").path("total").path("count").asInt()).isEqualTo(1);
    assertThat(findTask(board(agency.partyGroup()), "党组决定结果运用措施").path("href").asText())
        .as("the party group opens its own step in Tasklist").isEqualTo("/camunda/app/tasklist/default/#/?task="
            + cycle.task("Task_DecideMeasure").getId());
  }

  // ----------------------------------------------------------------- one branch's page

  @Test
  void aBranchsPageShowsItsItemsReportsFindingsAndLateStepsAndNoOtherBranchs() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    engine.getTaskService().claim(cycle.branchTask("Task_ReportProgress", AUDIT).getId(), agency.secretary(TestAgency.AUDIT));
    agency.branches().forEach(cycle::reportProgress);
    engine.getTaskService().claim(inspection(AUDIT), agency.committee());
    cycle.inspect(AUDIT, "主题党日活动流于形式").inspect(BUDGET, "三会一课记录不全");
    ClockUtil.setCurrentTime(day(10)); // both branches' rectification plans (due day 7) are 3 days late

    JsonNode page = branchPage(AUDIT, agency.committee());
    assertThat(page.path("code").asText()).isEqualTo(AUDIT);
    assertThat(page.path("name").asText()).isEqualTo("监督检查局党支部");
    assertThat(page.path("cycle").path("id").asText()).isEqualTo(cycle.cycleId());
    assertThat(page.path("stageLabel").asText()).as("its inspection is done, others' not: the round goes on").isEqualTo("同检查");
    assertThat(page.path("waiting").asBoolean()).isTrue();
    assertThat(page.path("dashboardHref").asText()).isEqualTo("/camunda/app/cockpit/default/#/liutong-dashboard?cycle="
        + cycle.cycleId());

    assertThat(page.path("items").findValuesAsText("goalName")).as("its own, none of the party group's or committee's")
        .containsExactly("支部标准化规范化建设");
    assertThat(page.path("items").get(0).path("milestoneDate").asText()).isEqualTo(milestoneDate);
    assertThat(page.path("items").get(0).path("signedAt").asText()).as("signed for").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");

    JsonNode report = page.path("reports").get(0);
    assertThat(page.path("reports")).hasSize(1);
    assertThat(report.path("round").asInt()).isEqualTo(1);
    assertThat(report.path("partyProgress").asText()).isEqualTo("按期召开三会一课，开展主题党日两次");
    assertThat(report.path("reportedBy").asText()).as("a name, not a login").isEqualTo("郑宇");

    JsonNode finding = page.path("findings").get(0);
    assertThat(page.path("findings")).hasSize(1);
    assertThat(finding.path("problemsFound").asBoolean()).isTrue();
    assertThat(finding.path("problem").asText()).isEqualTo("主题党日活动流于形式");
    assertThat(finding.path("inspectedBy").asText()).isEqualTo("王强");

    JsonNode rect = page.path("rectifications").get(0);
    assertThat(page.path("rectifications")).hasSize(1);
    assertThat(rect.path("sourceLabel").asText()).isEqualTo("督查发现");
    assertThat(rect.path("statusLabel").asText()).isEqualTo("整改中");
    assertThat(rect.path("openSteps").get(0).asText()).isEqualTo("制定整改方案");

    JsonNode lateSteps = page.path("lateSteps");
    assertThat(lateSteps).hasSize(1);
    assertThat(lateSteps.get(0).path("name").asText()).isEqualTo("制定整改方案");
    assertThat(lateSteps.get(0).path("daysOverdue").asInt()).isEqualTo(3);
    assertThat(lateSteps.get(0).path("handler").asText()).isEqualTo("监督检查局党支部委员会");
    assertThat(lateSteps.get(0).path("href").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task="
        + rectification(AUDIT).task("Task_DraftRectificationPlan").getId());
    String body = rest.get(branchPath(AUDIT), agency.committee()).body();
    assertThat(body).as("nothing of the other branches").doesNotContain("预算处").doesNotContain("国库处")
        .doesNotContain("三会一课记录不全").doesNotContain(BUDGET).doesNotContain(TREASURY);

    assertThat(branchPage(AUDIT, agency.partyGroup()).path("lateSteps").get(0).path("href").isNull())
        .as("the party group cannot open the branch's task in Tasklist: no link").isTrue();
    assertThat(branchPage(AUDIT, agency.secretary(TestAgency.AUDIT)).path("findings")).as("the branch's own secretary")
        .hasSize(1);
    assertThat(branchPage(AUDIT, "admin").path("items")).hasSize(1);

    WebappSession manager = new WebappSession(port);
    assertThat(manager.login(agency.committee(), "cockpit").status()).isEqualTo(200);
    var throughCockpit = manager.get(PLUGIN_API + "/branch?cycle=" + cycle.cycleId() + "&branch=" + AUDIT);
    assertThat(throughCockpit.status()).isEqualTo(200);
    assertThat(throughCockpit.json().path("findings")).isEqualTo(page.path("findings"));
    assertThat(new WebappSession(port).get(PLUGIN_API + "/branch?cycle=" + cycle.cycleId() + "&branch=" + AUDIT).status())
        .as("no session").isEqualTo(401);
  }

  @Test
  void aBranchsPageIsRefusedAsMissingToWhoMayNotSeeThatBranch() {
    cycle.start().plan().decompose();
    String other = UUID.randomUUID().toString();
    ledger.openCycle(other, "harbour", "2026年度港航局融合工作", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
        "harbourcommittee");

    assertThat(rest.get(branchPath(BUDGET), agency.secretary(TestAgency.BUDGET)).status()).as("own branch").isEqualTo(200);
    assertThat(rest.get(branchPath(AUDIT), agency.secretary(TestAgency.BUDGET)).status()).as("another branch")
        .isEqualTo(404);
    assertThat(rest.get(branchPath(BUDGET), agency.member(TestAgency.BUDGET, 0)).status())
        .as("a member sees no branch rows").isEqualTo(404);
    assertThat(rest.get(branchPath(BUDGET), otherAgency.committee()).status()).as("another agency's committee")
        .isEqualTo(404);
    assertThat(rest.get(branchPath(BUDGET), otherAgency.partyGroup()).status()).as("another agency's party group")
        .isEqualTo(404);
    assertThat(rest.get(branchPath("noSuchBranch"), agency.committee()).status()).isEqualTo(404);
    assertThat(rest.get("/api/dashboard/branch?cycle=" + other + "&branch=" + BUDGET, agency.committee()).status())
        .as("a branch code under another agency's cycle").isEqualTo(404);
    assertThat(rest.get("/api/dashboard/branch?branch=" + BUDGET, agency.committee()).status()).isEqualTo(404);
    var missing = rest.get("/api/dashboard/branch?cycle=no-such-cycle&branch=" + BUDGET, agency.committee());
    var refused = rest.get(branchPath(AUDIT), agency.secretary(TestAgency.BUDGET));
    assertThat(refused.json().path("detail")).as("says no more than for a missing one").isEqualTo(missing.json().path("detail"));
    assertThat(rest.get(branchPath(BUDGET), null, null).status()).isEqualTo(401);

    WebappSession secretary = new WebappSession(port);
    assertThat(secretary.login(agency.secretary(TestAgency.BUDGET), "tasklist").status()).isEqualTo(200);
    assertThat(secretary.get(PLUGIN_API + "/branch?cycle=" + cycle.cycleId() + "&branch=" + AUDIT).status())
        .as("the plugin's door keeps the same rules").isIn(403, 404);
  }

  // ----------------------------------------------------------------- rectifications

  @Test
  void rectificationsOpenedVerifiedAndOverdue() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    cycle.inspect(AUDIT, "主题党日活动流于形式").inspect(BUDGET, "三会一课记录不全").inspect(TREASURY, null);
    new RectificationDriver(engine, RectificationDriver.of(engine, cycle.cycleId(), BUDGET).get(0)).completely();
    var auditRectification = RectificationDriver.of(engine, cycle.cycleId(), AUDIT).get(0);

    // the deadline is 30 days out (rectificationDays); the day after it, the overdue timer fires
    ClockUtil.setCurrentTime(Date.from(today.plusDays(31).atStartOfDay(ZoneId.systemDefault()).toInstant()));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(auditRectification.getId()).timers().activityId("BoundaryEvent_RectificationOverdue")
        .singleResult().getId());

    JsonNode board = board();
    JsonNode totals = board.path("rectifications");
    assertThat(totals.path("opened").path("count").asInt()).isEqualTo(2);
    assertThat(totals.path("open").path("count").asInt()).isEqualTo(1);
    assertThat(totals.path("verified").path("count").asInt()).isEqualTo(1);
    assertThat(totals.path("overdue").path("count").asInt()).isEqualTo(1);
    assertThat(totals.path("overdue").path("links").get(0).path("href").asText())
        .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + auditRectification.getId() + "/runtime");
    assertThat(totals.path("verified").path("links").get(0).path("href").isNull()).as("verified: instance ended").isTrue();

    assertThat(rectCounts(row(board, AUDIT))).containsExactly(1, 1, 0, 1);
    assertThat(rectCounts(row(board, BUDGET))).containsExactly(1, 0, 1, 0);
    assertThat(rectCounts(row(board, TREASURY))).containsExactly(0, 0, 0, 0);

    // the audit branch never drafted its plan (due day 7): 24 days late, a rectification step
    JsonNode rectificationTask = findTask(board, "制定整改方案");
    assertThat(rectificationTask.path("source").asText()).isEqualTo("整改");
    assertThat(rectificationTask.path("branchCode").asText()).isEqualTo(AUDIT);
    assertThat(rectificationTask.path("daysOverdue").asInt()).isEqualTo(24);
  }

  // ----------------------------------------------------------------- grades and ranking

  @Test
  void gradeDistributionAndRankingAfterAFullCycle() {
    // (party×30 + business×70)/100 × 0.8 + members' 好评率 100 × 0.2
    cycle.scores(AUDIT, 95, 95, false, null);          // 96.0 优秀
    cycle.scores(TREASURY, 70, 70, false, null);   // 76.0 一般; the budget branch keeps 85/88: (85*40 + 88*60)/100 = 86.8*0.8 + 20 = 89.4 良好
    cycle.throughAssessment();
    JsonNode unapproved = board();
    assertThat(gradeCounts(unapproved)).containsEntry("优秀", 1).containsEntry("良好", 1).containsEntry("一般", 1)
        .containsEntry("较差", 0);
    assertThat(unapproved.path("ranking").get(0).path("approved").asBoolean()).isFalse();

    cycle.approveResults();
    JsonNode accountability = board();
    assertThat(stageCounts(accountability)).as("一般 waits for the party group's measure").containsEntry("accountability", 3);
    assertThat(row(accountability, TREASURY).path("steps").toString()).contains("党组决定结果运用措施");
    assertThat(row(accountability, AUDIT).path("steps").toString()).as("优秀: recognition").contains("党组决定结果运用措施");
    assertThat(row(accountability, BUDGET).path("waiting").asBoolean()).isTrue();

    cycle.decideMeasure(TREASURY, "interview").decideMeasure(AUDIT, "commend");
    JsonNode closed = board();
    assertThat(gradeCounts(closed)).containsEntry("优秀", 1).containsEntry("良好", 1).containsEntry("一般", 1)
        .containsEntry("较差", 0);
    JsonNode ranking = closed.path("ranking");
    assertThat(ranking.findValuesAsText("code")).containsExactly(AUDIT, BUDGET, TREASURY);
    assertThat(ranking.findValues("rank").stream().map(JsonNode::asInt).toList()).containsExactly(1, 2, 3);
    assertThat(ranking.findValues("weightedScore").stream().map(JsonNode::decimalValue).map(d -> d.stripTrailingZeros().toPlainString()).toList())
        .containsExactly("96", "89.4", "76");
    assertThat(ranking.findValues("approved").stream().allMatch(JsonNode::asBoolean)).isTrue();
    assertThat(row(closed, TREASURY).path("grade").asText()).isEqualTo("一般");
    assertThat(row(closed, TREASURY).path("rank").asInt()).isEqualTo(3);
  }

  @Test
  void withoutACycleAskedForTheAgencysLatestIsShown() {
    ClockUtil.setCurrentTime(day(1000)); // later than any cycle other tests of this context started
    int year = today.plusDays(1000).getYear();
    Map<String, Object> form = CycleDriver.startForm(); // a period not over at that day
    form.put("periodStart", year + "-01-01");
    form.put("periodEnd", year + "-12-31");
    cycle.start(form);
    assertThat(rest.get("/api/dashboard?agency=" + agency.id(), agency.committee()).json().path("cycle").path("id").asText())
        .isEqualTo(cycle.cycleId());
    JsonNode board = rest.get("/api/dashboard", agency.partyGroup()).json();
    assertThat(board.path("cycle").path("id").asText()).isEqualTo(cycle.cycleId());
    assertThat(board.path("agencyId").asText()).isEqualTo(agency.id());
    assertThat(board.path("cycles").get(0).path("id").asText()).as("the selector lists the latest first")
        .isEqualTo(cycle.cycleId());
  }

  // ----------------------------------------------------------------- visibility

  @Test
  void eachCallerSeesTheirOwnAgencyAndBranches() {
    cycle.start().plan().decompose();
    String other = UUID.randomUUID().toString();
    ledger.openCycle(other, "harbour", "2026年度港航局融合工作", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
        "harbourcommittee");

    assertThat(rest.get("/api/dashboard?cycle=" + other, agency.committee()).status()).isEqualTo(404);
    assertThat(rest.get("/api/dashboard?agency=harbour", agency.committee()).status()).isEqualTo(404);
    assertThat(rest.get("/api/dashboard?agency=" + agency.id() + "&cycle=" + other, agency.committee()).status())
        .as("a cycle of another agency than the one asked for").isEqualTo(404);
    var missing = rest.get("/api/dashboard?cycle=no-such-cycle", agency.committee());
    var foreign = rest.get("/api/dashboard?cycle=" + other, agency.committee());
    assertThat(foreign.json().path("detail")).as("says no more than for a missing one").isEqualTo(missing.json().path("detail"));
    assertThat(foreign.body()).doesNotContain("harbour").doesNotContain("港航");
    assertThat(rest.get("/api/dashboard", null, null).status()).isEqualTo(401);

    assertThat(board(agency.partyGroup()).path("branches")).as("the party group sees the whole agency").hasSize(3);
    assertThat(board("admin").path("branches")).hasSize(3);
    JsonNode secretary = board(agency.secretary(TestAgency.BUDGET));
    assertThat(secretary.path("branches").findValuesAsText("code")).as("a secretary sees their own branch")
        .containsExactly(BUDGET);
    assertThat(stageCounts(secretary)).containsEntry("deploy", 1);
    assertThat(board(agency.member(TestAgency.BUDGET, 0)).path("branches"))
        .as("a member sees the cycle, no branch rows").isEmpty();
    assertThat(board(agency.committee()).path("agencies").findValuesAsText("name")).containsExactly("市财政局");
    assertThat(board(agency.committee()).path("cycles").findValuesAsText("id")).contains(cycle.cycleId())
        .doesNotContain(other);
  }

  // ----------------------------------------------------------------- Cockpit

  @Test
  void cockpitSessionReadsTheSameNumbersThroughThePluginResource() {
    cycle.start().plan().decompose().signFor(AUDIT);

    assertThat(new WebappSession(port).get(PLUGIN_API + "?cycle=" + cycle.cycleId()).status())
        .as("no session").isEqualTo(401);

    WebappSession manager = new WebappSession(port);
    assertThat(manager.login(agency.committee(), "cockpit").status()).isEqualTo(200);
    var response = manager.get(PLUGIN_API + "?cycle=" + cycle.cycleId());
    assertThat(response.status()).isEqualTo(200);
    assertThat(stageCounts(response.json())).containsEntry("deploy", 2).containsEntry("implement", 1);
    assertThat(response.json().path("stages")).isEqualTo(board().path("stages"));
    assertThat(manager.get(PLUGIN_API + "?agency=harbour").status()).isEqualTo(404);

    WebappSession partyGroup = new WebappSession(port);
    assertThat(partyGroup.login(agency.partyGroup(), "cockpit").status()).isEqualTo(200);
    assertThat(partyGroup.get(PLUGIN_API + "?cycle=" + cycle.cycleId()).json().path("branches")).hasSize(3);
  }

  @Test
  void cockpitLoadsThePluginScript() {
    var script = new WebappSession(port).get("/camunda/api/cockpit/plugin/liutong-dashboard/static/app/plugin.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains("liutong-dashboard").contains("cockpit.route").contains("cockpit.navigation")
        .contains("六同看板").contains("X-XSRF-TOKEN");
    assertThat(new WebappSession(port).get("/camunda/api/cockpit/plugin/liutong-dashboard/static/app/plugin.css").status())
        .isEqualTo(200);
    assertThat(new WebappSession(port).get("/camunda/app/cockpit/default/").body())
        .as("Cockpit's page lists the plugin among the packages it imports")
        .contains("cockpit-plugin-liutong-dashboard")
        .contains("/camunda/api/cockpit/plugin/liutong-dashboard/static/app");
  }

  // ----------------------------------------------------------------- helpers

  /** Every branch reported; the audit and budget branches were found with problems, the treasury branch waits. */
  private void inspectedWithProblems() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    cycle.inspect(AUDIT, "主题党日活动流于形式").inspect(BUDGET, "三会一课记录不全");
  }

  private RectificationDriver rectification(String branch) {
    return new RectificationDriver(engine, RectificationDriver.of(engine, cycle.cycleId(), branch).get(0));
  }

  private String inspection(String branch) {
    return cycle.tasks("Task_Inspect").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst()
        .orElseThrow().getId();
  }

  private String branchPath(String branch) {
    return "/api/dashboard/branch?cycle=" + cycle.cycleId() + "&branch=" + branch;
  }

  private JsonNode branchPage(String branch, String user) {
    var response = rest.get(branchPath(branch), user);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private JsonNode board() {
    return board(agency.committee());
  }

  private JsonNode board(String user) {
    var response = rest.get("/api/dashboard?cycle=" + cycle.cycleId(), user);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private Map<String, Integer> stageCounts() {
    return stageCounts(board());
  }

  private static Map<String, Integer> stageCounts(JsonNode board) {
    return counts(board.path("stages"), "key");
  }

  private static Map<String, Integer> gradeCounts(JsonNode board) {
    return counts(board.path("grades"), "grade");
  }

  /** Stages or grades: how many branches each names. */
  private static Map<String, Integer> counts(JsonNode entries, String name) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    entries.forEach(e -> counts.put(e.path(name).asText(), e.path("branches").path("count").asInt()));
    return counts;
  }

  private static JsonNode stage(JsonNode board, String key) {
    return find(board.path("stages"), "key", key).path("branches");
  }

  private static JsonNode row(JsonNode board, String branch) {
    return find(board.path("branches"), "code", branch);
  }

  private static JsonNode findTask(JsonNode board, String name) {
    return find(board.path("overdue").path("tasks"), "name", name);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.path(field).asText())) {
        return element;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + array);
  }

  private static List<String> linkLabels(JsonNode figure) {
    List<String> labels = new ArrayList<>();
    figure.path("links").forEach(l -> labels.add(l.path("label").asText()));
    return labels;
  }

  /** Opened, still open, verified, ever overdue. */
  private static List<Integer> rectCounts(JsonNode row) {
    return List.of(row.path("rectificationsOpened").path("count").asInt(), row.path("rectificationsOpen").path("count").asInt(),
        row.path("rectificationsVerified").path("count").asInt(), row.path("rectificationsOverdue").path("count").asInt());
  }

  /** Noon of the day so many days from today. */
  private Date day(int fromToday) {
    return Date.from(today.plusDays(fromToday).atTime(LocalTime.NOON).atZone(ZoneId.systemDefault()).toInstant());
  }
}
