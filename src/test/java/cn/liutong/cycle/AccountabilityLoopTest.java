package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import cn.liutong.support.FrozenClock;

/**
 * The loop closes: an overdue rectification escalates and leads to accountability; what is still open
 * when the cycle ends is carried into the agency's next cycle.
 */
class AccountabilityLoopTest extends CycleTestBase {

  private RectificationDriver inspectionWithProblem(String branch) {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    agency.branches().forEach(b -> cycle.inspect(b, b.equals(branch) ? "主题党日活动流于形式，未结合业务难点" : null));
    return new RectificationDriver(engine, RectificationDriver.of(engine, cycle.cycleId(), branch).get(0));
  }

  @Test
  @FrozenClock("2026-03-31T00:10+08:00") // just after midnight in liutong.time-zone, still the 30th in UTC
  void overdueRectificationEscalatesAndLeadsToAccountability() {
    RectificationDriver rectification = inspectionWithProblem(agency.branch(TREASURY));
    String deadline = (String) engine.getRuntimeService().getVariable(rectification.instance().getId(), "deadline");
    assertThat(LocalDate.parse(deadline)).isEqualTo(LocalDate.of(2026, 4, 30));

    ClockUtil.setCurrentTime(Date.from(LocalDate.parse(deadline).plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant()));
    Job overdue = engine.getManagementService().createJobQuery().processInstanceId(rectification.instance().getId())
        .timers().activityId("BoundaryEvent_RectificationOverdue").singleResult();
    engine.getManagementService().executeJob(overdue.getId());

    assertThat(jdbc.queryForObject("select overdue from lt_rectification where process_instance_id = ?", Boolean.class,
        rectification.instance().getId())).isTrue();
    assertThat(rectification.task("Task_SuperviseRectification")).hasCandidateGroup(agency.committeeGroup());
    rectification.submit("Task_SuperviseRectification", Map.of("supervisionNote", "约谈支部书记，限期三日内提交整改方案"));
    assertThat(rectification.task("Task_DraftRectificationPlan")).as("the rectification itself goes on").isNotNull();

    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    cycle.approveResults();

    // 良好 with one overdue rectification (still open) → 提醒谈话, for the treasury branch only
    assertThat(cycle.tasks("Task_DecideMeasure")).hasSize(1);
    var decide = cycle.task("Task_DecideMeasure");
    assertThat(engine.getTaskService().getVariable(decide.getId(), "branchCode")).isEqualTo(agency.branch(TREASURY));
    assertThat(engine.getTaskService().getVariable(decide.getId(), "overdueRectifications")).isEqualTo(1);
    assertThat(engine.getTaskService().getVariable(decide.getId(), "measureLabel")).isEqualTo("提醒谈话");
    cycle.decideMeasure(agency.branch(TREASURY), "reminderTalk");

    assertThat(cycle.instance()).isEnded();
    assertThat(jdbc.queryForMap("select measure, suggested_measure, grade from lt_accountability_measure where cycle_id = ?",
        cycle.cycleId())).containsEntry("MEASURE", "reminderTalk").containsEntry("SUGGESTED_MEASURE", "reminderTalk")
        .containsEntry("GRADE", "良好");
  }

  @Test
  void openProblemsAreCarriedIntoTheNextCycle() {
    inspectionWithProblem(agency.branch(AUDIT)); // left open
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));
    cycle.scores(agency.branch(BUDGET), 70, 70, false, null);
    agency.branches().forEach(cycle::score);
    cycle.approveResults().decideMeasure(agency.branch(BUDGET), "interview");
    // a rectification an earlier test of this class left open is carried into this cycle and counts in its decisions
    cycle.tasks("Task_DecideMeasure").forEach(t -> cycle.scenario().decideMeasure(t, cycle.scenario().suggestedMeasure(t),
        "依据考核结果和整改情况研究决定"));
    assertThat(cycle.instance()).isEnded();
    String first = cycle.cycleId();
    assertThat(jdbc.queryForList("select branch_code from lt_carry_over where from_cycle_id = ? order by branch_code",
        String.class, first)).containsExactly(agency.branch(AUDIT), agency.branch(BUDGET));

    CycleDriver next = new CycleDriver(engine, agency);
    Map<String, Object> form = CycleDriver.startForm();
    form.put("cycleName", "2027年度党建与业务融合工作");
    next.start(form);
    String summary = (String) engine.getTaskService().getVariable(next.task("Task_DraftGoals").getId(), "carriedOverSummary");
    assertThat(summary).contains("【监督检查局党支部】未销号整改").contains("主题党日活动流于形式")
        .contains("【预算处党支部】上一周期考核等次为一般");
    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id = ?", first, next.cycleId()))
        .isEqualTo(2);
  }
}
