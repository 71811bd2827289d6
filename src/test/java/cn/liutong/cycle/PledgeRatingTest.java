package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/**
 * 践诺 scored in assessment: on 述职 the secretary rates every member's pledge; fewer than 60% rated 好 or
 * 较好 lowers 优秀 to 良好 (the rule of {@code assessment-grade}).
 */
class PledgeRatingTest extends CycleTestBase {

  private final String branch = agency.branch(BUDGET);

  private void untilDutyReports() {
    cycle.start().plan().deploy().implementAndInspect();
  }

  private String grade(String branch) {
    return jdbc.queryForObject("select grade from lt_assessment_result where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), branch);
  }

  @Test
  void theDutyReportShowsEveryMembersPledgeAndTheRatingsAreKept() {
    untilDutyReports();
    Object shown = engine.getTaskService().getVariableLocal(cycle.branchTask("Task_DutyReport", branch).getId(),
        "pledgeRatings");
    assertThat(shown.toString()).contains("陈静").contains("李伟").contains("张华").contains("带头完成本岗位重点工作并按时报告");

    cycle.dutyReport(branch, "fairlyGood");
    assertThat(jdbc.queryForList("select fulfilment from lt_pledge where cycle_id = ? and branch_code = ?", String.class,
        cycle.cycleId(), branch)).containsExactly("fairlyGood", "fairlyGood", "fairlyGood");
  }

  @Test
  void withMostPledgesPoorlyKeptAnExcellentBranchIsGradedGood() {
    untilDutyReports();
    cycle.dutyReport(branch, "poor").evaluateAll(branch);
    cycle.dutyReport(agency.branch(AUDIT), "good").evaluateAll(agency.branch(AUDIT));
    // (95*30 + 95*70)/100 * 0.8 + 好评率 100 * 0.2 = 96.0: 优秀 by score
    cycle.scores(branch, 95, 95, false, null).score(branch);
    cycle.scores(agency.branch(AUDIT), 95, 95, false, null).score(agency.branch(AUDIT));

    assertThat(grade(agency.branch(AUDIT))).as("all kept well").isEqualTo("优秀");
    assertThat(grade(branch)).as("none kept well: one grade lower").isEqualTo("良好");
  }

  @Test
  void aMissingOrUnknownRatingIsRefusedAndNothingIsWritten() {
    untilDutyReports();
    var task = cycle.branchTask("Task_DutyReport", branch);
    Map<String, Object> report = Map.of("dutyReportParty", "本年度支部党建工作按计划完成，三会一课规范",
        "dutyReportBusiness", "本年度业务工作按计划完成，预算执行率达标");
    var tooFew = new java.util.HashMap<>(report);
    tooFew.put("pledgeRatings", CycleDriver.json(List.of(Map.of("rating", "good"))));
    assertThatThrownBy(() -> cycle.submit(task, tooFew)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("请对本支部每名党员的践诺情况逐一评定（共3人）");
    var unknown = new java.util.HashMap<>(report);
    unknown.put("pledgeRatings", CycleDriver.json(List.of(Map.of("rating", "good"), Map.of("rating", "excellent"),
        Map.of("rating", "good"))));
    assertThatThrownBy(() -> cycle.submit(task, unknown)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("第2名党员：请选择践诺评定");
    assertThat(jdbc.queryForList("select fulfilment from lt_pledge where cycle_id = ? and branch_code = ?", String.class,
        cycle.cycleId(), branch)).containsOnlyNulls();
  }
}
