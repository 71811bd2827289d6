package cn.liutong.vanguard;

import java.util.Map;

import cn.liutong.system.CodeOnly;
import cn.liutong.system.TenantFromContextProvider;

/** Ids and variable names of the {@code vanguard-post} model (党员先锋岗/示范窗口). */
public final class VanguardProcess {

  public static final String KEY = "vanguard-post";
  /** An inspection round of the cycle began for the post's branch (correlated by {@link VanguardRounds}). */
  static final String MESSAGE_INSPECTION_ROUND = "vanguardInspectionRound";

  public static final String APPROVED = "approved";
  public static final String RETURNED = "returned";
  public static final String REFUSED = "refused";

  /** The two kinds of post, as the start form offers them. */
  public static final Map<String, String> POST_TYPES = Map.of("pioneer", "党员先锋岗", "window", "示范窗口");

  /** A registered post runs for a year, then is taken down (摘牌) unless applied for again. */
  static final int TERM_MONTHS = 12;

  private VanguardProcess() {
  }

  public static final class Activity {
    public static final String REVIEW_BY_BRANCH = "Task_ReviewByBranch";
    public static final String REVIEW_BY_COMMITTEE = "Task_ReviewByCommittee";
    public static final String REVISE_APPLICATION = "Task_ReviseApplication";
    public static final String AWAIT_INSPECTION_ROUND = "Task_AwaitInspectionRound";
    public static final String REPORT_FULFILMENT = "Task_ReportFulfilment";

    private Activity() {
    }
  }

  public static final class Var {
    /** The agency (tenant) the instance runs for: one name for every process, read by {@link TenantFromContextProvider}. */
    public static final String AGENCY_ID = TenantFromContextProvider.AGENCY_ID;
    /** Set by the engine from the person who submitted the start form; never a form field. */
    public static final String APPLICANT_ID = "applicantId";
    /** The applicant, under the name the task titles and member tasks use. */
    public static final String MEMBER_ID = "memberId";
    public static final String MEMBER_NAME = "memberName";
    public static final String BRANCH_CODE = "branchCode";
    public static final String BRANCH_NAME = "branchName";
    public static final String POST_TYPE = "postType";
    public static final String POST_TYPE_LABEL = "postTypeLabel";
    public static final String POST_NAME = "postName";
    public static final String DUTIES = "duties";
    public static final String PLEDGE = "pledge";
    public static final String BRANCH_REVIEW_DECISION = "branchReviewDecision";
    public static final String BRANCH_REVIEW_REASON = "branchReviewReason";
    public static final String COMMITTEE_REVIEW_DECISION = "committeeReviewDecision";
    public static final String COMMITTEE_REVIEW_REASON = "committeeReviewReason";
    /** Why the application came back to the applicant (from whichever review returned it). */
    public static final String RETURN_REASON = "returnReason";
    @CodeOnly
    public static final String REFUSAL_REASON = "refusalReason";
    public static final String TERM_ENDS = "termEnds";
    @CodeOnly
    public static final String ROUND_CYCLE_ID = "roundCycleId";
    public static final String CYCLE_NAME = "cycleName";
    public static final String INSPECTION_ROUND = "inspectionRound";
    public static final String FULFILMENT = "fulfilment";

    private Var() {
    }
  }

  /** Keys of the Camunda Forms the model's tasks show (files in {@code forms/}). */
  public static final class Form {
    public static final String VANGUARD_APPLY = "vanguard-apply";
    public static final String REVIEW_VANGUARD_BRANCH = "review-vanguard-branch";
    public static final String REVIEW_VANGUARD_COMMITTEE = "review-vanguard-committee";
    public static final String REVISE_VANGUARD = "revise-vanguard";
    public static final String VANGUARD_FULFILMENT = "vanguard-fulfilment";

    private Form() {
    }
  }
}
