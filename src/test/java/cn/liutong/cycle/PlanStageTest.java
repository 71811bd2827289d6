package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

/** 同规划: the start form, the goal system and the party group's approval loop. */
class PlanStageTest extends CycleTestBase {

  @Test
  void returnedGoalsGoBackWithTheReasonAndAreApprovedAfterRevision() {
    cycle.start().draftGoals().returnGoals("党建创新目标不够具体，请细化");

    assertThat(cycle.instance()).isWaitingAt("Task_DraftGoals");
    assertThat(engine.getTaskService().getVariable(cycle.task("Task_DraftGoals").getId(), "goalsReturnReason"))
        .isEqualTo("党建创新目标不够具体，请细化");

    cycle.draftGoals().approveGoals();
    assertThat(passes("Task_DraftGoals")).isEqualTo(2);
    assertThat(passes("Task_RecordGoals")).isEqualTo(1);
    assertThat(cycle.instance()).isWaitingAt("Task_DecomposeGoals");
    assertThat(count("select count(*) from lt_goal where cycle_id = ?", cycle.cycleId())).isEqualTo(4);
  }

  @Test
  void weightsMustAddUpAndNothingIsKeptWhenTheyDoNot() {
    cycle.start();
    List<Map<String, Object>> goals = new ArrayList<>(CycleDriver.goals());
    goals.set(3, CycleDriver.goal("business", "预算执行率", "年度预算执行率", "≥95%", 50));

    assertThatThrownBy(() -> cycle.draftGoals(goals))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("全部目标权重合计须为100%，当前为90%");
    assertThat(cycle.instance()).isWaitingAt("Task_DraftGoals");
    assertThat(count("select count(*) from lt_goal where cycle_id = ?", cycle.cycleId())).isZero();
  }

  @Test
  void partyBuildingShareMustReachTheMinimum() {
    cycle.start();
    List<Map<String, Object>> goals = List.of(
        CycleDriver.goal("partyBasic", "支部标准化建设", "三会一课按期召开率", "100%", 20),
        CycleDriver.goal("business", "预算执行率", "年度预算执行率", "≥95%", 80));

    assertThatThrownBy(() -> cycle.draftGoals(goals))
        .hasMessageContaining("党建目标权重合计不得低于30%，当前为20%");
  }

  @Test
  void everyBadGoalFieldIsNamedWithItsPosition() {
    cycle.start();
    List<Map<String, Object>> goals = List.of(
        CycleDriver.goal("partyBasic", "", "指标", "100%", 40),
        CycleDriver.goal("unknown", "业务目标", "年度预算执行率", "", 60));

    assertThatThrownBy(() -> cycle.draftGoals(goals))
        .hasMessageContaining("第1个目标：目标名称应为2至100个字")
        .hasMessageContaining("第2个目标：请选择目标类别")
        .hasMessageContaining("第2个目标：目标值应为1至100个字");
  }

  @Test
  void returningWithoutReasonIsRefused() {
    cycle.start().draftGoals();
    assertThatThrownBy(() -> cycle.submit(cycle.task("Task_ApproveGoals"), Map.of("goalsDecision", "returned")))
        .hasMessageContaining("退回理由不能为空");
    assertThat(cycle.instance()).isWaitingAt("Task_ApproveGoals");
  }

  @Test
  void badStartFormStartsNothing() {
    Map<String, Object> form = CycleDriver.startForm();
    form.put("periodEnd", "2025-12-31");
    form.put("minPartyShare", 80L);
    long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY).count();
    int cycles = count("select count(*) from lt_cycle");

    assertThatThrownBy(() -> cycle.start(form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("周期结束日期必须晚于开始日期")
        .hasMessageContaining("党建目标权重合计下限应在10至60之间");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY).count())
        .isEqualTo(before);
    assertThat(count("select count(*) from lt_cycle")).isEqualTo(cycles);
  }

  @Test
  void startFormNumbersAreStoredAsWholeNumbers() {
    Map<String, Object> form = CycleDriver.startForm();
    form.put("inspectionRounds", 2.0d); // a browser may send 2 as a double
    cycle.start(form);
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "inspectionRounds")).isEqualTo(2);
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "signForReminderDuration")).isEqualTo("P7D");
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "signForEscalationDuration")).isEqualTo("P10D");
  }
}
