package cn.liutong.cycle;

import java.util.Map;

/** Ids and variable names of the {@code integrated-cycle} model: one place, so no literal is written twice. */
public final class CycleProcess {

  public static final String KEY = "integrated-cycle";

  /**
   * The 六同 stages as the model draws them: stage sub-process id → stage name (English, for metrics).
   * 同落实 and 同检查 share {@code SubProcess_Implement}; the party group's review of the results is drawn
   * after {@code SubProcess_Assess} and belongs to 同考核.
   */
  public static final Map<String, String> STAGES = Map.of(
      "SubProcess_Plan", "plan",
      "SubProcess_Deploy", "deploy",
      "SubProcess_Implement", "implement",
      "SubProcess_Assess", "assess",
      "SubProcess_Accountability", "accountability");

  /** Goal categories of 同规划: key as the goals form stores it → its Chinese label. */
  public static final Map<String, String> GOAL_CATEGORIES = Map.of(
      "partyBasic", "党建基础工作目标", "partyKey", "党建重点工作目标",
      "partyInnovation", "党建创新工作目标", "business", "业务工作目标");

  private CycleProcess() {
  }

  /** Variables of the whole cycle (process scope). */
  public static final class Var {
    public static final String AGENCY_ID = "agencyId";
    public static final String CYCLE_ID = "cycleId";
    public static final String INITIATOR = "initiator";
    public static final String CYCLE_NAME = "cycleName";
    public static final String PERIOD_START = "periodStart";
    public static final String PERIOD_END = "periodEnd";
    public static final String PARTY_WEIGHT = "partyWeight";
    public static final String MIN_PARTY_SHARE = "minPartyShare";
    public static final String INSPECTION_INTERVAL = "inspectionInterval";
    public static final String INSPECTION_ROUNDS = "inspectionRounds";
    public static final String SIGN_FOR_DAYS = "signForDays";
    public static final String SIGN_FOR_REMINDER_DURATION = "signForReminderDuration";
    public static final String SIGN_FOR_ESCALATION_DURATION = "signForEscalationDuration";
    public static final String RECTIFICATION_DAYS = "rectificationDays";
    public static final String CARRIED_OVER_SUMMARY = "carriedOverSummary";
    public static final String GOALS = "goals";
    public static final String GOALS_DECISION = "goalsDecision";
    public static final String GOALS_RETURN_REASON = "goalsReturnReason";
    public static final String GOAL_OPTIONS = "goalOptions";
    public static final String BRANCH_OPTIONS = "branchOptions";
    public static final String ITEMS = "items";
    public static final String RESULTS_DECISION = "resultsDecision";
    public static final String RESULTS_RETURN_REASON = "resultsReturnReason";
    public static final String RESULTS_EXPLANATION = "resultsExplanation";

    /** Per-branch variables, local to each branch's instance of a stage. */
    public static final String BRANCH_CODE = "branchCode";
    public static final String BRANCH_NAME = "branchName";
    public static final String MEMBER_ID = "memberId";
    public static final String SIGN_FOR_DECISION = "signForDecision";
    public static final String OBJECTION = "objection";
    public static final String OBJECTION_ANSWER = "objectionAnswer";
    public static final String SUPERVISION_NOTE = "supervisionNote";
    public static final String PARTY_TOPICS = "partyTopics";
    public static final String IMPLEMENTATION_PLAN = "implementationPlan";
    public static final String PIONEER_POSTS = "pioneerPosts";
    public static final String PLEDGE = "pledge";
    public static final String PIONEER_POST = "pioneerPost";
    public static final String INSPECTION_ROUND = "inspectionRound";
    public static final String PARTY_PROGRESS = "partyProgress";
    public static final String BUSINESS_PROGRESS = "businessProgress";
    public static final String DIFFICULTIES = "difficulties";
    public static final String FINDINGS = "findings";
    public static final String PROBLEMS_FOUND = "problemsFound";
    public static final String PROBLEM_DESCRIPTION = "problemDescription";
    public static final String RECTIFICATION_SOURCE = "rectificationSource";
    public static final String RECTIFICATION_PROBLEM = "rectificationProblem";

    private Var() {
    }
  }

  /** Activity ids that code refers to (tests, reminders, supervision records, the dashboard). */
  public static final class Activity {
    public static final String SIGN_FOR = "Task_SignFor";
    public static final String REPORT_PROGRESS = "Task_ReportProgress";
    public static final String INSPECT = "Task_Inspect";
    public static final String START_INSPECTION_RECTIFICATION = "Task_StartInspectionRectification";
    public static final String APPROVE_RESULTS = "Task_ApproveResults";
    public static final String EXPLAIN_RESULTS = "Task_ExplainResults";

    /** The stages: agency-wide sub-processes and the per-branch (multi-instance) ones. */
    public static final String PLAN = "SubProcess_Plan";
    public static final String DEPLOY = "SubProcess_Deploy";
    public static final String BRANCH_SIGN_FOR = "SubProcess_SignFor";
    public static final String BRANCH_IMPLEMENT = "SubProcess_Implement";
    public static final String BRANCH_ASSESS = "SubProcess_Assess";
    public static final String BRANCH_ACCOUNTABILITY = "SubProcess_Accountability";

    private Activity() {
    }
  }
}
