package cn.liutong.feedback;

import static cn.liutong.feedback.FeedbackProcess.ASSIGN;
import static cn.liutong.feedback.FeedbackProcess.Var.*;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;
import cn.liutong.system.FormCheck;

/**
 * The complete listeners of the feedback forms, each named in the model. The fields' limits live in the forms
 * ({@link FormCheck} starts with the deployed form's rules); what is left needs the organisation, or is what the
 * step writes.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackForms {

  /** Accept and route to one of the agency's own branches (as it is now), or reject with a reason. */
  @Bean
  TaskListener triageForm(OrganisationDirectory organisation) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      if (ASSIGN.equals(task.getVariable(TRIAGE_DECISION))) {
        Map<String, String> branches = organisation.branches((String) task.getVariable(AGENCY_ID)).stream()
            .collect(Collectors.toMap(BranchRef::code, BranchRef::name));
        String branchCode = check.choice(BRANCH_CODE, "承办支部", branches.keySet());
        task.setVariable(BRANCH_NAME, branchCode == null ? null : branches.get(branchCode));
      }
      check.validate();
    };
  }

  @Bean
  TaskListener handlingForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      boolean substantive = check.flag(SUBSTANTIVE_PROBLEM);
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
      FormCheck.of(task).validate();
    };
  }
}
