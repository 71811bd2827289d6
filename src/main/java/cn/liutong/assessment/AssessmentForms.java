package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentProcess.*;

import java.util.List;

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



  /** 述职 on create: the branch's own items with their milestones and latest progress, which the report covers. */
  @Bean
  TaskListener dutyReportItems(GoalScores goalScores) {
    return task -> task.setVariableLocal(AssessmentProcess.BRANCH_ITEMS_RECORD,
        goalScores.branchItemsRecord(text(task, CYCLE_ID), text(task, BRANCH_CODE)));
  }

  /** 考核评分, 重新评分, 复核申诉 on create: the goal system as a scoring sheet ({@link GoalScores#prepare}). */
  @Bean
  TaskListener goalScoreSheet(GoalScores goalScores) {
    return goalScores::prepare;
  }

  /**
   * 考核评分 (and its reopenings): every goal scored, the scores recorded, and the decision's inputs set in the
   * branch's scope, whatever type the client sent.
   */
  @Bean
  TaskListener scoreForm(AssessmentLedger ledger, GoalScores goalScores) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      if (task.getVariableLocal(GoalScores.VARIABLE) == null) {
        legacyScores(task, check, ledger);
        return;
      }
      List<GoalScores.Scored> scored = goalScores.read(task, check);
      check.validate();
      goalScores.record(text(task, CYCLE_ID), text(task, BRANCH_CODE), scored, FormCheck.submitter(task));
      // the task holds the sheet as a local variable: the checked scores go to the branch's scope
      task.getExecution().setVariable(GoalScores.VARIABLE, goalScores.forDecision(scored));
      task.getExecution().setVariable(VETO, check.flag(VETO));
      // Shown read-only, but a client could send it back changed: the decision reads the ledger's value.
      task.getExecution().setVariable(MEMBER_EVALUATION,
          ledger.tally(text(task, CYCLE_ID), text(task, BRANCH_CODE)).approval());
    };
  }

  /**
   * A scoring task of a cycle started on a model version before goal-by-goal scoring (no sheet was prepared): its
   * form sends the two kinds' scores, and that version's decision weighs them with the cycle's own party weight.
   */
  private static void legacyScores(DelegateTask task, FormCheck check, AssessmentLedger ledger) {
    check.validate();
    task.setVariable(PARTY_SCORE, check.decimal(PARTY_SCORE));
    task.setVariable(BUSINESS_SCORE, check.decimal(BUSINESS_SCORE));
    task.setVariable(VETO, check.flag(VETO));
    task.setVariable(MEMBER_EVALUATION, ledger.tally(text(task, CYCLE_ID), text(task, BRANCH_CODE)).approval());
  }

  static String text(DelegateTask task, String name) {
    return (String) task.getVariable(name);
  }
}
