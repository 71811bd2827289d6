package cn.liutong.assessment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.liutong.cycle.CycleProcess;

/** Variable names of the assess (同考核) and accountability (同问责) stages of {@code integrated-cycle}. */
public final class AssessmentProcess {

  /** The stages are drawn in the cycle's model. */
  public static final String KEY = CycleProcess.KEY;

  /** The grades (等次) the assessment-grade decision gives, best first. */
  public static final List<String> GRADES = List.of("优秀", "良好", "一般", "较差");

  /**
   * What the party group may decide as the result's use (结果运用): recognition for the best (表彰推荐: 评先评优,
   * 推广典型) or an accountability measure (问责措施), with their labels.
   */
  public static final Map<String, String> MEASURES = Map.of(
      "none", "不采取措施", "commend", "表彰推荐（评先评优、推广典型）", "reminderTalk", "提醒谈话", "interview", "约谈",
      "circular", "通报批评", "orgAdjustment", "组织调整建议");
  /** No measure: nothing to carry out. */
  public static final String NO_MEASURE = "none";
  /** The people a measure is about (责任人, or those commended): a checklist of the branch's members. */
  public static final String MEASURE_TARGETS = "measureTargets";
  public static final String TARGET_OPTIONS = "targetOptions";
  /** Who carries the measure out (执行人): a member of the agency's party group or committee. */
  public static final String MEASURE_EXECUTOR = "measureExecutor";
  public static final String EXECUTOR_OPTIONS = "executorOptions";
  /** By when (执行日期, YYYY-MM-DD): the carrying out is due then. */
  public static final String MEASURE_DATE = "measureDate";
  /** 执行记录: the talk's record (谈话记录), the circular's text (通报), the recommendation. */
  public static final String MEASURE_RECORD = "measureRecord";
  public static final String CARRIED_OUT_ON = "carriedOutOn";
  /** The decided measure in words, for its executor. */
  public static final String MEASURE_SUMMARY = "measureSummary";
  /** How far ahead the party group may set the date. */
  public static final int MEASURE_DAYS_AHEAD = 90;

  public static final String CYCLE_ID = "cycleId";
  public static final String BRANCH_CODE = "branchCode";
  public static final String BRANCH_NAME = "branchName";
  public static final String MEMBER_ID = "memberId";
  public static final String DUTY_REPORT_PARTY = "dutyReportParty";
  public static final String DUTY_REPORT_BUSINESS = "dutyReportBusiness";
  /** The branch's items with their latest progress, shown on its 述职. */
  public static final String BRANCH_ITEMS_RECORD = "branchItemsRecord";
  /** 民主测评: a member's grade ({@link Rating}) of the branch's party-building work, anonymous. */
  public static final String PARTY_GRADE = "partyGrade";
  /** 民主测评: a member's grade ({@link Rating}) of the branch's business work, anonymous. */
  public static final String BUSINESS_GRADE = "businessGrade";
  public static final String EVALUATION_COMMENT = "evaluationComment";
  /**
   * The ballot's fields: written to the anonymous ballot table only, never to the engine's history
   * ({@link BallotSecrecy}).
   */
  public static final Set<String> BALLOT = Set.of(PARTY_GRADE, BUSINESS_GRADE, EVALUATION_COMMENT);
  /** 民主测评好评率: the share of the branch's grades, party-building and business, that are 好 or 较好, in %. */
  public static final String MEMBER_EVALUATION = "memberEvaluation";
  /** The ballots counted per grade, as the committee reads them when scoring. */
  public static final String EVALUATION_SUMMARY = "evaluationSummary";
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
  /** The branches the party group sends back for scoring again (a checklist of branch codes). */
  public static final String RETURNED_BRANCHES = "returnedBranches";
  /** Whether the party group's return includes the agency-level score (the agency ticked among the branches). */
  public static final String AGENCY_RETURNED = "agencyReturned";
  /** The checklist's options: every assessed branch. */
  public static final String BRANCH_OPTIONS = "branchOptions";
  /** What the committee's rescoring changed, shown to the party group approving again. */
  public static final String RESCORE_NOTES = "rescoreNotes";
  /** 公示期满: when the branches' appeals close (a date the model sets on {@code Task_PublicizeResults}). */
  public static final String PUBLICITY_ENDS = "publicityEnds";
  /** The branch secretary's answer to the published result: {@link #ACCEPTED} or {@link #APPEAL}. */
  public static final String APPEAL_DECISION = "appealDecision";
  public static final String ACCEPTED = "accepted";
  public static final String APPEAL = "appeal";
  public static final String APPEAL_REASON = "appealReason";
  /** A reopened score: why (退回 or 申诉), the reason given, the result before, the committee's note. */
  public static final String REVIEW_SOURCE = "reviewSource";
  public static final String REVIEW_REASON = "reviewReason";
  public static final String PREVIOUS_RESULT = "previousResult";
  public static final String REVIEW_NOTE = "reviewNote";
  public static final String REVIEW_DECISION = "reviewDecision";
  public static final String REVIEW_RETURN_REASON = "reviewReturnReason";
  public static final String PLEDGE_SHARE = "pledgeShare";
  public static final String OPEN_RECTIFICATIONS = "openRectifications";
  public static final String OVERDUE_RECTIFICATIONS = "overdueRectifications";
  public static final String MEASURE = "measure";
  public static final String DECIDED_MEASURE = "decidedMeasure";
  public static final String MEASURE_REASON = "measureReason";
  public static final String MEASURE_DECIDED_BY = "measureDecidedBy";
  /** The duty-report form's list of pledges, one row per member, each with a {@link #RATING}. */
  public static final String PLEDGE_RATINGS = "pledgeRatings";
  public static final String RATING = "rating";

  /**
   * The grades 好、较好、一般、差, as the forms offer them: a member's 践诺 in the duty report, the branch's work in
   * the 民主测评.
   */
  public static final class Rating {
    public static final String GOOD = "good";
    public static final String FAIRLY_GOOD = "fairlyGood";
    public static final String AVERAGE = "average";
    public static final String POOR = "poor";
    /** Every grade, best first, with its label. */
    public static final Map<String, String> LABELS = orderedLabels();
    /** The grades a 好评率 counts. */
    public static final Set<String> APPROVING = Set.of(GOOD, FAIRLY_GOOD);

    private static Map<String, String> orderedLabels() {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(GOOD, "好");
      labels.put(FAIRLY_GOOD, "较好");
      labels.put(AVERAGE, "一般");
      labels.put(POOR, "差");
      return Collections.unmodifiableMap(labels);
    }

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
    public static final String OWNER_DUTY_REPORT = "owner-duty-report";
    public static final String SCORE_AGENCY = "score-agency";
    public static final String APPROVE_RESULTS = "approve-results";
    public static final String RESCORE_BRANCH = "rescore-branch";
    public static final String APPEAL_RESULT = "appeal-result";
    public static final String APPROVE_REVIEW = "approve-review";
    public static final String DECIDE_MEASURE = "decide-measure";
    public static final String CARRY_OUT_MEASURE = "carry-out-measure";

    private Form() {
    }
  }
}
