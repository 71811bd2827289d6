package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentProcess.*;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.assessment.AssessmentLedger.Assessment;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.feedback.FeedbackLedger;
import cn.liutong.rectification.RectificationLedger;

/** Service tasks around the two decisions: gather their inputs, record their outcome. */
@Configuration(proxyBeanMethods = false)
class AssessmentDelegates {

  /**
   * 双评: the members' 民主测评 of the branch (its 好评率, and the ballots counted per grade for the committee), and
   * 社会评价 (public satisfaction): the public's survey answers on the agency and the ratings of the branch's
   * feedback given since the cycle started, 0..100 ({@code FeedbackLedger#satisfactionScore}); null when there is
   * none, and the decision then leaves it out.
   */
  @Bean
  JavaDelegate collectEvaluationsDelegate(AssessmentLedger ledger, CycleLedger cycles, FeedbackLedger feedback) {
    return execution -> {
      AssessmentLedger.Tally tally = ledger.tally(cycleId(execution), branchCode(execution));
      execution.setVariable(MEMBER_EVALUATION, tally.approval());
      execution.setVariable(EVALUATION_SUMMARY, tally.summary());
      execution.setVariable(PUBLIC_SATISFACTION,
          feedback.satisfactionScore((String) execution.getVariable(cn.liutong.cycle.CycleProcess.Var.AGENCY_ID),
              branchCode(execution), cycles.cycle(cycleId(execution)).startedAt()));
    };
  }

  @Bean
  JavaDelegate recordAssessmentDelegate(AssessmentLedger ledger) {
    return execution -> ledger.recordAssessment(cycleId(execution), assessment(execution, false));
  }

  /** The branch's result as the scoring step and the grade decision left it in the execution. */
  static Assessment assessment(DelegateExecution execution, boolean approved) {
    return new Assessment(
        branchCode(execution), (String) execution.getVariable(BRANCH_NAME),
        decimal(execution, PARTY_SCORE), decimal(execution, BUSINESS_SCORE),
        decimal(execution, MEMBER_EVALUATION), decimal(execution, PUBLIC_SATISFACTION),
        Boolean.TRUE.equals(execution.getVariable(VETO)), (String) execution.getVariable(VETO_REASON),
        blankToNull(execution.getVariable(ASSESSMENT_PROBLEMS)),
        decimal(execution, WEIGHTED_SCORE), (String) execution.getVariable(GRADE), approved);
  }

  /** The inputs of {@code accountability-measure}: the approved grade and every rectification of the cycle ({@link RectificationLedger#counts}). */
  @Bean
  JavaDelegate accountabilityFactsDelegate(AssessmentLedger ledger, RectificationLedger rectifications) {
    return execution -> {
      Assessment assessment = ledger.assessment(cycleId(execution), branchCode(execution));
      RectificationLedger.Counts counts = rectifications.counts(cycleId(execution), branchCode(execution));
      execution.setVariable(GRADE, assessment.grade());
      execution.setVariable(OPEN_RECTIFICATIONS, counts.open());
      execution.setVariable(OVERDUE_RECTIFICATIONS, counts.overdue());
    };
  }

  static String cycleId(DelegateExecution execution) {
    return (String) execution.getVariable(CYCLE_ID);
  }

  static String branchCode(DelegateExecution execution) {
    return (String) execution.getVariable(BRANCH_CODE);
  }

  static BigDecimal decimal(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value instanceof Number n ? BigDecimal.valueOf(n.doubleValue()).setScale(1, java.math.RoundingMode.HALF_UP) : null;
  }

  static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
