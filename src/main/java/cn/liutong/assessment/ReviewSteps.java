package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentDelegates.assessment;
import static cn.liutong.assessment.AssessmentDelegates.branchCode;
import static cn.liutong.assessment.AssessmentDelegates.cycleId;
import static cn.liutong.assessment.AssessmentProcess.*;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.assessment.AssessmentLedger.Assessment;
import cn.liutong.assessment.ReviewLedger.Kind;
import cn.liutong.assessment.ReviewLedger.Review;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * From the committee's scores to the final results: the party group approves or returns branches for scoring
 * again (退回重新评分); approved results go on 公示, where each branch may appeal once before the period ends
 * (申诉 → 机关党委复核 → 党组审定); then the final results are circulated (通报). Every reopening is in the
 * {@link ReviewLedger} with its reason and the score before and after.
 */
@Configuration(proxyBeanMethods = false)
class ReviewSteps {

  static final String NOT_ASSESSED = "只能退回本周期已评分的支部";
  static final String NO_AGENCY_RESULT = "本周期没有机关层面考核结果，不能退回机关层面评分";
  static final String APPEALED_ONCE = "本支部在本周期已经提出过申诉，每个周期只能申诉一次";
  static final String PUBLICITY_OVER = "公示期已满，不能再提出申诉";

