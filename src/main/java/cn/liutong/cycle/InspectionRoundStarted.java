package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An inspection round of a cycle began for one branch (the round's 季度督查日 came and the branch's part of it,
 * {@code SubProcess_InspectBranch}, started). Published inside the
 * engine's transaction, so what listeners start (the 践诺 reports of the branch's 党员先锋岗) is kept or
 * rolled back with the round.
 */
public record InspectionRoundStarted(String agencyId, String cycleId, String cycleName, String branchCode,
    int round) {

  @Configuration(proxyBeanMethods = false)
  static class Publisher {

    /** On the start of each branch's {@code SubProcess_InspectBranch}; the round's number is the cycle's {@code inspectionRound}. */
    @Bean
    ExecutionListener inspectionRoundStartedListener(ApplicationEventPublisher events) {
      return execution -> events.publishEvent(new InspectionRoundStarted((String) execution.getVariable(AGENCY_ID),
          (String) execution.getVariable(CYCLE_ID), (String) execution.getVariable(CYCLE_NAME),
          (String) execution.getVariable(BRANCH_CODE), ((Number) execution.getVariable(INSPECTION_ROUND)).intValue()));
    }
  }
}
