package cn.liutong.rectification;

import java.util.Map;

import cn.liutong.system.CodeOnly;
import cn.liutong.system.TenantFromContextProvider;

/** Ids and variable names of the {@code rectification} model (问题整改). */
public final class RectificationProcess {

  public static final String KEY = "rectification";

  /** How often an open rectification past its deadline is supervised again (the overdue timer's cycle, P7D). */
  public static final int SUPERVISION_INTERVAL_DAYS = 7;

  /** How far one extension may move the deadline. */
  public static final int MAX_EXTENSION_DAYS = 90;

  /** Who supervises an overdue rectification: the committee the first time, from the second time also the party group. */
  public static final class Level {
    public static final String COMMITTEE = "committee";
    public static final String PARTY_GROUP = "partyGroup";

    private Level() {
    }
  }

  /** Where a problem was found, with the label shown to people. */
  public static final Map<String, String> SOURCES = Map.of(
      "inspection", "督查发现", "assessment", "考核发现", "accountability", "问责研判", "feedback", "群众意见");

  private RectificationProcess() {
  }

  public static final class Activity {
    public static final String DRAFT_PLAN = "Task_DraftRectificationPlan";
    public static final String REVIEW_PLAN = "Task_ReviewRectificationPlan";
    public static final String SUBMIT_EVIDENCE = "Task_SubmitEvidence";
    public static final String VERIFY = "Task_VerifyRectification";
    public static final String SUPERVISE = "Task_SuperviseRectification";
    public static final String PARTY_GROUP_SUPERVISE = "Task_SuperviseRectificationByPartyGroup";
    public static final String REVIEW_EXTENSION = "Task_ReviewExtension";
    /** The plan-evidence-verification part, whose deadline timer escalates. */
    public static final String RECTIFY = "SubProcess_Rectify";
    /** Fires at the end of the deadline day and every {@link #SUPERVISION_INTERVAL_DAYS} days after it. */
    public static final String OVERDUE = "BoundaryEvent_RectificationOverdue";

    private Activity() {
    }
  }

  /** Values of the review and verification decisions, as the forms offer them and the gateways test them. */
  public static final class Decision {
    public static final String APPROVED = "approved";
    public static final String RETURNED = "returned";
    public static final String VERIFIED = "verified";
    public static final String REFUSED = "refused";
    /** The evidence form's two actions: submit the evidence for 销号, or ask for a later deadline. */
    public static final String SUBMIT_EVIDENCE = "submit";
    public static final String REQUEST_EXTENSION = "requestExtension";

    private Decision() {
    }
  }

  /** What a model sets (as input parameters) for {@code startRectificationDelegate}, which starts a rectification. */
  public static final class Caller {
    public static final String SOURCE = "rectificationSource";
    public static final String PROBLEM = "rectificationProblem";

    private Caller() {
    }
  }

  public static final class Var {
    /** The agency (tenant) the instance runs for: one name for every process, read by {@link TenantFromContextProvider}. */
    public static final String AGENCY_ID = TenantFromContextProvider.AGENCY_ID;
    public static final String CYCLE_ID = "cycleId";
    public static final String BRANCH_CODE = "branchCode";
    public static final String BRANCH_NAME = "branchName";
    public static final String SOURCE = "source";
    public static final String SOURCE_LABEL = "sourceLabel";
    public static final String PROBLEM = "problem";
    public static final String RECTIFICATION_DAYS = "rectificationDays";
    public static final String DEADLINE = "deadline";
    @CodeOnly
    public static final String RECTIFICATION_ID = "rectificationId";
    public static final String RECTIFICATION_PLAN = "rectificationPlan";
    public static final String PLAN_DECISION = "planDecision";
    public static final String PLAN_RETURN_REASON = "planReturnReason";
    public static final String EVIDENCE = "evidence";
    public static final String VERIFICATION_DECISION = "verificationDecision";
    public static final String VERIFICATION_RETURN_REASON = "verificationReturnReason";
    public static final String EVIDENCE_ACTION = "evidenceAction";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DATE = "extensionDate";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String EXTENSION_REFUSAL_REASON = "extensionRefusalReason";
    /** Set by the overdue step for its gateway: this is not the rectification's first escalation. */
    public static final String PARTY_GROUP_SUPERVISES = "partyGroupSupervises";
    public static final String SUPERVISION_NOTE = "supervisionNote";

    private Var() {
    }
  }

  /** Keys of the Camunda Forms the model's tasks show (files in {@code forms/}). */
  public static final class Form {
    public static final String RECTIFICATION_PLAN = "rectification-plan";
    public static final String REVIEW_RECTIFICATION_PLAN = "review-rectification-plan";
    public static final String RECTIFICATION_EVIDENCE = "rectification-evidence";
    public static final String VERIFY_RECTIFICATION = "verify-rectification";
    public static final String SUPERVISE_RECTIFICATION = "supervise-rectification";
    public static final String PARTY_GROUP_SUPERVISE_RECTIFICATION = "party-group-supervise-rectification";
    public static final String REVIEW_RECTIFICATION_EXTENSION = "review-rectification-extension";

    private Form() {
    }
  }
}
