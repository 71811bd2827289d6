package cn.liutong.rectification;

import java.util.Map;

import cn.liutong.system.CodeOnly;
import cn.liutong.system.TenantFromContextProvider;

/** Ids and variable names of the {@code rectification} model (问题整改). */
public final class RectificationProcess {

  public static final String KEY = "rectification";

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
    /** The plan-evidence-verification part, whose deadline timer escalates. */
    public static final String RECTIFY = "SubProcess_Rectify";

    private Activity() {
    }
  }

  /** Values of the review and verification decisions, as the forms offer them and the gateways test them. */
  public static final class Decision {
    public static final String APPROVED = "approved";
    public static final String RETURNED = "returned";
    public static final String VERIFIED = "verified";

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

    private Form() {
    }
  }

  /** Beans of other capabilities the model calls by name. */
  public static final class Bean {
    /** {@code cycle.CycleForms}: records the committee's supervision of an overdue step, as in the cycle. */
    public static final String SUPERVISION_FORM = "supervisionForm";

    private Bean() {
    }
  }
}
