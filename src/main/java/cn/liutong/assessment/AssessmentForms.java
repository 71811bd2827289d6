package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.system.FormCheck;

/**
 * The complete listeners of the assess and accountability forms, each named in the model. The fields' limits
 * live in the forms ({@link FormCheck} starts with the deployed form's rules); what is left is what each step
 * writes.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentForms {

  /**
   * 民主测评: the member's two grades and comment go into an anonymous ballot. They are the task's local
   * variables (the model's input parameters), gone when the task ends, and {@link BallotSecrecy} keeps them out
   * of the history.
   */
  @Bean
  TaskListener evaluationForm(AssessmentLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String party = check.choice(PARTY_GRADE, "党建工作测评等次", Rating.LABELS.keySet());
      String business = check.choice(BUSINESS_GRADE, "业务工作测评等次", Rating.LABELS.keySet());
      check.validate();
      ledger.recordBallot(text(task, CYCLE_ID), text(task, BRANCH_CODE), party, business, check.trimmed(EVALUATION_COMMENT));
    };
  }



  @Bean
  TaskListener scoreForm(AssessmentLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      Double party = check.decimal(PARTY_SCORE);
      Double business = check.decimal(BUSINESS_SCORE);
      boolean veto = check.flag(VETO);
      // The decision reads numbers and a boolean, whatever type the client sent.
      task.setVariable(PARTY_SCORE, party);
      task.setVariable(BUSINESS_SCORE, business);
      task.setVariable(VETO, veto);
      // Shown read-only, but a client could send it back changed: the decision reads the ledger's value.
      task.setVariable(MEMBER_EVALUATION, ledger.tally(text(task, CYCLE_ID), text(task, BRANCH_CODE)).approval());
    };
  }

  static String text(DelegateTask task, String name) {
    return (String) task.getVariable(name);
  }
}
