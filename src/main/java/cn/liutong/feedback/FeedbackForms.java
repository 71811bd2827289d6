package cn.liutong.feedback;

import static cn.liutong.feedback.FeedbackProcess.ASSIGN;
import static cn.liutong.feedback.FeedbackProcess.REJECT;
import static cn.liutong.feedback.FeedbackProcess.Var.*;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;
import cn.liutong.system.FormCheck;

/** Server-side rules of the feedback forms; each bean is one user task's complete listener. */
@Configuration(proxyBeanMethods = false)
class FeedbackForms {

  /** Accept and route to one of the agency's own branches (as it is now), or reject with a reason. */
  @Bean
  TaskListener triageForm(OrganisationDirectory organisation) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String decision = check.choice(TRIAGE_DECISION, "受理意见", Set.of(ASSIGN, REJECT));
      if (ASSIGN.equals(decision)) {
        Map<String, String> branches = organisation.branches((String) task.getVariable(AGENCY_ID)).stream()
            .collect(Collectors.toMap(BranchRef::code, BranchRef::name));
        String branchCode = check.choice(BRANCH_CODE, "承办支部", branches.keySet());
        task.setVariable(BRANCH_NAME, branchCode == null ? null : branches.get(branchCode));
      } else if (REJECT.equals(decision)) {
        check.text(REJECT_REASON, "不予受理理由", 5, 500);
      }
      check.validate();
    };
  }

  @Bean
  TaskListener handlingForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(HANDLING_NOTES, "办理情况", 5, 2000);
      check.text(REPLY_DRAFT, "答复意见", 10, 1000);
      boolean substantive = check.flag(SUBSTANTIVE_PROBLEM);
      if (substantive) {
        check.text(PROBLEM_DESCRIPTION, "需整改的问题", 5, 1000);
      }
      check.validate();
      // The gateways read a boolean, also when the checkbox was never touched.
      task.setVariable(SUBSTANTIVE_PROBLEM, substantive);
      if (!substantive) {
        task.setVariable(PROBLEM_DESCRIPTION, null);
      }
      task.setVariable(REPLY_DECISION, null);
    };
  }

  @Bean
  TaskListener replyReviewForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.decision(REPLY_DECISION, "审核意见", "approved", "returned", REPLY_RETURN_REASON, "退回理由");
      check.validate();
    };
  }
}
