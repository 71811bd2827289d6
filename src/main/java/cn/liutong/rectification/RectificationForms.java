package cn.liutong.rectification;

import static cn.liutong.rectification.RectificationProcess.Var.*;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.system.FormCheck;

/**
 * The complete listeners of the rectification forms, each named in the model. The fields' limits live in the
 * forms ({@link FormCheck} starts with the deployed form's rules); what is left is what the step resets.
 */
@Configuration(proxyBeanMethods = false)
class RectificationForms {

  @Bean
  TaskListener rectificationPlanForm() {
    return task -> {
      FormCheck.of(task).validate();
      task.setVariable(PLAN_DECISION, null);
    };
  }

  @Bean
  TaskListener rectificationPlanReviewForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }

  @Bean
  TaskListener evidenceForm() {
    return task -> {
      FormCheck.of(task).validate();
      task.setVariable(VERIFICATION_DECISION, null);
    };
  }

  @Bean
  TaskListener verificationForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }
}
