package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * No next cycle runs when this year's cycle closes: its open problems wait for the next one to start, which
 * takes them at its start.
 */
class CarryOverAtStartTest extends CarryOverTestBase {

  @Test
  void withoutARunningNextCycleTheNextToStartTakesThem() throws Exception {
    runUntilLastDecision();
    int messages = messages(agency.id());
    close();
    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id is null",
        cycle.cycleId())).isEqualTo(2);
    assertThat(messages(agency.id())).as("nobody to tell yet").isEqualTo(messages);

    startNext();

    assertThat(carriedRows()).extracting(r -> (String) r.get("problem")).anySatisfy(p -> assertThat(p).contains(AUDIT_PROBLEM));
    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id = ?", cycle.cycleId(),
        next.cycleId())).isEqualTo(2);
  }
}
