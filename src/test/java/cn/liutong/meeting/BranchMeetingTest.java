package cn.liutong.meeting;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
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
import cn.liutong.attachment.AttachmentFiles;
import cn.liutong.support.FrozenClock;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.WebappSession;

/**
 * 三会一课 and 主题党日: planned in 制定落实方案, recorded on time, late or never, and read or recorded by no one
 * outside the branch (tried over HTTP as another branch's secretary and another agency's secretary).
 * The clock stands in April 2026 (within the default cycle's period, after the March meetings were held), so that
 * the dates below hold in any year the tests run.
 */
@FrozenClock("2026-04-20T10:00")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class BranchMeetingTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must neither see nor touch the class's agency. */
  @RegisterExtension
  static final TestAgency other = TestAgency.fresh();

  private static final String BRANCH = agency.branch(BUDGET);
  private static final String ATTACHMENTS = "/camunda/api/tasklist/plugin/liutong-attachments/default";
  private static final String MINUTES = "学习传达上级精神，研讨预算绩效评价难点，明确三项改进措施和责任人";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  private CycleDriver cycle;

  @BeforeEach
  void bindAssertions() {
    // Several Spring contexts (H2, PostgreSQL) run engines named "default": bind the assertions to ours.
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void removeCycle() {
    if (cycle == null) {
      return;
    }
    for (ProcessInstance meeting : meetings()) {
      engine.getRuntimeService().deleteProcessInstance(meeting.getId(), "test finished");
    }
    jdbc.update("delete from lt_branch_meeting where cycle_id = ?", cycle.cycleId());
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycle.cycleId()).count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(cycle.cycleId(), "test finished");
    }
  }

  private List<ProcessInstance> meetings() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MeetingProcess.KEY)
        .variableValueEquals("cycleId", cycle.cycleId()).list();
  }

  /** Plans the budget branch's meetings and returns the id of the one meeting planned on {@code date}. */
  private String planOne(String date) {
    cycle = new CycleDriver(engine, agency).start().plan().deploy();
    cycle.planImplementation(BRANCH, List.of(Map.of("type", "committeeMeeting", "plannedDate", date, "topicSource", "item1", "topic", "研究预算编审进度")));
    List<ProcessInstance> planned = meetings();
    assertThat(planned).hasSize(1);
    return planned.get(0).getId();
  }

  private Map<String, Object> row(String id) {
    return jdbc.queryForMap("select * from lt_branch_meeting where id = ?", id);
  }

  private Task dueAndOpen(String id) {
    Job due = engine.getManagementService().createJobQuery().processInstanceId(id).activityId("TimerEvent_MeetingDue")
        .singleResult();
    engine.getManagementService().executeJob(due.getId());
    return engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_RecordMeeting")
        .singleResult();
  }

  private static Map<String, Object> record(String heldDate, List<String> attendance) {
    return Map.of("heldDate", heldDate, "attendance", attendance, "minutes", MINUTES);
  }

  private Rest.Response submitAs(String user, Task task, Map<String, Object> form) {
    return new Rest(port).post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(form)), user);
  }

  @Test
  void theSecretaryRecordsAMeetingHeldWithinAWeekOfItsDateAsHeld() {
    String id = planOne("2026-03-15");
    assertThat(row(id)).containsEntry("STATUS", "planned").containsEntry("MEETING_TYPE", "committeeMeeting")
        .containsEntry("BRANCH_CODE", BRANCH).containsEntry("AGENCY_ID", agency.id());
    ProcessInstance meeting = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    assertThat(meeting.getTenantId()).isEqualTo(agency.id());
    assertThat(meeting).isWaitingAt("TimerEvent_MeetingDue");

    Task record = dueAndOpen(id);
    assertThat(record).hasCandidateGroup(agency.secretariesGroup(BUDGET));
    assertThat(record.getDueDate()).isNotNull();
    assertThat(submitAs(agency.secretary(BUDGET), record, record("2026-03-20", agency.members(BUDGET))).status())
        .isEqualTo(204);

    assertThat(meeting).isEnded().hasPassed("EndEvent_MeetingRecorded");
    assertThat(row(id)).containsEntry("STATUS", "held").containsEntry("ATTENDANCE_COUNT", 3)
        .containsEntry("MINUTES", MINUTES).containsEntry("RECORDED_BY", agency.secretary(BUDGET));
  }

  @Test
  void aMeetingHeldMoreThanAWeekAfterItsDateIsHeldLate() {
    String id = planOne("2026-03-15");
    Task record = dueAndOpen(id);
    assertThat(submitAs(agency.secretary(BUDGET), record, record("2026-03-23", List.of(agency.member(BUDGET, 0)))).status()).isEqualTo(204);
    assertThat(row(id)).containsEntry("STATUS", "late").containsEntry("ATTENDANCE_COUNT", 1);
  }

  @Test
  void aMeetingNotRecordedWithinThirtyDaysIsMissing() {
    String id = planOne("2026-03-15");
    dueAndOpen(id);
    Job overdue = engine.getManagementService().createJobQuery().processInstanceId(id)
        .activityId("BoundaryEvent_RecordOverdue").singleResult();
    engine.getManagementService().executeJob(overdue.getId());
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(row(id)).containsEntry("STATUS", "missed");
    assertThat(row(id).get("HELD_DATE")).isNull();
  }

  @Test
  void aTopicComesFromTheBranchsOwnResponsibilityItemsOrItsDifficultiesAndAForgedSourceIsRefused() throws Exception {
    cycle = new CycleDriver(engine, agency).start().plan().deploy();
    List<String> offered = new ArrayList<>();
    for (Map<String, Object> item : cycle.items()) {
      if (BRANCH.equals(item.get("branchCode"))) {
        offered.add("责任清单：" + item.get("goalName") + "——" + item.get("milestone"));
      }
    }
    offered.addAll(List.of("本方案所列业务难点", "其他议题"));
    Task plan = cycle.branchTask("Task_PlanImplementation", BRANCH);
    JsonNode options = new ObjectMapper().readTree(
        String.valueOf(engine.getTaskService().getVariable(plan.getId(), MeetingProcess.Var.MEETING_TOPIC_OPTIONS)));
    assertThat(options.findValuesAsText("label")).as("the 议题来源 choices of this branch").isEqualTo(offered);

    assertThatThrownBy(() -> cycle.planImplementation(BRANCH, List.of(
        Map.of("type", "themeDay", "plannedDate", "2026-03-15", "topicSource", "item9", "topic", "研讨难点"),
        Map.of("type", "partyLecture", "plannedDate", "2026-04-15", "topic", "书记讲党课"))))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("第1次会议：请从所列选项中选择议题来源")
        .hasMessageContaining("第2次会议：请选择议题来源");
    assertThat(meetings()).as("nothing starts from a refused plan").isEmpty();

    // the branch's own secretary cannot widen the choices by sending them along with the plan
    Rest.Response forged = submitAs(agency.secretary(BUDGET), plan, Map.of(
        "partyTopics", "把预算绩效评价难点作为主题党日研讨议题", "implementationPlan", "每月召开一次支委会研究推进",
        "meetings", List.of(Map.of("type", "themeDay", "plannedDate", "2026-03-15", "topicSource", "forged", "topic", "研讨难点")),
        MeetingProcess.Var.MEETING_TOPIC_OPTIONS, List.of(Map.of("label", "伪造的来源", "value", "forged"))));
    assertThat(forged.status()).as(forged.body()).isBetween(400, 403);
    assertThat(meetings()).as("nothing starts from a forged plan").isEmpty();
    assertThat(new ObjectMapper().readTree(String.valueOf(engine.getTaskService().getVariable(plan.getId(),
        MeetingProcess.Var.MEETING_TOPIC_OPTIONS))).findValuesAsText("label")).as("the choices stay the branch's")
        .isEqualTo(offered);

    cycle.planImplementation(BRANCH, List.of(
        Map.of("type", "themeDay", "plannedDate", "2026-03-15", "topicSource", "item1", "topic", "研讨预算编审难点")));
    String id = meetings().get(0).getId();
    assertThat(row(id)).containsEntry("TOPIC_SOURCE", offered.get(0));
    assertThat(engine.getTaskService().getVariable(dueAndOpen(id).getId(), MeetingProcess.Var.TOPIC_SOURCE_LABEL))
        .as("the record form shows where the topic comes from").isEqualTo(offered.get(0));
    assertThat(new Rest(port).get("/api/branch-meetings/" + id, agency.committee()).json().path("topicSource").asText())
        .isEqualTo(offered.get(0));
  }

  @Test
  void aProgressReportPlansMeetingsOnTheDifficultiesItStatesAndTheNextRoundStartsWithNone() {
    ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-05-06 09:00:00"));
    try {
      Map<String, Object> twoRounds = new java.util.HashMap<>(CycleDriver.startForm());
      twoRounds.put("inspectionRounds", 2L);
      cycle = new CycleDriver(engine, agency).start(twoRounds).plan().deploy().planImplementation(BRANCH).pledgeAll(BRANCH)
          .inspectionDue();
      int planned = meetings().size();
      List<Map<String, Object>> onDifficulty = List.of(
          Map.of("type", "themeDay", "plannedDate", "2026-05-20", "topic", "研究预算绩效目标填报不规范的问题"));

      assertThatThrownBy(() -> cycle.reportProgress(BRANCH, "", onDifficulty))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请先填写存在的困难");
      assertThatThrownBy(() -> cycle.reportProgress(BRANCH, "绩效目标填报不规范", List.of(
          Map.of("type", "themeDay", "plannedDate", "2026-05-05", "topic", "研究绩效目标填报"))))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("第1次会议：计划日期应在周期内（2026-01-01 至 2026-12-31）且不早于今天");
      assertThat(meetings()).as("nothing starts from a refused report").hasSize(planned);
      assertThat(jdbc.queryForObject("select count(*) from lt_progress_report where cycle_id = ?", Integer.class,
          cycle.cycleId())).as("nor is the report kept").isZero();

      cycle.reportProgress(BRANCH, "部分处室绩效目标填报不规范", onDifficulty);
      List<Map<String, Object>> rows = jdbc.queryForList(
          "select topic, topic_source, planned_date from lt_branch_meeting where cycle_id = ? and topic_source like '第%'",
          cycle.cycleId());
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0)).containsEntry("TOPIC", "研究预算绩效目标填报不规范的问题")
          .containsEntry("TOPIC_SOURCE", "第1轮进展报告所列困难");
      assertThat(meetings()).hasSize(planned + 1);

      cycle.inspect(BRANCH, null); // the round closes once the other branches are inspected too
      agency.branches().stream().filter(b -> !b.equals(BRANCH)).forEach(b -> cycle.reportProgress(b).inspect(b, null));
      cycle.inspectionDue();
      Task secondReport = cycle.branchTask("Task_ReportProgress", BRANCH);
      assertThat(String.valueOf(engine.getTaskService().getVariable(secondReport.getId(),
          MeetingProcess.Var.DIFFICULTY_MEETINGS))).as("the next report's form starts without meetings").isEqualTo("[]");
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void aPlanWithoutMeetingsOrWithADateOutsideThePeriodIsRefusedAndNothingStarts() {
    cycle = new CycleDriver(engine, agency).start().plan().deploy();
    assertThatThrownBy(() -> cycle.planImplementation(BRANCH, List.of()))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请至少计划一次");
    assertThatThrownBy(() -> cycle.planImplementation(BRANCH, List.of(
        Map.of("type", "themeDay", "plannedDate", "2027-02-01", "topicSource", "other", "topic", "研讨难点"),
        Map.of("type", "dinner", "plannedDate", "2026-05-01", "topicSource", "other", "topic", "研讨难点"))))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("第1次会议：计划日期应在周期内（2026-01-01 至 2026-12-31）")
        .hasMessageContaining("第2次会议：请选择会议类型");
    assertThat(meetings()).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from lt_branch_meeting where cycle_id = ?", Integer.class,
        cycle.cycleId())).isZero();
    assertThat(cycle.branchTask("Task_PlanImplementation", BRANCH)).isNotNull();
  }

  @Test
  void anAttendeeFromAnotherBranchOrAFutureDateIsRefusedAndTheTaskStaysOpen() {
    String id = planOne("2026-03-15");
    Task record = dueAndOpen(id);
    Rest.Response forged = submitAs(agency.secretary(BUDGET), record, record("2026-03-16", List.of(agency.member(BUDGET, 0), agency.secretary(TREASURY))));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("参会人员只能是本支部党员");
    Rest.Response future = submitAs(agency.secretary(BUDGET), record, record("2099-01-01", List.of(agency.member(BUDGET, 0))));
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.body()).contains("召开日期不能晚于今天");
    assertThat(row(id)).containsEntry("STATUS", "planned");
    assertThat(engine.getTaskService().createTaskQuery().taskId(record.getId()).count()).isOne();
  }

  @Test
  void anotherBranchOrAgencyCannotRecordOrReadTheMeeting() {
    String id = planOne("2026-03-15");
    Task record = dueAndOpen(id);
    for (String outsider : List.of(agency.secretary(TREASURY), other.secretary(BUDGET))) {
      Rest.Response attempt = submitAs(outsider, record, record("2026-03-16", List.of(agency.member(BUDGET, 0))));
      assertThat(attempt.status()).as(outsider + " records").isBetween(400, 404);
      assertThat(new Rest(port).get("/api/branch-meetings/" + id, outsider).status()).as(outsider + " reads")
          .isEqualTo(404);
      assertThat(new Rest(port).get("/api/branch-meetings", outsider).body()).as(outsider + " lists").doesNotContain(id);
    }
    assertThat(row(id)).containsEntry("STATUS", "planned");

    Rest.Response own = new Rest(port).get("/api/branch-meetings/" + id, agency.secretary(BUDGET));
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("topic").asText()).isEqualTo("研究预算编审进度");
    assertThat(new Rest(port).get("/api/branch-meetings/" + id, agency.committee()).status()).as("the committee")
        .isEqualTo(200);
  }

  @Test
  void aMeetingsRecordCarriesItsEvidenceWhichTheCommitteeReadsAndAnotherBranchCannot() {
    String id = planOne("2026-05-20");
    Task task = dueAndOpen(id);
    WebappSession secretary = new WebappSession(port);
    assertThat(secretary.login(agency.secretary(BUDGET), "tasklist").status()).isEqualTo(200);
    secretary.get("/camunda/app/tasklist/default/"); // the page after login: the session's CSRF token
    assertThat(secretary.send("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
        "{\"userId\":\"" + agency.secretary(BUDGET) + "\"}").status()).isEqualTo(204);

    Rest.Response uploaded = secretary.send("POST", ATTACHMENTS + "/task/" + task.getId(), "application/octet-stream",
        Map.of("X-File-Name", URLEncoder.encode("支委会签到表.pdf", UTF_8).replace("+", "%20")), AttachmentFiles.pdf());
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
    String file = uploaded.json().get("id").asText();

    Rest rest = new Rest(port);
    assertThat(rest.get("/api/attachments/" + file, agency.committee()).status()).as("the committee").isEqualTo(200);
    assertThat(rest.get("/api/cycles/" + cycle.cycleId() + "/attachments", agency.committee()).body())
        .as("in the cycle's ledger of evidence").contains("支委会签到表.pdf");
    assertThat(rest.get("/api/attachments/" + file, agency.secretary(AUDIT)).status()).as("another branch's secretary")
        .isEqualTo(404);
    assertThat(rest.get("/api/attachments/" + file, other.committee()).status()).as("another agency's committee")
        .isEqualTo(404);
    jdbc.update("delete from lt_attachment_content where attachment_id = ?", file);
    jdbc.update("delete from lt_attachment where id = ?", file);
  }

  @Test
  void theInspectionAndScoringTasksShowTheBranchsMeetingRecord() {
    cycle = new CycleDriver(engine, agency).start().plan().deploy();
    cycle.planImplementation(BRANCH, List.of(
        Map.of("type", "themeDay", "plannedDate", "2026-03-15", "topicSource", "planDifficulties", "topic", "研讨预算绩效评价难点"),
        Map.of("type", "partyLecture", "plannedDate", "2026-04-15", "topicSource", "other", "topic", "书记讲党课")));
    String themeDay = meetings().stream()
        .filter(m -> "themeDay".equals(engine.getRuntimeService().getVariable(m.getId(), "meetingType")))
        .findFirst().orElseThrow().getId();
    Task record = dueAndOpen(themeDay);
    assertThat(submitAs(agency.secretary(BUDGET), record, record("2026-03-16", List.of(agency.secretary(BUDGET), agency.member(BUDGET, 0)))).status()).isEqualTo(204);

    cycle.pledgeAll(BRANCH);
    agency.branches().stream().filter(b -> !b.equals(BRANCH)).forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue().reportProgress(BRANCH);
    String expected = "2026-03-15 主题党日“研讨预算绩效评价难点”：已召开（2026-03-16召开，参会2人）\n"
        + "2026-04-15 党课“书记讲党课”：未召开（待记录）";
    assertThat(shown("Task_Inspect")).isEqualTo(expected);
    JsonNode page = new Rest(port).get("/api/dashboard/branch?cycle=" + cycle.cycleId() + "&branch=" + BRANCH, agency.committee())
        .json().path("meetings");
    assertThat(page.findValuesAsText("statusLabel")).as("the 六同看板's branch page").containsExactly("已召开", "未召开（待记录）");
    assertThat(page.get(0).path("attendanceCount").asInt()).isEqualTo(2);
    assertThat(page.get(1).path("typeLabel").asText()).isEqualTo("党课");

    cycle.inspect(BRANCH, null);
    agency.branches().stream().filter(b -> !b.equals(BRANCH)).forEach(b -> cycle.reportProgress(b).inspect(b, null));
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));
    assertThat(shown("Task_ScoreBranch")).isEqualTo(expected);
  }

  /** What the branch's task at {@code activityId} shows in its read-only meeting record field. */
  private Object shown(String activityId) {
    return cycle.tasks(activityId).stream()
        .filter(t -> BRANCH.equals(engine.getTaskService().getVariable(t.getId(), "branchCode")))
        .map(t -> engine.getTaskService().getVariableLocal(t.getId(), "meetingRecord")).findFirst().orElseThrow();
  }
}
