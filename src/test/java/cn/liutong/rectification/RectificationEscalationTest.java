package cn.liutong.rectification;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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

import cn.liutong.cycle.RectificationDriver;
import cn.liutong.support.FrozenClock;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * An overdue rectification is supervised again every week, by the committee the first time and by the party group
 * as well from the second time on, until it is verified; a branch may ask for a later deadline on the evidence task,
 * which the committee approves (deadline, due date and overdue timer move) or refuses. Asking with a wrong date, as
 * another branch or with a forged decision over the REST API is refused. The clock stands on 20 April 2026; a
 * rectification started then is due on 20 May 2026 (30 days).
 */
@FrozenClock("2026-04-20T10:00")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class RectificationEscalationTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  private static final LocalDate DEADLINE = LocalDate.of(2026, 5, 20);
  private static final String REASON = "所需设备的政府采购流程尚未完成，制度修订和人员培训两项已完成";
  private static final String SUPERVISION = "约谈支部书记，要求一周内报送整改进展";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  private RectificationDriver rectification;

  @BeforeEach
  void bindAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void removeRectification() {
    if (rectification != null && engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(rectification.instance().getId()).count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(rectification.instance().getId(), "test finished");
    }
  }

  private RectificationDriver rectifying() {
    rectification = RectificationDriver.rectifying(engine, agency, BUDGET, "主题党日活动流于形式，未结合业务难点");
    return rectification;
  }

  private String id() {
    return (String) engine.getRuntimeService().getVariable(rectification.instance().getId(), "rectificationId");
  }

  private Job overdueTimer() {
    return engine.getManagementService().createJobQuery().processInstanceId(rectification.instance().getId())
        .timers().activityId(RectificationProcess.Activity.OVERDUE).singleResult();
  }

  /** The clock stands at noon on {@code day}; the overdue timer, due by then, fires. */
  private void overdueOn(LocalDate day) {
    ClockUtil.setCurrentTime(at(day, LocalTime.NOON));
    Job timer = overdueTimer();
    assertThat(timer.getDuedate()).as("the timer is due by " + day).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
    engine.getManagementService().executeJob(timer.getId());
  }

  private static Date at(LocalDate day, LocalTime time) {
    return Date.from(day.atTime(time).atZone(ZoneId.systemDefault()).toInstant());
  }

  private static Date endOf(LocalDate day) {
    return at(day, LocalTime.of(23, 59, 59));
  }

  private List<Task> open(String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(rectification.instance().getId())
        .taskDefinitionKey(activityId).list();
  }

  private List<Map<String, Object>> supervisions() {
    return jdbc.queryForList("select step, kind, level, note from lt_supervision where rectification_id = ? "
        + "order by recorded_at, step", id());
  }

  private Map<String, Object> rectificationRow() {
    return jdbc.queryForMap("select deadline, overdue, status from lt_rectification where id = ?", id());
  }

  @Test
  void anOverdueRectificationIsSupervisedEveryWeekByTheCommitteeThenAlsoByThePartyGroupUntilVerified() {
    rectifying();
    assertThat(overdueTimer().getDuedate()).isEqualTo(endOf(DEADLINE));

    overdueOn(DEADLINE.plusDays(1));
    assertThat(open("Task_SuperviseRectification")).singleElement()
        .satisfies(task -> assertThat(task).hasCandidateGroup(agency.committeeGroup()));
    assertThat(open("Task_SuperviseRectificationByPartyGroup")).as("the first time: the committee alone").isEmpty();
    assertThat(overdueTimer().getDuedate()).as("a week later").isEqualTo(endOf(DEADLINE.plusDays(7)));
    rectification.submit("Task_SuperviseRectification", Map.of("supervisionNote", SUPERVISION));

    overdueOn(DEADLINE.plusDays(8));
    assertThat(open("Task_SuperviseRectification")).singleElement()
        .satisfies(task -> assertThat(task).hasCandidateGroup(agency.committeeGroup()));
    assertThat(open("Task_SuperviseRectificationByPartyGroup")).singleElement()
        .satisfies(task -> assertThat(task).hasCandidateGroup(agency.partyGroupGroup()));
    rectification.submit("Task_SuperviseRectification", Map.of("supervisionNote", SUPERVISION))
        .submit("Task_SuperviseRectificationByPartyGroup", Map.of("supervisionNote", "党组要求支部书记当面说明原因"));

    overdueOn(DEADLINE.plusDays(15));
    assertThat(open("Task_SuperviseRectificationByPartyGroup")).as("the third time too").hasSize(1);
    assertThat(rectificationRow()).containsEntry("OVERDUE", true).containsEntry("STATUS", "open");

    assertThat(supervisions()).extracting(row -> row.get("STEP") + "/" + row.get("KIND") + "/" + row.get("LEVEL"))
        .containsExactly(
            "SubProcess_Rectify/reminder/committee", "Task_SuperviseRectification/escalation/committee",
            "SubProcess_Rectify/reminder/partyGroup", "Task_SuperviseRectification/escalation/committee",
            "Task_SuperviseRectificationByPartyGroup/escalation/partyGroup",
            "SubProcess_Rectify/reminder/partyGroup");
    assertThat(supervisions().get(5).get("NOTE")).isEqualTo("第3次逾期督办：机关党委、党组督办");

    rectification.evidence().verify();
    assertThat(rectificationRow()).containsEntry("STATUS", "verified");
    assertThat(overdueTimer()).as("销号 stops the supervision").isNull();
    ClockUtil.setCurrentTime(at(DEADLINE.plusDays(60), LocalTime.NOON));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(rectification.instance().getId())
        .count()).isZero();
    rectification.submit("Task_SuperviseRectification", Map.of("supervisionNote", SUPERVISION))
        .submit("Task_SuperviseRectificationByPartyGroup", Map.of("supervisionNote", "党组要求支部书记当面说明原因"));
    assertThat(rectification.instance()).isEnded();
  }

  @Test
  void anApprovedExtensionMovesTheDeadlineTheDueDateAndTheOverdueTimer() {
    rectifying();
    LocalDate later = DEADLINE.plusDays(30);
    rectification.requestExtension(later.toString(), REASON);
    assertThat(open("Task_SubmitEvidence")).as("the branch waits for the decision").isEmpty();
    assertThat(open("Task_ReviewExtension")).singleElement()
        .satisfies(task -> assertThat(task).hasCandidateGroup(agency.committeeGroup()));
    assertThat(jdbc.queryForMap("select status, deadline_before, requested_deadline, reason from lt_rectification_extension "
        + "where rectification_id = ?", id())).containsEntry("STATUS", "pending").containsEntry("REASON", REASON);

    rectification.approveExtension();

    Task evidence = rectification.task("Task_SubmitEvidence");
    assertThat(evidence.getDueDate()).isEqualTo(endOf(later));
    assertThat(engine.getRuntimeService().getVariable(rectification.instance().getId(), "deadline"))
        .isEqualTo(later.toString());
    assertThat(rectificationRow().get("DEADLINE").toString()).isEqualTo(later.toString());
    assertThat(overdueTimer().getDuedate()).as("the timer is armed for the new date").isEqualTo(endOf(later));
    assertThat(open("Task_DraftRectificationPlan")).as("the approved plan stands").isEmpty();
    assertThat(jdbc.queryForList("select status from lt_rectification_extension where rectification_id = ?",
        String.class, id())).containsExactly("approved");
    assertThat(jdbc.queryForObject("select deadline_before from lt_rectification_extension where rectification_id = ?",
        LocalDate.class, id())).isEqualTo(DEADLINE);
    assertThat(rectificationRow()).containsEntry("OVERDUE", false);

    rectification.evidence().verify();
    assertThat(rectification.instance()).isEnded();
  }

  @Test
  void anExtensionAfterTheDeadlineStopsTheWeeklySupervisionUntilTheNewDateAndTheNextBreachGoesToThePartyGroup() {
    rectifying();
    overdueOn(DEADLINE.plusDays(1));
    rectification.submit("Task_SuperviseRectification", Map.of("supervisionNote", SUPERVISION));
    LocalDate later = DEADLINE.plusDays(40);
    rectification.requestExtension(later.toString(), REASON).approveExtension();

    assertThat(overdueTimer().getDuedate()).as("no supervision before the new date").isEqualTo(endOf(later));
    overdueOn(later.plusDays(1));
    assertThat(open("Task_SuperviseRectificationByPartyGroup")).as("a second breach, although of a new deadline")
        .hasSize(1);
    assertThat(rectificationRow()).containsEntry("OVERDUE", true);
  }

  @Test
  void aRefusedExtensionLeavesTheDeadlineAndTellsTheBranchWhy() {
    rectifying();
    rectification.requestExtension(DEADLINE.plusDays(10).toString(), REASON);
    assertThatThrownBy(() -> rectification.submit("Task_ReviewExtension", Map.of("extensionDecision", "refused")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不同意理由");

    rectification.refuseExtension("采购已可在期限内完成，请按原期限整改");

    Task evidence = rectification.task("Task_SubmitEvidence");
    assertThat(evidence.getDueDate()).isEqualTo(endOf(DEADLINE));
    assertThat(engine.getTaskService().getVariable(evidence.getId(), "evidenceAction")).isEqualTo("submit");
    assertThat(engine.getTaskService().getVariable(evidence.getId(), "extensionRefusalReason"))
        .isEqualTo("采购已可在期限内完成，请按原期限整改");
    assertThat(rectificationRow().get("DEADLINE").toString()).isEqualTo(DEADLINE.toString());
    assertThat(overdueTimer().getDuedate()).isEqualTo(endOf(DEADLINE));
    assertThat(jdbc.queryForMap("select status, decision_note from lt_rectification_extension where rectification_id = ?",
        id())).containsEntry("STATUS", "refused").containsEntry("DECISION_NOTE", "采购已可在期限内完成，请按原期限整改");

    rectification.requestExtension(DEADLINE.plusDays(5).toString(), REASON + "，补充说明");
    assertThat(jdbc.queryForList("select status from lt_rectification_extension where rectification_id = ? "
        + "order by requested_at, status", String.class, id())).containsExactlyInAnyOrder("refused", "pending");
  }

  @Test
  void aWrongRequestIsRefusedInChineseAndNothingIsRecorded() {
    rectifying();
    Map<String, String> wrong = new LinkedHashMap<>();
    wrong.put(DEADLINE.toString(), "新的整改期限应晚于当前期限2026-05-20");
    wrong.put(DEADLINE.minusDays(3).toString(), "新的整改期限应晚于当前期限2026-05-20");
    wrong.put(DEADLINE.plusDays(91).toString(), "新的整改期限最多延后90天，即不晚于2026-08-18");
    wrong.put("下个月", "新的整改期限应为日期");
    wrong.forEach((date, problem) -> assertThatThrownBy(() -> rectification.requestExtension(date, REASON))
        .as(date).isInstanceOf(ProcessEngineException.class).hasMessageContaining(problem));
    assertThatThrownBy(() -> rectification.requestExtension(DEADLINE.plusDays(10).toString(), "来不及"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("延期理由应为10至500个字");
    assertThatThrownBy(() -> rectification.submit("Task_SubmitEvidence", Map.of("evidenceAction", "requestExtension")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("延期理由").hasMessageContaining("申请的新整改期限");

    rectification.requestExtension(DEADLINE.plusDays(90).toString(), REASON);
    assertThat(jdbc.queryForList("select status from lt_rectification_extension where rectification_id = ?",
        String.class, id())).as("only the right request").containsExactly("pending");
  }

  @Test
  void aDateThatPassedWhileTheRequestWaitedCannotBeApproved() {
    rectifying();
    rectification.requestExtension(DEADLINE.plusDays(2).toString(), REASON);
    ClockUtil.setCurrentTime(at(DEADLINE.plusDays(3), LocalTime.NOON));
    assertThatThrownBy(rectification::approveExtension).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("已过");
    assertThat(open("Task_ReviewExtension")).hasSize(1);
  }

  @Test
  void overRestAnotherBranchCannotAskAndTheBranchCannotForgeTheDateOrTheDecision() {
    rectifying();
    Rest rest = new Rest(port);
    Task evidence = rectification.task("Task_SubmitEvidence");
    String later = DEADLINE.plusDays(20).toString();

    Rest.Response outsider = submitAs(rest, agency.secretary(AUDIT), evidence,
        RectificationDriver.extensionRequest(later, REASON));
    assertThat(outsider.status()).as("another branch's secretary: " + outsider.body()).isBetween(400, 404);

    Rest.Response tooLate = submitAs(rest, agency.secretary(BUDGET), evidence,
        RectificationDriver.extensionRequest(DEADLINE.plusDays(200).toString(), REASON));
    assertThat(tooLate.status()).isEqualTo(400);
    assertThat(tooLate.body()).contains("最多延后90天");

    for (Map.Entry<String, Object> forged : List.of(Map.<String, Object>entry("extensionDecision", "approved"),
        Map.<String, Object>entry("deadline", DEADLINE.plusDays(200).toString()))) {
      Map<String, Object> form = new LinkedHashMap<>(RectificationDriver.extensionRequest(later, REASON));
      form.put(forged.getKey(), forged.getValue());
      Rest.Response answer = submitAs(rest, agency.secretary(BUDGET), evidence, form);
      assertThat(answer.status()).as(forged.getKey() + ": " + answer.body()).isBetween(400, 499);
    }
    Rest.Response thrown = rest.post("/engine-rest/task/" + evidence.getId() + "/bpmnEscalation",
        Map.of("escalationCode", "DeadlineExtended"), agency.secretary(BUDGET));
    assertThat(thrown.status()).as("the approval's escalation thrown by the branch: " + thrown.body()).isBetween(400, 404);
    assertThat(engine.getRuntimeService().getVariable(rectification.instance().getId(), "deadline"))
        .isEqualTo(DEADLINE.toString());
    assertThat(jdbc.queryForObject("select count(*) from lt_rectification_extension where rectification_id = ?",
        Integer.class, id())).as("nothing was asked").isZero();
    assertThat(open("Task_SubmitEvidence")).hasSize(1);

    assertThat(submitAs(rest, agency.secretary(BUDGET), evidence, RectificationDriver.extensionRequest(later, REASON))
        .status()).as("the branch's own request").isEqualTo(204);
    Task review = rectification.task("Task_ReviewExtension");
    Rest.Response selfApproval = submitAs(rest, agency.secretary(BUDGET), review, Map.of("extensionDecision", "approved"));
    assertThat(selfApproval.status()).as("the branch approves itself: " + selfApproval.body()).isBetween(400, 404);
    Rest.Response forgedDate = submitAs(rest, agency.committee(), review,
        Map.of("extensionDecision", "approved", "extensionDate", DEADLINE.plusDays(200).toString()));
    assertThat(forgedDate.status()).as("the committee rewrites the date: " + forgedDate.body()).isBetween(400, 499);
    Rest.Response forgedDecision = submitAs(rest, agency.committee(), review, Map.of("extensionDecision", "postponed"));
    assertThat(forgedDecision.status()).as(forgedDecision.body()).isEqualTo(400);

    assertThat(submitAs(rest, agency.committee(), review, Map.of("extensionDecision", "approved")).status())
        .isEqualTo(204);
    assertThat(rectificationRow().get("DEADLINE").toString()).isEqualTo(later);
  }

  private static Rest.Response submitAs(Rest rest, String user, Task task, Map<String, Object> form) {
    return rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Rest.formVariables(form)),
        user);
  }
}
