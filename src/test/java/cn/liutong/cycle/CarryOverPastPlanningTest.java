package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Activity.DECOMPOSE_GOALS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Next year's goals are already approved when this year's cycle closes: its open problems are carried all the
 * same (unanswered, in the ledger) and the committee is told to follow them up; the goals are not reopened.
 */
class CarryOverPastPlanningTest extends CarryOverTestBase {

  @Test
  void closingCycleCarriesIntoACyclePastPlanning() throws Exception {
    runUntilLastDecision();
    startNext();
    next.plan();

    close();

    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id = ? and answered_at is null",
        cycle.cycleId(), next.cycleId())).isEqualTo(2);
    assertThat(carriedRows()).hasSize(2);
    assertThat(next.task(DECOMPOSE_GOALS)).as("the running cycle goes on where it was").isNotNull();
    assertThat(jdbc.queryForObject("select body from lt_notification where kind = 'CARRIED_OVER' and recipient = ?",
        String.class, agency.committee())).contains("本周期已过同规划阶段").contains(AUDIT_PROBLEM);
  }
}
