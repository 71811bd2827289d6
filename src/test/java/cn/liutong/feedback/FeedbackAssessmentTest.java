package cn.liutong.feedback;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleDriver;

/** 群众评价: the ratings of a branch's public feedback reach its next assessment. */
class FeedbackAssessmentTest extends FeedbackTestBase {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void ratingsGivenDuringTheCycleCountAsPublicSatisfaction() {
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - 60_000));
    rated(agency.branch(TREASURY), 1); // a minute before the cycle starts: belongs to the previous one
    ClockUtil.reset();

    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy().implementAndInspect();
    rated(agency.branch(BUDGET), 5);
    rated(agency.branch(BUDGET), 2); // average 3.5 → 3.5 × 20 = 70.0
    cycle.assess();

    // the budget branch: goals (85×40 + 88×60)/100 = 86.8; evaluations mean(members' 好评率 100, public 70) = 85
    //   → 86.8 × 0.8 + 85 × 0.2 = 69.44 + 17 = 86.44 → 86.4
    // the audit and treasury branches: no rating in this cycle → 86.8 × 0.8 + 100 × 0.2 = 89.44 → 89.4
    assertThat(result(cycle, agency.branch(BUDGET), "public_satisfaction")).isEqualByComparingTo("70.0");
    assertThat(result(cycle, agency.branch(BUDGET), "weighted_score")).isEqualByComparingTo("86.4");
    assertThat(result(cycle, agency.branch(TREASURY), "public_satisfaction")).isNull();
    assertThat(result(cycle, agency.branch(TREASURY), "weighted_score")).isEqualByComparingTo("89.4");
    assertThat(result(cycle, agency.branch(AUDIT), "weighted_score")).isEqualByComparingTo("89.4");
  }

  private void rated(String branch, int satisfaction) {
    feedback().submit().replied(branch).rate(satisfaction);
  }

  private BigDecimal result(CycleDriver cycle, String branch, String column) {
    return jdbc.queryForObject("select " + column + " from lt_assessment_result where cycle_id = ? and branch_code = ?",
        BigDecimal.class, cycle.cycleId(), branch);
  }
}
