package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.demo.CycleScenario;
import cn.liutong.milestone.Light;
import cn.liutong.milestone.Milestones;
import cn.liutong.organisation.TestOrganisationImport;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * #11's year (done-when): one agency's 2027 cycle on PostgreSQL with the engine clock moved through the year —
 * four calendar inspection rounds at the quarter ends, a member leaving in January with an open pledge, a
 * branch founded in May, a pledge waived, milestones gone red after 30 June — closes before its period ends
 * (the assessment in January 2028, inside a period to 31 January), and its open rectification arrives in the
 * 2028 cycle, which is already drafting its goals. The year's timeline is printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class AgencyYearPostgresIT {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  private static final String PERIOD_END = "2028-01-31";
  private static final String TIMER = "TimerEvent_InspectionDue";
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  ApplicationContext context;

  @Autowired
  Milestones milestones;

  private final List<String> timeline = new ArrayList<>();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aYearOfTheAgencyClosesWithinItsPeriodAndCarriesItsOpenProblemOn() throws Exception {
    String budget = agency.branch(TestAgency.BUDGET);
    String audit = agency.branch(TestAgency.AUDIT);
    String treasury = agency.branch(TestAgency.TREASURY);
    agency.importInto(context);
    Rest rest = new Rest(port);

    at("2027-01-04T09:00+08:00", "机关党委发起2027年度周期（2027-01-01至2028-01-31，4轮督查）");
    CycleDriver cycle = new CycleDriver(engine, agency)
        .start(CycleScenario.startForm("2027年度党建与业务融合工作", "2027-01-01", PERIOD_END, 4L, 30L));
    cycle.plan().deploy();
    log("同规划：党组审批目标；同部署：三个支部签收责任清单（重要节点 2027-06-30）");

    at("2027-01-11T10:00+08:00", null);
    String leaver = agency.member(TestAgency.BUDGET, 1);
    cycle.planImplementation(budget);
    String leaversPledge = cycle.memberTask("Task_Pledge", leaver).getId();
    importCsv(Arrays.stream(new String(agency.csv(), StandardCharsets.UTF_8).split("\n"))
        .filter(line -> !line.contains("," + leaver + ",")).collect(Collectors.joining("\n", "", "\n")));
    assertThat(engine.getTaskService().createTaskQuery().taskId(leaversPledge).singleResult().getAssignee())
        .as("the leaver's pledge goes to the branch's secretary").isEqualTo(agency.secretary(TestAgency.BUDGET));
    log(agency.nameOf(leaver) + "调离预算处党支部：其党员承诺任务交由支部书记" + agency.nameOf(agency.secretary(TestAgency.BUDGET)));
    cycle.submit(engine.getTaskService().createTaskQuery().taskId(leaversPledge).singleResult(),
        Map.of("pledge", "支部书记代为登记：该同志调离前已完成本岗位重点工作交接", "pioneerPost", false));
    for (String member : cycle.members(budget)) {
      if (!engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId()).taskAssignee(member)
          .taskDefinitionKey("Task_Pledge").list().isEmpty()) {
        cycle.submit(cycle.memberTask("Task_Pledge", member), Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", true));
      }
    }
    cycle.planImplementation(audit).pledgeAll(audit);
    cycle.planImplementation(treasury);
    String waived = cycle.memberTask("Task_Pledge", agency.member(TestAgency.TREASURY, 0)).getId();
    var waiver = rest.post("/api/tasks/" + waived + "/actions/waive", Map.of("reason", "该同志病休三个月，经党委研究免于承诺"),
        agency.committee());
    assertThat(waiver.status()).as(waiver.body()).isEqualTo(200);
    log("机关党委免办国库处党支部" + agency.nameOf(agency.member(TestAgency.TREASURY, 0)) + "的党员承诺（病休）");
    for (String member : cycle.members(treasury)) {
      if (!engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId()).taskAssignee(member)
          .taskDefinitionKey("Task_Pledge").list().isEmpty()) {
        cycle.submit(cycle.memberTask("Task_Pledge", member), Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false));
      }
    }
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.cycleId())
        .activityId("SubProcess_Implement#multiInstanceBody").finished().count()).as("同落实 done in January").isOne();
    log("同落实：落实方案和党员承诺完成");

    // round 1 at the end of the first quarter: the budget branch has a problem, its rectification stays open
    round(cycle, 1, "2027-03-31T09:00+08:00", List.of(budget, audit, treasury), Map.of(budget, "三会一课记录不完整"), Map.of());
    assertThat(RectificationDriver.of(engine, cycle.cycleId(), budget)).as("the problem's rectification").hasSize(1);

    at("2027-05-10T10:00+08:00", null);
    String project = agency.id() + "Project";
    importCsv(new String(agency.csv(), StandardCharsets.UTF_8).replaceAll("(?m)^.*," + leaver + ",.*\n", "")
        + agency.id() + "," + agency.name() + ",branch," + project + ",重点项目临时党支部," + agency.id() + "Proj1,何建国,secretary\n"
        + agency.id() + "," + agency.name() + ",branch," + project + ",重点项目临时党支部," + agency.id() + "Proj2,马丽,member\n");
    log("成立重点项目临时党支部（组织导入）");

    // round 2 at the end of June: the new branch reports too; the budget branch has done its items, the others not
    Map<Integer, String> budgetDone = new LinkedHashMap<>();
    milestones.ofCycle(cycle.cycleId()).stream().filter(l -> budget.equals(l.branchCode()))
        .forEach(l -> budgetDone.put(l.itemNo(), CycleProcess.ItemProgress.DONE));
    round(cycle, 2, "2027-06-30T09:00+08:00", List.of(budget, audit, treasury, project), Map.of(), Map.of(budget, budgetDone));

    at("2027-07-01T10:00+08:00", null);
    List<Milestones.ItemLight> lights = milestones.ofCycle(cycle.cycleId());
    assertThat(lights).filteredOn(l -> budget.equals(l.branchCode())).extracting(Milestones.ItemLight::light)
        .isNotEmpty().containsOnly(Light.DONE);
    assertThat(lights).filteredOn(l -> audit.equals(l.branchCode())).extracting(Milestones.ItemLight::light)
        .isNotEmpty().containsOnly(Light.OVERDUE);
    var board = rest.get("/api/dashboard?cycle=" + cycle.cycleId(), agency.committee());
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    assertThat(board.json().path("milestones").path("overdue").path("count").asInt()).as("red on the 六同看板").isPositive();
    log("重要节点 2027-06-30 已过：预算处党支部事项已完成（绿灯），其余支部事项亮红灯 "
        + lights.stream().filter(l -> l.light() == Light.OVERDUE).count() + " 项");

    round(cycle, 3, "2027-09-30T09:00+08:00", List.of(budget, audit, treasury, project), Map.of(), Map.of());
    round(cycle, 4, "2027-12-31T09:00+08:00", List.of(budget, audit, treasury, project), Map.of(), Map.of());
    assertThat(jdbc.queryForList("select round from lt_inspection_bulletin where cycle_id = ? order by round", Integer.class,
        cycle.cycleId())).containsExactly(1, 2, 3, 4);

    at("2028-01-05T09:00+08:00", "机关党委发起2028年度周期，进入同规划（拟定目标）");
    CycleDriver next = new CycleDriver(engine, agency)
        .start(CycleScenario.startForm("2028年度党建与业务融合工作", "2028-01-01", "2028-12-31", 4L, 30L));
    assertThat(next.tasks("Task_DraftGoals")).hasSize(1);

    at("2028-01-10T09:00+08:00", null);
    for (String branch : List.of(budget, audit, treasury, project)) {
      cycle.dutyReport(branch).evaluateAll(branch).score(branch);
    }
    cycle.approveResults();
    log("同考核：四个支部双述双评，机关党委评分，党组审定");
    List<Task> measures = cycle.tasks("Task_DecideMeasure");
    if (!measures.isEmpty()) {
      at("2028-01-15T09:00+08:00", null);
      for (Task measure : measures) {
        cycle.decideMeasure((String) engine.getTaskService().getVariable(measure.getId(), "branchCode"), "interview");
      }
    }
    var ended = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(cycle.cycleId()).singleResult();
    assertThat(ended.getEndTime()).as("the 2027 cycle closed").isNotNull();
    assertThat(ended.getEndTime()).as("within its period").isBefore(date(PERIOD_END + "T23:59+08:00"));
    log("同问责：" + (measures.isEmpty() ? "各支部等次无需问责措施" : "党组决定结果运用措施") + "，2027年度周期结束（期限"
        + PERIOD_END + "）");

    List<String> carried = new ArrayList<>();
    for (JsonNode row : JSON.readTree(String.valueOf(engine.getRuntimeService().getVariable(next.cycleId(),
        CycleProcess.Var.CARRIED_OVER)))) {
      carried.add(row.path("problem").asText());
    }
    assertThat(carried).as("the open rectification arrives in the 2028 draft").anySatisfy(problem ->
        assertThat(problem).contains("预算处党支部").contains("三会一课记录不完整"));
    log("遗留问题结转到正在拟定目标的2028年度周期：" + carried);

    System.out.println("\nAGENCY YEAR (" + agency.name() + ")");
    timeline.forEach(line -> System.out.println("  " + line));
  }

  /**
   * One inspection round at its quarter end: its timer is due then and not before, every listed branch reports
   * (with the item statuses given) and is inspected (with the problem given), and the committee publishes the
   * bulletin.
   */
  private void round(CycleDriver cycle, int round, String moment, List<String> branches, Map<String, String> problems,
      Map<String, Map<Integer, String>> statuses) {
    List<Job> timers = cycle.dueTimers(TIMER);
    assertThat(timers).hasSize(1);
    assertThat(timers.get(0).getDuedate()).as("round " + round).isEqualTo(date(moment));
    at(moment, null);
    cycle.inspectionDue();
    assertThat(cycle.tasks("Task_ReportProgress")).extracting(t -> engine.getTaskService().getVariable(t.getId(), "branchCode"))
        .as("round " + round + " is every branch's").containsExactlyInAnyOrderElementsOf(branches);
    for (String branch : branches) {
      if (statuses.containsKey(branch)) {
        cycle.reportProgress(branch, statuses.get(branch));
      } else {
        cycle.reportProgress(branch);
      }
    }
    for (String branch : branches) {
      cycle.inspectOnly(branch, problems.get(branch));
    }
    cycle.publishBulletin("第" + round + "轮督查：各支部总体推进有力，请对照问题抓好整改");
    log("第" + round + "轮督查（" + moment.substring(0, 10) + "）：" + branches.size() + "个支部报告进展、接受督查，发布督查通报"
        + (problems.isEmpty() ? "" : "；发现问题并发起整改"));
  }

  private void importCsv(String csv) {
    TestOrganisationImport.importCsv(context, csv.getBytes(StandardCharsets.UTF_8));
  }

  private void at(String moment, String event) {
    ClockUtil.setCurrentTime(date(moment));
    if (event != null) {
      log(event);
    }
  }

  private void log(String event) {
    timeline.add(OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.ofHours(8))
        .toLocalDate() + "  " + event);
  }

  private static Date date(String moment) {
    return Date.from(OffsetDateTime.parse(moment).toInstant());
  }
}
