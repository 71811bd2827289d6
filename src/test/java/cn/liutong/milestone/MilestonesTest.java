package cn.liutong.milestone;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.support.FrozenClock;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * Milestones tracked (亮灯) in a cycle of the class's own agency, from 2026-03-02: four items, 监督检查局 one
 * (2026-06-30), 预算处 two (2026-04-10, 2026-05-31), 国库处 one (2026-03-08), reported on per item over the engine's
 * REST API as Tasklist submits the form; the lights read from the dashboard API as managers read them; the
 * warnings written by the scan as the scheduler runs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@FrozenClock("2026-03-02T10:00")
class MilestonesTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must not see the class's agency's lights. */
  @RegisterExtension
  static final TestAgency otherAgency = TestAgency.fresh();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Milestones milestones;
  @Autowired
  MilestoneWarnings warnings;
  @LocalServerPort
  int port;

  private CycleDriver cycle;
  private Rest rest;

  @BeforeEach
  void driver() {
    cycle = new CycleDriver(engine, agency);
    rest = new Rest(port);
  }

  /** Up to the progress reports of the first inspection round. */
  private void reporting() {
    List<String> goals = CycleDriver.goals().stream().map(g -> (String) g.get(CycleProcess.Goal.NAME)).toList();
    List<Map<String, Object>> items = cycle.withAgencyLevels(List.of(
        item(goals.get(0), AUDIT, "完成支部标准化自查", "2026-06-30"),
        item(goals.get(1), BUDGET, "完成预算绩效专题调研", "2026-04-10"),
        item(goals.get(2), BUDGET, "形成读书分享阶段报告", "2026-05-31"),
        item(goals.get(3), TREASURY, "一季度预算执行分析", "2026-03-08")));
    cycle.start().plan().decompose(items).deploy_signAll();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
  }

  private Map<String, Object> item(String goal, String branchKey, String milestone, String date) {
    return cycle.branchItem(goal, agency.branch(branchKey), milestone, date);
  }

  private static Map<String, Object> row(int itemNo, String status, String note) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("itemNo", itemNo);
    row.put("status", status);
    row.put("note", note);
    return row;
  }

  private Rest.Response report(Task task, List<Map<String, Object>> rows) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(CycleProcess.Var.PARTY_PROGRESS, "按期召开三会一课，开展主题党日两次");
    form.put(CycleProcess.Var.BUSINESS_PROGRESS, "预算执行率达到进度要求");
    form.put(CycleProcess.ItemProgress.LIST, rows);
    return rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Rest.formVariables(form)),
        agency.secretary(BUDGET));
  }

  private int itemRows() {
    return jdbc.queryForObject("select count(*) from lt_item_progress where cycle_id = ?", Integer.class, cycle.cycleId());
  }

  /** The branches' items' lights (the party group's and the committee's follow them, numbered 5 to 7). */
  private Map<Integer, String> lights() {
    Map<Integer, String> lights = new LinkedHashMap<>();
    milestones.ofCycle(cycle.cycleId()).stream().filter(l -> agency.branches().contains(l.branchCode()))
        .forEach(l -> lights.put(l.itemNo(), l.light().key()));
    return lights;
  }

  @Test
  void theBranchReportsEachOfItsItemsOnceAndNothingOfAnotherBranch() throws Exception {
    reporting();
    Task task = cycle.branchTask(CycleProcess.Activity.REPORT_PROGRESS, agency.branch(BUDGET));
    JsonNode shown = JSON.readTree(engine.getTaskService().getVariable(task.getId(), CycleProcess.ItemProgress.LIST).toString());
    assertThat(shown).as("the branch's two items, numbered as in the cycle's list").hasSize(2);
    assertThat(shown.get(0).path("itemNo").asInt()).isEqualTo(2);
    assertThat(shown.get(0).path("milestone").asText()).isEqualTo("完成预算绩效专题调研");
    assertThat(shown.get(0).path("milestoneDate").asText()).isEqualTo("2026-04-10");
    assertThat(shown.get(0).path("status").asText()).as("nothing reported yet").isEqualTo("notStarted");
    assertThat(shown.get(1).path("itemNo").asInt()).isEqualTo(3);

    Rest.Response missing = report(task, List.of(row(2, "done", "")));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("请报告第3项责任事项");
    Rest.Response foreign = report(task, List.of(row(2, "done", ""), row(3, "inProgress", ""), row(4, "done", "")));
    assertThat(foreign.status()).as("国库处's item").isEqualTo(400);
    assertThat(foreign.body()).contains("序号4不是本支部本周期的责任事项");
    Rest.Response twice = report(task, List.of(row(2, "done", ""), row(2, "inProgress", ""), row(3, "done", "")));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.body()).contains("第2项责任事项重复报告");
    Rest.Response badStatus = report(task, List.of(row(2, "finished", ""), row(3, "inProgress", "")));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body()).contains("本支部第1项责任事项：请选择状态");
    Rest.Response longNote = report(task, List.of(row(2, "done", "字".repeat(201)), row(3, "inProgress", "")));
    assertThat(longNote.status()).isEqualTo(400);
    assertThat(longNote.body()).contains("进展说明不能超过200个字");
    assertThat(itemRows()).as("nothing written by a refused report").isZero();
    assertThat(jdbc.queryForObject("select count(*) from lt_progress_report where cycle_id = ?", Integer.class,
        cycle.cycleId())).isZero();

    Rest.Response good = report(task, List.of(row(2, "done", "调研报告已印发"), row(3, "inProgress", "")));
    assertThat(good.status()).as(good.body()).isEqualTo(204);
    List<Map<String, Object>> rows = jdbc.queryForList("select i.position, p.status, p.note, p.round, p.reported_by"
        + " from lt_item_progress p join lt_responsibility_item i on i.id = p.item_id where p.cycle_id = ? order by i.position",
        cycle.cycleId());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("POSITION", 2).containsEntry("STATUS", "done").containsEntry("NOTE", "调研报告已印发")
        .containsEntry("ROUND", 1).containsEntry("REPORTED_BY", agency.secretary(BUDGET));
    assertThat(rows.get(1)).containsEntry("POSITION", 3).containsEntry("STATUS", "inProgress").containsEntry("NOTE", null);
  }

  @Test
  void lightsFollowTheDatesAndTheLatestStatus() {
    reporting();
    assertThat(lights()).as("2026-03-02, nothing reported: 国库处's 03-08 within 7 days")
        .containsExactly(Map.entry(1, "onTrack"), Map.entry(2, "onTrack"), Map.entry(3, "onTrack"), Map.entry(4, "dueSoon"));
    cycle.reportProgress(agency.branch(BUDGET), Map.of(2, "done", 3, "inProgress"));

    at("2026-03-09T09:00");
    assertThat(lights()).containsExactly(Map.entry(1, "onTrack"), Map.entry(2, "done"), Map.entry(3, "onTrack"),
        Map.entry(4, "overdue"));
    at("2026-05-23T09:00");
    assertThat(lights().get(3)).as("8 days before").isEqualTo("onTrack");
    at("2026-05-24T09:00");
    assertThat(lights().get(3)).as("7 days before").isEqualTo("dueSoon");
    at("2026-06-01T00:30");
    assertThat(lights()).as("the day after, in liutong.time-zone").containsEntry(3, "overdue").containsEntry(2, "done");
  }

  @Test
  void theScanWarnsTheSecretariesOncePerItemAndKind() {
    reporting();
    warnings.scan();
    warnings.scan();
    assertThat(messages("MILESTONE_DUE_SOON")).as("国库处's item, to its secretary, once")
        .containsExactly(agency.secretary(TREASURY));
    assertThat(messages("MILESTONE_OVERDUE")).isEmpty();

    at("2026-03-09T09:00");
    warnings.scan();
    warnings.scan();
    assertThat(messages("MILESTONE_OVERDUE")).containsExactly(agency.secretary(TREASURY));
    assertThat(messages("MILESTONE_DUE_SOON")).hasSize(1);
    assertThat(jdbc.queryForObject("select count(*) from lt_milestone_warning where cycle_id = ?", Integer.class,
        cycle.cycleId())).isEqualTo(2);
    assertThat(jdbc.queryForList("select subject from lt_notification where agency_id = ? and kind = 'MILESTONE_OVERDUE'",
        String.class, agency.id())).first().asString().contains("节点逾期").contains("一季度预算执行分析");
  }

  @Test
  void aPartyGroupItemsMilestoneWarnsItsOwnerNotABranch() {
    reporting();
    // 赵敏's own item (党组书记) falls due with the treasury's
    assertThat(jdbc.update("update lt_responsibility_item set milestone_date = ? where cycle_id = ? and owner_id = ?"
        + " and level <> 'branch'", java.sql.Date.valueOf("2026-03-08"), cycle.cycleId(), agency.partyGroup())).isEqualTo(1);
    warnings.scan();
    assertThat(messages("MILESTONE_DUE_SOON")).as("the treasury's secretary for its item, 赵敏 for hers")
        .containsExactlyInAnyOrder(agency.secretary(TREASURY), agency.partyGroup());
  }

  @Test
  void twoNodesScanningAtOnceWarnOnce() throws Exception {
    reporting();
    java.util.Date now = ClockUtil.getCurrentTime();
    List<Thread> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      nodes.add(new Thread(() -> {
        ClockUtil.setCurrentTime(now);
        warnings.scan();
      }));
    }
    nodes.forEach(Thread::start);
    for (Thread node : nodes) {
      node.join();
    }
    assertThat(messages("MILESTONE_DUE_SOON")).containsExactly(agency.secretary(TREASURY));
  }

  @Test
  void theDashboardShowsTheLightsToThoseWhoSeeTheBranch() {
    reporting();
    Task task = cycle.branchTask(CycleProcess.Activity.REPORT_PROGRESS, agency.branch(BUDGET));
    assertThat(report(task, List.of(row(2, "done", "调研报告已印发"), row(3, "inProgress", ""))).status()).isEqualTo(204);

    // by cycle: every test of the class starts its cycle at the same frozen moment
    JsonNode board = rest.get("/api/dashboard?cycle=" + cycle.cycleId(), agency.committee()).json();
    JsonNode all = board.path("milestones");
    assertThat(List.of(count(all, "done"), count(all, "onTrack"), count(all, "dueSoon"), count(all, "overdue")))
        .as("the branches' four and the party group's and committee's three (06-30)").containsExactly(1, 5, 1, 0);
    JsonNode budget = branchRow(board, agency.branch(BUDGET)).path("milestones");
    assertThat(List.of(count(budget, "done"), count(budget, "onTrack"))).containsExactly(1, 1);
    assertThat(budget.path("done").path("links").get(0).path("label").asText()).contains("第2项").contains("已完成");
    assertThat(count(branchRow(board, agency.branch(TREASURY)).path("milestones"), "dueSoon")).isEqualTo(1);

    JsonNode secretaryBoard = rest.get("/api/dashboard?cycle=" + cycle.cycleId(), agency.secretary(BUDGET)).json();
    assertThat(count(secretaryBoard.path("milestones"), "onTrack") + count(secretaryBoard.path("milestones"), "done"))
        .as("a secretary counts the own branch's items only").isEqualTo(2);
    assertThat(count(secretaryBoard.path("milestones"), "dueSoon")).isZero();

    String branchPath = "/api/dashboard/branch?cycle=" + cycle.cycleId() + "&branch=" + agency.branch(BUDGET);
    JsonNode page = rest.get(branchPath, agency.secretary(BUDGET)).json();
    assertThat(page.path("items")).hasSize(2);
    assertThat(page.path("items").get(0).path("itemNo").asInt()).isEqualTo(2);
    assertThat(page.path("items").get(0).path("light").asText()).isEqualTo("done");
    assertThat(page.path("items").get(0).path("lightColour").asText()).isEqualTo("green");
    assertThat(page.path("items").get(0).path("statusNote").asText()).isEqualTo("调研报告已印发");
    assertThat(page.path("items").get(1).path("statusLabel").asText()).isEqualTo("推进中");
    at("2026-06-01T09:00");
    assertThat(rest.get(branchPath, agency.committee()).json().path("items").get(1).path("lightLabel").asText())
        .isEqualTo("逾期");

    assertThat(rest.get(branchPath, agency.secretary(TREASURY)).status()).as("another branch's secretary").isEqualTo(404);
    assertThat(rest.get(branchPath, otherAgency.committee()).status()).as("another agency").isEqualTo(404);
    assertThat(rest.get("/api/dashboard?agency=" + agency.id(), otherAgency.committee()).status()).isEqualTo(404);
    assertThat(rest.get("/api/dashboard?cycle=" + cycle.cycleId(), otherAgency.partyGroup()).status()).isEqualTo(404);
  }

  /** The e-mails of this kind about this test's cycle (the event key names the item). */
  private List<String> messages(String kind) {
    return jdbc.queryForList("select n.recipient from lt_notification n join lt_responsibility_item i"
        + " on n.dedup_key like concat(?, ':', i.id, ':%') where i.cycle_id = ? and n.channel = 'EMAIL'",
        String.class, kind, cycle.cycleId());
  }

  private static JsonNode branchRow(JsonNode board, String code) {
    for (JsonNode row : board.path("branches")) {
      if (row.path("code").asText().equals(code)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + code);
  }

  private static int count(JsonNode lights, String light) {
    return lights.path(light).path("count").asInt();
  }

  private static void at(String moment) {
    ClockUtil.setCurrentTime(java.util.Date.from(java.time.LocalDateTime.parse(moment)
        .atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant()));
  }
}
