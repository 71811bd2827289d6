package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;


import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.cycle.CycleProcess.Decision;
import cn.liutong.system.FormCheck;

/**
 * The complete listeners of the cycle's simpler forms, each named in the model as {@code ${name}}. The fields'
 * own limits live in the forms ({@link FormCheck} starts with the deployed form's rules); what is left here is
 * what the step writes.
 */
@Configuration(proxyBeanMethods = false)
class CycleForms {

  /** The party group approves only goals that answer every carried-over problem (one may arrive after the draft). */
  @Bean
  TaskListener goalsReviewForm(CarryOvers carryOvers) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      if (Decision.APPROVED.equals(task.getVariable(GOALS_DECISION))) {
        long open = carryOvers.unanswered(cycleId(task));
        check.require(open == 0, "上一周期又结转了" + open + "项遗留问题，目标体系尚未回应，请选择退回，由机关党委逐项回应后重新提交");
      }
      check.validate();
    };
  }

  @Bean
  TaskListener signForForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }

  @Bean
  TaskListener objectionAnswerForm() {
    return task -> {
      FormCheck.of(task).validate();
      task.setVariable(SIGN_FOR_DECISION, null); // the branch decides afresh on the answer
    };
  }

  @Bean
  TaskListener pledgeForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String pledge = check.trimmed(PLEDGE);
      boolean pioneerPost = check.flag(PIONEER_POST);
      ledger.recordPledge(cycleId(task), branchCode(task), (String) task.getVariable(MEMBER_ID), pledge, pioneerPost);
    };
  }

  @Bean
  TaskListener progressReportForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String party = check.trimmed(PARTY_PROGRESS);
      String business = check.trimmed(BUSINESS_PROGRESS);
      String difficulties = check.trimmed(DIFFICULTIES);
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
      check.validate();
      String findings = check.trimmed(FINDINGS);
      boolean problemsFound = check.flag(PROBLEMS_FOUND);
      String problem = problemsFound ? check.trimmed(PROBLEM_DESCRIPTION) : null;
      int round = round(task);
      ledger.recordFinding(cycleId(task), branchCode(task), round, findings, problemsFound, problem, FormCheck.submitter(task));
      task.setVariable(PROBLEMS_FOUND, problemsFound); // the round's number moves on with its bulletin
    };
  }

  @Bean
  TaskListener supervisionForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String note = check.trimmed(SUPERVISION_NOTE);
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