  /**
   * 党组审定考核结果: approved, every result is approved; returned, the branches chosen (and the agency-level score, when
   * ticked) are reopened with the reason.
   */
  @Bean
  TaskListener resultsReviewForm(AssessmentLedger ledger, ReviewLedger reviews, JsonVariables json,
      AgencyAssessment agencyAssessments) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String cycle = (String) task.getVariable(CYCLE_ID);
      boolean returned = CycleProcess.Decision.RETURNED.equals(task.getVariable(RESULTS_DECISION));
      Set<String> chosen = new LinkedHashSet<>();
      boolean agency = false;
      if (returned) {
        JsonNode branches = json.read(task, RETURNED_BRANCHES);
        if (branches.isArray()) {
          branches.forEach(b -> chosen.add(b.asText()));
        }
        // the agency's own levels are ticked under the agency's id, as the options offer them
        agency = chosen.remove((String) task.getVariable(CycleProcess.Var.AGENCY_ID));
        check.require(!agency || agencyAssessments.result(cycle).isPresent(), NO_AGENCY_RESULT);
        Set<String> assessed = new LinkedHashSet<>(ledger.assessments(cycle).stream().map(Assessment::branchCode).toList());
        check.require(assessed.containsAll(chosen), NOT_ASSESSED); // nothing chosen: the form's rule (required)
      }
      check.validate();
      task.getExecution().setVariable(AGENCY_RETURNED, agency);
      if (!returned) {
        ledger.approveAssessments(cycle);
        return;
      }
      String reason = check.trimmed(RESULTS_RETURN_REASON);
      if (agency) {
        agencyAssessments.returned(cycle, reason);
      }
      chosen.forEach(branch -> reviews.open(cycle, Kind.RETURNED, reason, FormCheck.submitter(task),
          ledger.assessment(cycle, branch)));
    };
  }

  /**
   * A reopened score starts from the ledger's result (never from variables a client could have sent): the inputs
   * of the grade decision and why it is reopened; the scoring task shows the goals' scores ({@link GoalScores}).
   */
  @Bean
  JavaDelegate loadScoresDelegate(AssessmentLedger ledger, ReviewLedger reviews) {
    return execution -> {
      String cycle = cycleId(execution);
      String branch = branchCode(execution);
      Review review = reviews.open(cycle, branch)
          .orElseThrow(() -> new IllegalStateException("no open review of " + branch + " in cycle " + cycle));
      Assessment result = ledger.assessment(cycle, branch);
      execution.setVariable(REVIEW_SOURCE, review.reviewKind().label);
      execution.setVariable(REVIEW_REASON, review.reason());
      execution.setVariable(PREVIOUS_RESULT, result.line());
      execution.setVariable(VETO, result.veto());
      execution.setVariable(VETO_REASON, result.vetoReason());
      execution.setVariable(ASSESSMENT_PROBLEMS, result.problems());
      execution.setVariable(MEMBER_EVALUATION, number(result.memberEvaluation()));
      execution.setVariable(PUBLIC_SATISFACTION, number(result.publicSatisfaction()));
      execution.setVariable(PLEDGE_SHARE, ledger.pledgeShare(cycle, branch));
    };
  }

  /** The rescored result replaces the returned one (not yet approved: the party group approves the table again). */
  @Bean
  JavaDelegate recordRescoreDelegate(AssessmentLedger ledger, ReviewLedger reviews) {
    return execution -> record(execution, ledger, reviews, false);
  }

  /** The party group approved the committee's review of an appeal: it is the branch's final result. */
  @Bean
  JavaDelegate recordReviewDelegate(AssessmentLedger ledger, ReviewLedger reviews) {
    return execution -> record(execution, ledger, reviews, true);
  }

  private static void record(DelegateExecution execution, AssessmentLedger ledger, ReviewLedger reviews, boolean approved) {
    Assessment result = assessment(execution, approved);
    ledger.recordAssessment(cycleId(execution), result);
    reviews.decide(cycleId(execution), result, (String) execution.getVariable(REVIEW_NOTE));
  }

  /**
   * 确认考核结果或提出申诉: an appeal is taken once per branch and cycle, and only before the 公示 ends (the timer
   * that ends the task may run a little late).
   */
  @Bean
  TaskListener appealForm(AssessmentLedger ledger, ReviewLedger reviews, EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String cycle = (String) task.getVariable(CYCLE_ID);
      String branch = (String) task.getVariable(BRANCH_CODE);
      boolean appeal = APPEAL.equals(task.getVariable(APPEAL_DECISION));
      if (appeal) {
        check.require(!reviews.appealed(cycle, branch), APPEALED_ONCE);
        check.require(reviews.publication(cycle).map(p -> !clock.instant().isAfter(p.publicityEnds().toInstant()))
            .orElse(false), PUBLICITY_OVER);
      }
      check.validate();
      if (appeal) {
        reviews.open(cycle, Kind.APPEAL, check.trimmed(APPEAL_REASON), FormCheck.submitter(task),
            ledger.assessment(cycle, branch));
      }
    };
  }

  /** 党组审定复核结果: the form's own rules (a decision; a reason when returned). */
  @Bean
  TaskListener reviewApprovalForm() {
    return task -> FormCheck.of(task).validate();
  }

  /** 公示: the period the model set, in the ledger and to every member of the agency. */
  @Bean
  JavaDelegate publicizeResultsDelegate(AssessmentLedger ledger, ReviewLedger reviews, ApplicationEventPublisher events) {
    return execution -> {
      Date ends = (Date) execution.getVariable(PUBLICITY_ENDS);
      String agency = agencyId(execution);
      reviews.publicize(cycleId(execution), agency, ends);
      events.publishEvent(new ResultsPublicized(agency, cycleId(execution), cycleName(execution), ends,
          ledger.assessments(cycleId(execution))));
    };
  }

  /** 通报: the final results, with the appeals and how they were decided. */
  @Bean
  JavaDelegate circulateResultsDelegate(AssessmentLedger ledger, ReviewLedger reviews, ApplicationEventPublisher events) {
    return execution -> {
      reviews.circulate(cycleId(execution));
      List<Review> appeals = reviews.reviews(cycleId(execution)).stream().filter(r -> r.reviewKind() == Kind.APPEAL).toList();
      events.publishEvent(new ResultsCirculated(agencyId(execution), cycleId(execution), cycleName(execution),
          ledger.assessments(cycleId(execution)), appeals));
    };
  }

  private static Double number(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }

  private static String agencyId(VariableScope scope) {
    return (String) scope.getVariable(CycleProcess.Var.AGENCY_ID);
  }

  private static String cycleName(VariableScope scope) {
    return String.valueOf(scope.getVariable(CycleProcess.Var.CYCLE_NAME));
  }
}
