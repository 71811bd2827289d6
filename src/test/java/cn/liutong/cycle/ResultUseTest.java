package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess.Activity;
import cn.liutong.demo.CycleScenario;
import cn.liutong.support.FrozenClock;

/**
 * 同问责 on people: a measure names the branch's people it is about, its executor and its date, and the executor
 * carries it out and records it; 优秀 leads to recognition; every rectification of the cycle counts in the decision.
 */
@FrozenClock("2026-12-21T10:00+08:00")
class ResultUseTest extends CycleTestBase {

  private static final String TALK = "2026年12月28日在机关党委会议室与支部书记谈话，指出支部工作存在的差距，支部书记表示将制定整改措施并按月报告。";

  private Task decisionFor(String branch) {
    return cycle.scenario().taskOfBranch(Activity.DECIDE_MEASURE, agency.branch(branch));
  }

  private Map<String, Object> measure(String measure, List<String> targets, String executor, String date) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("decidedMeasure", measure);
    form.put("measureReason", "考核等次为一般，经党组会议研究决定");
    form.put("measureTargets", CycleScenario.json(targets));
    form.put("measureExecutor", executor);
    form.put("measureDate", date);
    return form;
  }

  @Test
  void aMeasureNamesItsPeopleExecutorAndDateAndIsCarriedOutAndRecorded() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.scores(agency.branch(BUDGET), 70, 70, false, null);
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    cycle.approveResults();

    Task decide = decisionFor(BUDGET);
    var tasks = engine.getTaskService();
    assertThat(tasks.getVariable(decide.getId(), "targetOptions").toString()).contains(agency.secretary(BUDGET))
        .doesNotContain(agency.secretary(AUDIT));
    assertThat(tasks.getVariable(decide.getId(), "executorOptions").toString()).contains(agency.partyGroup(), agency.committee())
        .doesNotContain(agency.secretary(BUDGET));
    cycle.submit(decide, measure("interview", List.of(agency.secretary(BUDGET)), agency.partyGroup(), "2026-12-30"));

    Task carryOut = cycle.task(Activity.CARRY_OUT_MEASURE);
    assertThat(carryOut).isAssignedTo(agency.partyGroup());
    assertThat(carryOut.getDueDate()).isEqualTo(Date.from(OffsetDateTime.of(2026, 12, 30, 23, 59, 59, 0, ZoneOffset.ofHours(8)).toInstant()));
    assertThat(tasks.getVariable(carryOut.getId(), "measureSummary").toString()).startsWith("约谈；对象：")
        .contains("执行日期：2026-12-30");
    var decided = jdbc.queryForMap("select * from lt_accountability_measure where cycle_id = ?", cycle.cycleId());
    assertThat(decided).containsEntry("MEASURE", "interview").containsEntry("TARGETS", agency.secretary(BUDGET))
        .containsEntry("EXECUTOR", agency.partyGroup());
    assertThat(decided.get("PLANNED_DATE").toString()).isEqualTo("2026-12-30");
    assertThat(cycle.instance()).isNotEnded();

    assertThatThrownBy(() -> cycle.submit(carryOut, Map.of("carriedOutOn", "2026-12-22", "measureRecord", TALK)))
        .hasMessageContaining("执行日期不能晚于今天");
    assertThatThrownBy(() -> cycle.submit(carryOut, Map.of("carriedOutOn", "2026-12-21", "measureRecord", "已谈话")))
        .hasMessageContaining("执行记录");
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.of(2026, 12, 28, 16, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant()));
    cycle.submit(carryOut, Map.of("carriedOutOn", "2026-12-28", "measureRecord", TALK));

    var done = jdbc.queryForMap("select * from lt_accountability_measure where cycle_id = ?", cycle.cycleId());
    assertThat(done.get("CARRIED_OUT_ON").toString()).isEqualTo("2026-12-28");
    assertThat(done).containsEntry("CARRIED_OUT_BY", agency.partyGroup()).containsEntry("RECORD", TALK);
    assertThat(cycle.instance()).isEnded();
  }

  @Test
  void aMeasureNamesOnlyTheBranchsPeopleALeaderAsExecutorAndADateAhead() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.scores(agency.branch(BUDGET), 70, 70, false, null);
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    cycle.approveResults();
    Task decide = decisionFor(BUDGET);

    assertThatThrownBy(() -> cycle.submit(decide, measure("interview", List.of(agency.secretary(AUDIT)), agency.partyGroup(),
        "2026-12-30"))).hasMessageContaining("措施对象只能是本支部党员");
    assertThatThrownBy(() -> cycle.submit(decide, measure("interview", List.of(agency.secretary(BUDGET)),
        agency.secretary(TREASURY), "2026-12-30"))).hasMessageContaining("执行人只能是本机关党组或机关党委成员");
    assertThatThrownBy(() -> cycle.submit(decide, measure("interview", List.of(agency.secretary(BUDGET)), agency.partyGroup(),
        "2026-12-20"))).hasMessageContaining("执行日期应在今天至90天内");
    assertThatThrownBy(() -> cycle.submit(decide, measure("interview", List.of(agency.secretary(BUDGET)), agency.partyGroup(),
        "2027-04-01"))).hasMessageContaining("执行日期应在今天至90天内");
    assertThatThrownBy(() -> cycle.submit(decide, measure("interview", List.of(), agency.partyGroup(), "2026-12-30")))
        .hasMessageContaining("请选择措施对象");
    assertThat(count("select count(*) from lt_accountability_measure where cycle_id = ?", cycle.cycleId())).isZero();

    // without a measure there is nothing to name nor to carry out
    cycle.submit(decide, Map.of("decidedMeasure", "none", "measureReason", "支部已完成整改，经研究不采取措施"));
    assertThat(cycle.tasks(Activity.CARRY_OUT_MEASURE)).isEmpty();
    assertThat(cycle.instance()).isEnded();
  }

  @Test
  void anExcellentBranchIsRecommendedForRecognition() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.scores(agency.branch(AUDIT), 95, 95, false, null);
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    cycle.approveResults();

    Task decide = decisionFor(AUDIT);
    assertThat(engine.getTaskService().getVariable(decide.getId(), "measure")).isEqualTo("commend");
    assertThat(engine.getTaskService().getVariable(decide.getId(), "measureLabel")).isEqualTo("表彰推荐（评先评优、推广典型）");
    cycle.decideMeasure(agency.branch(AUDIT), "commend");
    assertThat(jdbc.queryForObject("select measure from lt_accountability_measure where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), agency.branch(AUDIT))).isEqualTo("commend");
    assertThat(jdbc.queryForObject("select record from lt_accountability_measure where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), agency.branch(AUDIT))).startsWith("已按党组决定执行：表彰推荐");
  }

  @Test
  void everyRectificationOfTheCycleCountsWhateverOpenedIt() {
    // public feedback while the agency had no cycle running: a rectification of no cycle, already overdue
    jdbc.update("""
        insert into lt_rectification (id, agency_id, cycle_id, branch_code, branch_name, source, problem, deadline, status,
          overdue, opened_at) values (?, ?, null, ?, ?, 'feedback', ?, ?, 'open', true, ?)""", UUID.randomUUID().toString(),
        agency.id(), agency.branch(BUDGET), agency.unitName(BUDGET), "群众反映办事窗口推诿", LocalDate.of(2026, 12, 1),
        new Timestamp(ClockUtil.getCurrentTime().getTime() - 1000));
    cycle.start().plan().deploy().implementAndInspect();
    // the assessment's own problem opens a rectification at 同问责, before the decision
    cycle.scores(agency.branch(BUDGET), 70, 70, false, "支部学习记录不规范");
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    cycle.approveResults();

    Task decide = decisionFor(BUDGET);
    assertThat(engine.getTaskService().getVariable(decide.getId(), "openRectifications")).isEqualTo(2);
    assertThat(engine.getTaskService().getVariable(decide.getId(), "overdueRectifications")).isEqualTo(1);
    assertThat(engine.getTaskService().getVariable(decide.getId(), "measureLabel"))
        .as("一般 with an overdue rectification").isEqualTo("通报批评");
    jdbc.update("delete from lt_rectification where agency_id = ? and cycle_id is null", agency.id()); // for the next test
  }
}
