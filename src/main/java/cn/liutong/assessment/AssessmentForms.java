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

  @Bean
  TaskListener evaluationForm(AssessmentLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      Double score = check.decimal(EVALUATION_SCORE);
      String comment = check.trimmed(EVALUATION_COMMENT);
      ledger.recordEvaluation(text(task, CYCLE_ID), text(task, BRANCH_CODE), text(task, MEMBER_ID), score, comment);
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
      task.setVariable(MEMBER_EVALUATION, ledger.averageEvaluation(text(task, CYCLE_ID), text(task, BRANCH_CODE)));
    };
  }

  @Bean
  TaskListener resultsReviewForm(AssessmentLedger ledger) {
    return task -> {
      FormCheck.of(task).validate();
      if ("approved".equals(task.getVariable(RESULTS_DECISION))) {
        ledger.approveAssessments(text(task, CYCLE_ID));
      }
    };
  }

  @Bean
  TaskListener resultsExplanationForm() {
    return task -> {
      FormCheck.of(task).validate();
      task.setVariable(RESULTS_DECISION, null);
    };
  }

  @Bean
  TaskListener measureForm() {
    return task -> {
      FormCheck.of(task).validate();
      task.setVariable(MEASURE_DECIDED_BY, FormCheck.submitter(task));
    };
  }

  static String text(DelegateTask task, String name) {
    return (String) task.getVariable(name);
  }
}
