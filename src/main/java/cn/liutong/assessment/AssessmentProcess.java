package cn.liutong.assessment;

import java.util.Map;

/** Variable names of the assess (同考核) and accountability (同问责) stages of {@code integrated-cycle}. */
final class AssessmentProcess {

  /** Accountability measures (问责措施) the party group may decide, with their labels. */
  static final Map<String, String> MEASURES = Map.of(
      "none", "不予问责", "reminderTalk", "提醒谈话", "interview", "约谈", "circular", "通报批评",
      "orgAdjustment", "组织调整建议");

  static final String CYCLE_ID = "cycleId";
  static final String BRANCH_CODE = "branchCode";
  static final String BRANCH_NAME = "branchName";
  static final String MEMBER_ID = "memberId";
  static final String DUTY_REPORT_PARTY = "dutyReportParty";
  static final String DUTY_REPORT_BUSINESS = "dutyReportBusiness";
  static final String EVALUATION_SCORE = "evaluationScore";
  static final String EVALUATION_COMMENT = "evaluationComment";
  static final String MEMBER_EVALUATION = "memberEvaluation";
  static final String PUBLIC_SATISFACTION = "publicSatisfaction";
  static final String PARTY_SCORE = "partyScore";
  static final String BUSINESS_SCORE = "businessScore";
  static final String VETO = "veto";
  static final String VETO_REASON = "vetoReason";
  static final String ASSESSMENT_PROBLEMS = "assessmentProblems";
  static final String WEIGHTED_SCORE = "weightedScore";
  static final String GRADE = "grade";
  static final String RESULTS_DECISION = "resultsDecision";
  static final String RESULTS_RETURN_REASON = "resultsReturnReason";
  static final String RESULTS_EXPLANATION = "resultsExplanation";
  static final String OPEN_RECTIFICATIONS = "openRectifications";
  static final String OVERDUE_RECTIFICATIONS = "overdueRectifications";
  static final String MEASURE = "measure";
  static final String DECIDED_MEASURE = "decidedMeasure";
  static final String MEASURE_REASON = "measureReason";
  static final String MEASURE_DECIDED_BY = "measureDecidedBy";

  private AssessmentProcess() {
  }
}
