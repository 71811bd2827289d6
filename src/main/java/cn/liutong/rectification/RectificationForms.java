package cn.liutong.rectification;

import static cn.liutong.rectification.RectificationProcess.Var.*;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.system.FormCheck;

/** Server-side rules of the rectification forms; each bean is one user task's complete listener. */
@Configuration(proxyBeanMethods = false)
class RectificationForms {

  @Bean
  TaskListener rectificationPlanForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(RECTIFICATION_PLAN, "整改方案", 5, 2000);
      check.validate();
      task.setVariable(PLAN_DECISION, null);
    };
  }

  @Bean
  TaskListener rectificationPlanReviewForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.decision(PLAN_DECISION, "审核意见", "approved", "returned", PLAN_RETURN_REASON, "退回理由");
      check.validate();
    };
  }

  @Bean
  TaskListener evidenceForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(EVIDENCE, "整改情况及佐证材料说明", 5, 2000);
      check.validate();
      task.setVariable(VERIFICATION_DECISION, null);
    };
  }

  @Bean
  TaskListener verificationForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.decision(VERIFICATION_DECISION, "销号意见", "verified", "returned", VERIFICATION_RETURN_REASON, "退回理由");
      check.validate();
    };
  }
}
