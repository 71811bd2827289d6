package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import cn.liutong.demo.CycleScenario;

/** 同考核 and 同问责: duty reports, evaluation, scoring, the grade decision, approval and measures. */
class AssessmentStageTest extends CycleTestBase {

  private void untilScoring() {
    cycle.start().plan().deploy().implementAndInspect();
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));
  }

  @ParameterizedTest(name = "party {0}, business {1}, members' 好评率 100 → {2} ({3}), result's use {4}")
  @CsvSource({
      // every party-building goal p (weights 20 + 15 + 5), the business goal b (60):
      // (p*40 + b*60)/100 * 0.8 + 100 * 0.2
      "95, 95, 96.0, 优秀, commend",     // 95*0.8 + 20 = 96.0
      "85, 88, 89.4, 良好, none",        // (34 + 52.8) = 86.8*0.8 + 20 = 89.44
      "70, 70, 76.0, 一般, interview",   // 70*0.8 + 20 = 76.0
      "40, 50, 56.8, 较差, orgAdjustment" // (16+30)=46*0.8 + 20 = 56.8
  })
  void eachGradeFollowsFromTheScores(double party, double business, String weighted, String grade, String measure) {
    untilScoring();
    agency.branches().forEach(b -> cycle.scores(b, party, business, false, null).score(b));

    assertThat(jdbc.queryForList("select grade from lt_assessment_result where cycle_id = ?", String.class, cycle.cycleId()))
        .containsOnly(grade).hasSize(3);
    assertThat(jdbc.queryForList("select weighted_score from lt_assessment_result where cycle_id = ?", BigDecimal.class,
        cycle.cycleId())).allSatisfy(s -> assertThat(s).isEqualByComparingTo(weighted));

    cycle.approveResults();
    if (measure.equals("none")) {
      assertThat(cycle.instance()).isEnded();
      assertThat(passes("Task_DecideMeasure")).isZero();
    } else {
      assertThat(cycle.tasks("Task_DecideMeasure")).hasSize(3).allSatisfy(t -> assertThat(t)
          .hasCandidateGroup(agency.partyGroupGroup()));
      assertThat(engine.getTaskService().getVariable(cycle.tasks("Task_DecideMeasure").get(0).getId(), "measure")).isEqualTo(measure);
      agency.branches().forEach(b -> cycle.decideMeasure(b, measure));
      assertThat(cycle.instance()).isEnded();
      assertThat(jdbc.queryForList("select measure from lt_accountability_measure where cycle_id = ?", String.class,
          cycle.cycleId())).containsOnly(measure).hasSize(3);
    }
  }

  @Test
  void vetoMakesTheGradePoorWhateverTheScore() {
    untilScoring();
    cycle.scores(agency.branch(AUDIT), 98, 99, true, null);
    agency.branches().forEach(cycle::score);

    assertThat(jdbc.queryForObject("select grade from lt_assessment_result where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), agency.branch(AUDIT))).isEqualTo("较差");
    assertThat(jdbc.queryForObject("select veto_reason from lt_assessment_result where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), agency.branch(AUDIT))).isEqualTo("发生严重违反纪律问题");
    cycle.approveResults();
    assertThat(cycle.tasks("Task_DecideMeasure")).hasSize(1);
    cycle.decideMeasure(agency.branch(AUDIT), "orgAdjustment");
    assertThat(cycle.instance()).isEnded();
  }

  @Test
  void vetoNeedsAReasonAndScoresMustBeInRange() {
    untilScoring();
    var task = cycle.tasks("Task_ScoreBranch").get(0);
    var sheet = cycle.scenario().scoredSheet(task, CycleScenario.byKind(101, 80), null);
    assertThatThrownBy(() -> cycle.submit(task, Map.of("goalScores", CycleScenario.json(sheet), "veto", true)))
        .hasMessageContaining("第1个目标：得分应在0至100之间")
        .hasMessageContaining("否决事由不能为空");
    assertThat(count("select count(*) from lt_assessment_result where cycle_id = ?", cycle.cycleId())).isZero();
  }

  @Test
  void assessmentProblemsStartRectificationsInTheAccountabilityStage() {
    untilScoring();
    cycle.scores(agency.branch(BUDGET), 85, 88, false, "支部学习记录不规范");
    agency.branches().forEach(cycle::score);
    cycle.approveResults();

    var rectifications = RectificationDriver.of(engine, cycle.cycleId(), agency.branch(BUDGET));
    assertThat(rectifications).hasSize(1);
    assertThat(engine.getRuntimeService().getVariable(rectifications.get(0).getId(), "source")).isEqualTo("assessment");
    assertThat(cycle.instance()).isEnded();
    assertThat(cycle.instance()).hasPassed("Task_StartAccountabilityRectification");
  }

  @Test
  void aTamperedReadOnlyEvaluationIsIgnored() {
    untilScoring();
    var task = cycle.tasks("Task_ScoreBranch").get(0);
    String branch = (String) engine.getTaskService().getVariable(task.getId(), "branchCode");
    // the form shows the members' 好评率 read-only; a client sends 0 instead of 100
    cycle.submit(task, Map.of("goalScores", CycleScenario.json(cycle.scenario().scoredSheet(task, CycleScenario.byKind(70, 70),
        null)), "veto", false, "memberEvaluation", 0L));
    // 70*0.8 + 100*0.2 = 76.0 (with the tampered 0 it would be 56.0)
    assertThat(jdbc.queryForObject("select weighted_score from lt_assessment_result where cycle_id = ? and branch_code = ?",
        BigDecimal.class, cycle.cycleId(), branch)).isEqualByComparingTo("76.0");
  }
}
