package cn.liutong.assessment;

import java.util.List;
import java.util.Map;

import cn.liutong.cycle.CycleProcess;

/** Variable names of the assess (同考核) and accountability (同问责) stages of {@code integrated-cycle}. */
public final class AssessmentProcess {

  /** The stages are drawn in the cycle's model. */
  public static final String KEY = CycleProcess.KEY;

  /** The grades (等次) the assessment-grade decision gives, best first. */
  public static final List<String> GRADES = List.of("优秀", "良好", "一般", "较差");

  /** Accountability measures (问责措施) the party group may decide, with their labels. */
  public static final Map<String, String> MEASURES = Map.of(
      "none", "不予问责", "reminderTalk", "提醒谈话", "interview", "约谈", "circular", "通报批评",
      "orgAdjustment", "组织调整建议");

  public static final String CYCLE_ID = "cycleId";
  public static final String BRANCH_CODE = "branchCode";
  public static final String BRANCH_NAME = "branchName";
  public static final String MEMBER_ID = "memberId";
  public static final String DUTY_REPORT_PARTY = "dutyReportParty";
  public static final String DUTY_REPORT_BUSINESS = "dutyReportBusiness";
  public static final String EVALUATION_SCORE = "evaluationScore";
  public static final String EVALUATION_COMMENT = "evaluationComment";
  public static final String MEMBER_EVALUATION = "memberEvaluation";
  public static final String PUBLIC_SATISFACTION = "publicSatisfaction";
  public static final String PARTY_SCORE = "partyScore";
  public static final String BUSINESS_SCORE = "businessScore";
  public static final String VETO = "veto";
  public static final String VETO_REASON = "vetoReason";
  public static final String ASSESSMENT_PROBLEMS = "assessmentProblems";
  public static final String WEIGHTED_SCORE = "weightedScore";
  public static final String GRADE = "grade";
  public static final String RESULTS_DECISION = "resultsDecision";
  public static final String RESULTS_RETURN_REASON = "resultsReturnReason";
  public static final String RESULTS_EXPLANATION = "resultsExplanation";
  public static final String OPEN_RECTIFICATIONS = "openRectifications";
  public static final String OVERDUE_RECTIFICATIONS = "overdueRectifications";
  public static final String MEASURE = "measure";
  public static final String DECIDED_MEASURE = "decidedMeasure";
  public static final String MEASURE_REASON = "measureReason";
  public static final String MEASURE_DECIDED_BY = "measureDecidedBy";
  /** The duty-report form's list of pledges, one row per member, each with a {@link #RATING}. */
  public static final String PLEDGE_RATINGS = "pledgeRatings";
  public static final String RATING = "rating";

  /** The ratings of a member's 践诺, as the duty-report form offers them. */
  public static final class Rating {
    public static final String GOOD = "good";
    public static final String FAIRLY_GOOD = "fairlyGood";
    public static final String AVERAGE = "average";
    public static final String POOR = "poor";

    private Rating() {
    }
  }

  private AssessmentProcess() {
  }

  /** Keys of the Camunda Forms the model's tasks show (files in {@code forms/}). */
  public static final class Form {
    public static final String DUTY_REPORT = "duty-report";
    public static final String EVALUATE_BRANCH = "evaluate-branch";
    public static final String SCORE_BRANCH = "score-branch";
    public static final String APPROVE_RESULTS = "approve-results";
    public static final String EXPLAIN_RESULTS = "explain-results";
    public static final String DECIDE_MEASURE = "decide-measure";

    private Form() {
    }
  }
}
