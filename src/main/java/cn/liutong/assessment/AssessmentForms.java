package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.system.FormCheck;

/** Server-side rules of the assess and accountability forms; each bean is one task's complete listener. */
@Configuration(proxyBeanMethods = false)
class AssessmentForms {

  @Bean
  TaskListener dutyReportForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(DUTY_REPORT_PARTY, "党建工作述职", 10, 3000);
      check.text(DUTY_REPORT_BUSINESS, "业务工作述职", 10, 3000);
      check.validate();
    };
  }

  @Bean
  TaskListener evaluationForm(AssessmentLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      Double score = check.number(EVALUATION_SCORE, "测评得分", 0, 100);
      String comment = check.optionalText(EVALUATION_COMMENT, "测评意见", 500);
      check.validate();
      ledger.recordEvaluation(text(task, CYCLE_ID), text(task, BRANCH_CODE), text(task, MEMBER_ID), score, comment);
    };
  }

  @Bean
  TaskListener scoreForm(AssessmentLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      Double party = check.number(PARTY_SCORE, "党建指标得分", 0, 100);
      Double business = check.number(BUSINESS_SCORE, "业务指标得分", 0, 100);
      boolean veto = check.flag(VETO);
      if (veto) {
        check.text(VETO_REASON, "否决事由", 5, 500);
      }
      check.optionalText(ASSESSMENT_PROBLEMS, "考核发现的问题", 1000);
      check.validate();
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
      FormCheck check = FormCheck.of(task);
      String decision = check.decision(RESULTS_DECISION, "审定意见", "approved", "returned", RESULTS_RETURN_REASON, "退回理由");
      check.validate();
      if ("approved".equals(decision)) {
        ledger.approveAssessments(text(task, CYCLE_ID));
      }
    };
  }

  @Bean
  TaskListener resultsExplanationForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(RESULTS_EXPLANATION, "情况说明", 5, 1000);
      check.validate();
      task.setVariable(RESULTS_DECISION, null);
    };
  }

  @Bean
  TaskListener measureForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.choice(DECIDED_MEASURE, "问责措施", MEASURES.keySet());
      check.text(MEASURE_REASON, "决定理由", 5, 500);
      check.validate();
      task.setVariable(MEASURE_DECIDED_BY, FormCheck.submitter(task));
    };
  }

  static String text(DelegateTask task, String name) {
    return (String) task.getVariable(name);
  }
}
