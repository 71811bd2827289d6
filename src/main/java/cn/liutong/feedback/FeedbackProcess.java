package cn.liutong.feedback;

import cn.liutong.system.CodeOnly;
import cn.liutong.system.TenantFromContextProvider;

/** Ids and variable names of the {@code public-feedback} model (群众意见办理). */
final class FeedbackProcess {

  static final String KEY = "public-feedback";
  /** The submitter rated the published reply (correlated by the public rating endpoint). */
  static final String MESSAGE_RATED = "feedbackRated";

  static final String ASSIGN = "assign";
  static final String REJECT = "reject";

  private FeedbackProcess() {
  }

  static final class Var {
    /** The agency (tenant) the instance runs for: one name for every process, read by {@link TenantFromContextProvider}. */
    static final String AGENCY_ID = TenantFromContextProvider.AGENCY_ID;
    static final String SUBJECT = "subject";
    static final String FEEDBACK_TEXT = "feedbackText";
    static final String CONTACT = "contact";
    /** Transient: handed to the registering step, never stored by the engine. */
    @CodeOnly
    static final String TRACKING_HASH = "trackingHash";
    static final String BRANCH_OPTIONS = "branchOptions";
    static final String TRIAGE_DECISION = "triageDecision";
    static final String BRANCH_CODE = "branchCode";
    static final String BRANCH_NAME = "branchName";
    static final String REJECT_REASON = "rejectReason";
    static final String HANDLING_NOTES = "handlingNotes";
    static final String REPLY_DRAFT = "replyDraft";
    static final String SUBSTANTIVE_PROBLEM = "substantiveProblem";
    static final String PROBLEM_DESCRIPTION = "problemDescription";
    static final String REPLY_DECISION = "replyDecision";
    static final String REPLY_RETURN_REASON = "replyReturnReason";
    static final String SATISFACTION = "satisfaction";
    @CodeOnly
    static final String RATING_COMMENT = "ratingComment";
    static final String RECTIFICATION_PROBLEM = "rectificationProblem";

    private Var() {
    }
  }

  /** Keys of the Camunda Forms the model's tasks show (files in {@code forms/}). */
  static final class Form {
    static final String TRIAGE_FEEDBACK = "triage-feedback";
    static final String HANDLE_FEEDBACK = "handle-feedback";
    static final String APPROVE_REPLY = "approve-reply";

    private Form() {
    }
  }

  /** Beans of other capabilities the model calls by name. */
  static final class Bean {
    /** {@code ledger.CycleLedger}: the agency's running cycle, which a rectification of a feedback belongs to. */
    static final String CYCLE_LEDGER = "cycleLedger";

    private Bean() {
    }
  }
}
