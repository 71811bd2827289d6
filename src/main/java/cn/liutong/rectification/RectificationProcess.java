package cn.liutong.rectification;

import java.util.Map;

/** Ids and variable names of the {@code rectification} model (问题整改). */
public final class RectificationProcess {

  public static final String KEY = "rectification";

  /** Where a problem was found, with the label shown to people. */
  public static final Map<String, String> SOURCES = Map.of(
      "inspection", "督查发现", "assessment", "考核发现", "accountability", "问责研判", "feedback", "群众意见");

  private RectificationProcess() {
  }

  public static final class Var {
    public static final String AGENCY_ID = "agencyId";
    public static final String CYCLE_ID = "cycleId";
    public static final String BRANCH_CODE = "branchCode";
    public static final String BRANCH_NAME = "branchName";
    public static final String SOURCE = "source";
    public static final String SOURCE_LABEL = "sourceLabel";
    public static final String PROBLEM = "problem";
    public static final String RECTIFICATION_DAYS = "rectificationDays";
    public static final String DEADLINE = "deadline";
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
}
