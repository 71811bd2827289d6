package cn.liutong.feedback;

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
    static final String AGENCY_ID = "agencyId";
    static final String SUBJECT = "subject";
    static final String FEEDBACK_TEXT = "feedbackText";
    static final String CONTACT = "contact";
    /** Transient: handed to the registering step, never stored by the engine. */
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
    static final String RATING_COMMENT = "ratingComment";
    static final String RECTIFICATION_PROBLEM = "rectificationProblem";

    private Var() {
    }
  }
}
