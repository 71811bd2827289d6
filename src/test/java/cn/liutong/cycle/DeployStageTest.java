package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.liutong.support.FrozenClock;
import cn.liutong.support.TestYear;

/** 同部署: decomposition into the responsibility list and each branch signing for its items. */
class DeployStageTest extends CycleTestBase {

  @Test
  void aBranchObjectsTheCommitteeAnswersAndTheBranchSigns() {
    cycle.start().plan().decompose().objectTo(agency.branch(BUDGET), "预算绩效改革措施超出本处职责，建议调整");

    Task answer = cycle.task("Task_AnswerObjection");
    assertThat(answer).hasCandidateGroup(agency.committeeGroup());
    assertThat(engine.getTaskService().getVariable(answer.getId(), "objection")).isEqualTo("预算绩效改革措施超出本处职责，建议调整");

    cycle.answerObjection(agency.branch(BUDGET), "措施已与分管领导确认，属本处职责，请签收");
    Task again = cycle.branchTask("Task_SignFor", agency.branch(BUDGET));
    assertThat(engine.getTaskService().getVariable(again.getId(), "objectionAnswer")).isEqualTo("措施已与分管领导确认，属本处职责，请签收");
    assertThat(engine.getTaskService().getVariable(again.getId(), "signForDecision")).as("decides afresh").isNull();

    cycle.deploy_signAll();
    assertThat(cycle.instance()).hasPassed("Task_AnswerObjection", "EndEvent_DeployDone");
    assertThat(cycle.tasks("Task_PlanImplementation")).hasSize(3);
  }

  @Test
  @FrozenClock("2026-03-31T23:30+08:00") // half an hour before midnight in liutong.time-zone
  void signForIsDueAtTheEndOfTheSignForPeriod() {
    cycle.start().plan().decompose();
    // start form: 7 days to sign for
    var due = java.time.OffsetDateTime.parse("2026-04-07T23:59:59+08:00").toInstant();
    assertThat(cycle.tasks("Task_SignFor")).hasSize(3).allSatisfy(t -> assertThat(t.getDueDate().toInstant()).isEqualTo(due));
  }

  @Test
  void eachBranchSeesOnlyItsOwnItems() {
    cycle.start().plan().decompose();
    Object items = engine.getTaskService().getVariable(cycle.branchTask("Task_SignFor", agency.branch(AUDIT)).getId(), "branchItems");
    assertThat(items.toString()).contains(agency.branch(AUDIT)).doesNotContain(agency.branch(BUDGET))
        .doesNotContain(agency.branch(TREASURY));
  }

  @Test
  void unsignedItemsAreRemindedThenEscalatedToTheCommittee() {
    cycle.start().plan().decompose();
    List<Job> reminders = cycle.dueTimers("BoundaryEvent_SignForReminder");
    assertThat(reminders).hasSize(3);

    Job budgetReminder = reminders.stream().filter(job -> agency.branch(BUDGET).equals(
        engine.getRuntimeService().getVariable(job.getExecutionId(), "branchCode"))).findFirst().orElseThrow();
    engine.getManagementService().executeJob(budgetReminder.getId());
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getPriority()).isEqualTo(80);
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(AUDIT)).getPriority()).isEqualTo(50);
    assertThat(count("select count(*) from lt_supervision where cycle_id = ? and branch_code = ? and kind = 'reminder'",
        cycle.cycleId(), agency.branch(BUDGET))).isEqualTo(1);

    Job budgetEscalation = cycle.dueTimers("BoundaryEvent_SignForOverdue").stream().filter(job -> agency.branch(BUDGET).equals(
        engine.getRuntimeService().getVariable(job.getExecutionId(), "branchCode"))).findFirst().orElseThrow();
    engine.getManagementService().executeJob(budgetEscalation.getId());
    Task supervise = cycle.task("Task_SuperviseSignFor");
    assertThat(supervise).hasCandidateGroup(agency.committeeGroup());
    cycle.submit(supervise, Map.of("supervisionNote", "已电话督促预算处党支部当日签收"));
    assertThat(count("select count(*) from lt_supervision where cycle_id = ? and kind = 'escalation'", cycle.cycleId())).isEqualTo(1);

    cycle.deploy_signAll();
    assertThat(cycle.instance()).hasPassed("Task_RemindSignFor", "Task_SuperviseSignFor", "EndEvent_SignForSupervised");
    assertThat(cycle.dueTimers("BoundaryEvent_SignForOverdue")).as("timers end with the signed task").isEmpty();
  }

  @Test
  void everyBranchMustGetAnItem() {
    cycle.start().plan();
    List<Map<String, Object>> items = cycle.items().stream()
        .filter(i -> !agency.branch(TREASURY).equals(i.get("branchCode"))).toList();
    assertThatThrownBy(() -> cycle.decompose(items)).hasMessageContaining("国库处党支部还没有责任事项");
  }

  @Test
  void milestonesMustFallInsideTheCycle() {
    cycle.start().plan();
    List<Map<String, Object>> items = cycle.items();
    items.get(0).put("milestoneDate", (TestYear.year() + 1) + "-03-01");
    assertThatThrownBy(() -> cycle.decompose(items)).hasMessageContaining("第1项责任事项：节点日期须在周期内");
  }
}
