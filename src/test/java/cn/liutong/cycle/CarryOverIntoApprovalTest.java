package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Activity.APPROVE_GOALS;
import static cn.liutong.cycle.CycleProcess.Activity.DRAFT_GOALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Next year's draft waits for the party group when this year's cycle closes: the party group cannot approve
 * goals that leave a carried problem unanswered; it returns the draft, which then shows the problems.
 */
class CarryOverIntoApprovalTest extends CarryOverTestBase {

  @Test
  void partyGroupReturnsADraftThatDoesNotAnswerNewlyCarriedProblems() throws Exception {
    runUntilLastDecision();
    startNext();
    next.draftGoals();

    close();

    assertThat(jdbc.queryForObject("select body from lt_notification where kind = 'CARRIED_OVER' and recipient = ?",
        String.class, agency.committee())).contains("党组须退回");
    assertThatThrownBy(next::approveGoals).hasMessageContaining("上一周期又结转了2项遗留问题");
    assertThat(next.task(APPROVE_GOALS)).isNotNull();

    next.returnGoals("请逐项回应上一周期结转的遗留问题");
    next.submit(next.task(DRAFT_GOALS), draft(answered(carriedRows(), "预算执行率", "已纳入支部年度重点工作推进")));
    next.approveGoals();
    assertThat(next.tasks(APPROVE_GOALS)).isEmpty();
    assertThat(count("select count(*) from lt_carry_over where to_cycle_id = ? and answer_goal = '预算执行率'",
        next.cycleId())).isEqualTo(1);
  }
}
