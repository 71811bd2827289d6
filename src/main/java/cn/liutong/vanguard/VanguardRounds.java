package cn.liutong.vanguard;

import static cn.liutong.vanguard.VanguardProcess.*;
import static cn.liutong.vanguard.VanguardProcess.Var.*;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.InspectionRoundStarted;

/**
 * When a cycle's inspection round begins for a branch, every registered post of that branch that is waiting
 * for a round asks its holder for the round's 践诺 report. A post whose holder is still reporting the previous
 * round is not asked twice.
 */
@Component
class VanguardRounds {

  private final RuntimeService runtime;

  VanguardRounds(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  void roundStarted(InspectionRoundStarted round) {
    runtime.createMessageCorrelation(MESSAGE_INSPECTION_ROUND)
        .tenantId(round.agencyId())
        .processInstanceVariableEquals(BRANCH_CODE, round.branchCode())
        .setVariable(ROUND_CYCLE_ID, round.cycleId())
        .setVariable(CYCLE_NAME, round.cycleName())
        .setVariable(INSPECTION_ROUND, round.round())
        .correlateAllWithResult();
  }
}
