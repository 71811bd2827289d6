package cn.liutong.vanguard;

import static cn.liutong.vanguard.VanguardProcess.*;
import static cn.liutong.vanguard.VanguardProcess.Var.*;


import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.system.FormCheck;

/**
 * The complete listeners of the vanguard-post forms, each named in the model. The fields' limits live in the
 * forms ({@link FormCheck} starts with the deployed form's rules); what is left is what each step writes.
 */
@Configuration(proxyBeanMethods = false)
class VanguardForms {

  /** What an application says: the kind of post, its name, its duties and the member's pledge. */
  record PostFields(String type, String name, String duties, String pledge) {

    /** The fields of the start form (or of a revision), trimmed; the form's own rules have checked them. */
    static PostFields read(FormCheck check) {
      return new PostFields(check.trimmed(POST_TYPE), check.trimmed(POST_NAME), check.trimmed(DUTIES),
          check.trimmed(PLEDGE));
    }

    /** The checked values, trimmed, as the forms show them next. */
    void write(VariableScope scope) {
      scope.setVariable(POST_TYPE, type);
      scope.setVariable(POST_TYPE_LABEL, POST_TYPES.get(type));
      scope.setVariable(POST_NAME, name);
      scope.setVariable(DUTIES, duties);
      scope.setVariable(PLEDGE, pledge);
    }
  }

  @Bean
  TaskListener vanguardBranchReviewForm(VanguardLedger ledger) {
    return task -> review(task, ledger, BRANCH_REVIEW_DECISION, BRANCH_REVIEW_REASON, "支部委员会");
  }

  @Bean
  TaskListener vanguardCommitteeReviewForm(VanguardLedger ledger) {
    return task -> review(task, ledger, COMMITTEE_REVIEW_DECISION, COMMITTEE_REVIEW_REASON, "机关党委");
  }

  /** Approve, return for revision or refuse; the last two need a reason the applicant will read. */
  private static void review(DelegateTask task, VanguardLedger ledger, String decisionName, String reasonName,
      String reviewer) {
    FormCheck check = FormCheck.of(task);
    check.validate();
    String decision = check.trimmed(decisionName);
    String reason = check.trimmed(reasonName);
    if (RETURNED.equals(decision)) {
      task.setVariable(RETURN_REASON, reviewer + "退回：" + reason);
      ledger.status(task.getProcessInstanceId(), VanguardLedger.Status.RETURNED);
    } else if (REFUSED.equals(decision)) {
      task.setVariable(REFUSAL_REASON, reviewer + "不予同意：" + reason);
    }
  }

  /** The applicant revises after a return; the revision goes through both reviews again. */
  @Bean
  TaskListener vanguardRevisionForm(VanguardLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      PostFields post = PostFields.read(check);
      post.write(task);
      ledger.revise(task.getProcessInstanceId(), post.type(), post.name(), post.duties(), post.pledge());
      for (String name : new String[] {BRANCH_REVIEW_DECISION, BRANCH_REVIEW_REASON, COMMITTEE_REVIEW_DECISION,
          COMMITTEE_REVIEW_REASON}) {
        task.setVariable(name, null);
      }
    };
  }

  @Bean
  TaskListener vanguardFulfilmentForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }
}
