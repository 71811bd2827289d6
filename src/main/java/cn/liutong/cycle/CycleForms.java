package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;


import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.system.FormCheck;

/**
 * The server-side rules of the cycle's simpler forms (the form itself checks the same limits in the
 * browser; these hold for every client of the REST API). Each bean is the {@code complete} listener of
 * one user task, named in the model as {@code ${name}}.
 */
@Configuration(proxyBeanMethods = false)
class CycleForms {

  @Bean
  TaskListener goalsReviewForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.decision(GOALS_DECISION, "审批意见", "approved", "returned", GOALS_RETURN_REASON, "退回理由");
      check.validate();
    };
  }

  @Bean
  TaskListener signForForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.decision(SIGN_FOR_DECISION, "签收意见", "signed", "objection", OBJECTION, "异议内容");
      check.validate();
    };
  }

  @Bean
  TaskListener objectionAnswerForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(OBJECTION_ANSWER, "答复意见", 5, 500);
      check.validate();
      task.setVariable(SIGN_FOR_DECISION, null); // the branch decides afresh on the answer
    };
  }

  @Bean
  TaskListener implementationPlanForm() {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.text(PARTY_TOPICS, "主题党日、“三会一课”议题", 5, 1000);
      check.text(IMPLEMENTATION_PLAN, "落实方案", 5, 2000);
      check.optionalText(PIONEER_POSTS, "党员先锋岗设置", 500);
      check.validate();
    };
  }

  @Bean
  TaskListener pledgeForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String pledge = check.text(PLEDGE, "承诺事项", 5, 500);
      boolean pioneerPost = check.flag(PIONEER_POST);
      check.validate();
      ledger.recordPledge(cycleId(task), branchCode(task), (String) task.getVariable(MEMBER_ID), pledge, pioneerPost);
    };
  }

  @Bean
  TaskListener progressReportForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String party = check.text(PARTY_PROGRESS, "党建工作进展", 5, 2000);
      String business = check.text(BUSINESS_PROGRESS, "业务工作进展", 5, 2000);
      String difficulties = check.optionalText(DIFFICULTIES, "存在的困难", 1000);
      check.validate();
      ledger.recordProgress(cycleId(task), branchCode(task), round(task), party, business, difficulties, FormCheck.submitter(task));
      // Forms pre-fill from variables of the same name: each round's inspection starts empty.
      task.setVariable(FINDINGS, null);
      task.setVariable(PROBLEMS_FOUND, null);
      task.setVariable(PROBLEM_DESCRIPTION, null);
    };
  }

  @Bean
  TaskListener inspectionForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String findings = check.text(FINDINGS, "督查发现", 5, 2000);
      boolean problemsFound = check.flag(PROBLEMS_FOUND);
      String problem = problemsFound ? check.text(PROBLEM_DESCRIPTION, "需整改的问题", 5, 1000) : null;
      check.validate();
      int round = round(task);
      ledger.recordFinding(cycleId(task), branchCode(task), round, findings, problemsFound, problem, FormCheck.submitter(task));
      task.setVariable(PROBLEMS_FOUND, problemsFound);
      task.setVariable(INSPECTION_ROUND, round + 1);
    };
  }

  @Bean
  TaskListener supervisionForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String note = check.text(SUPERVISION_NOTE, "督办意见", 5, 500);
      check.validate();
      ledger.recordSupervision((String) task.getVariable(AGENCY_ID), (String) task.getVariable(CYCLE_ID),
          branchCode(task), task.getTaskDefinitionKey(), "escalation", note, FormCheck.submitter(task));
    };
  }

  static String cycleId(DelegateTask task) {
    return (String) task.getVariable(CYCLE_ID);
  }

  static String branchCode(DelegateTask task) {
    return (String) task.getVariable(BRANCH_CODE);
  }

  static int round(DelegateTask task) {
    return ((Number) task.getVariable(INSPECTION_ROUND)).intValue();
  }


}
