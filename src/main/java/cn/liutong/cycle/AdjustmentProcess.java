package cn.liutong.cycle;

/**
 * Ids and variable names of the {@code cycle-adjustment} model: 周期中调整目标和责任清单. The committee asks, changes
 * the running cycle's goals and then its items, the party group approves, returns or refuses; approved, the
 * cycle works on the new version and the ledger keeps the earlier one ({@link CycleAdjustments}).
 */
public final class AdjustmentProcess {

  public static final String KEY = "cycle-adjustment";

  private AdjustmentProcess() {
  }

  public static final class Var {
    public static final String AGENCY_ID = CycleProcess.Var.AGENCY_ID;
    /** The committee member who asked (the start event's initiator); the two drafting tasks are theirs. */
    public static final String REQUESTER_ID = "requesterId";
    public static final String ADJUSTMENT_REASON = "adjustmentReason";
    /** The running cycle adjusted, and what the forms show of it. */
    public static final String CYCLE_ID = CycleProcess.Var.CYCLE_ID;
    public static final String CYCLE_NAME = CycleProcess.Var.CYCLE_NAME;
    public static final String PERIOD_START = CycleProcess.Var.PERIOD_START;
    public static final String PERIOD_END = CycleProcess.Var.PERIOD_END;
    public static final String MIN_PARTY_SHARE = CycleProcess.Var.MIN_PARTY_SHARE;
    public static final String BRANCH_OPTIONS = CycleProcess.Var.BRANCH_OPTIONS;
    /** The version in force when asked (read-only in the approval) and the one proposed (edited by the committee). */
    public static final String GOALS_BEFORE = "goalsBefore";
    public static final String ITEMS_BEFORE = "itemsBefore";
    public static final String GOALS = CycleProcess.Var.GOALS;
    public static final String ITEMS = CycleProcess.Var.ITEMS;
    /** What changes, in words, for the party group. */
    public static final String ADJUSTMENT_SUMMARY = "adjustmentSummary";
    public static final String ADJUSTMENT_DECISION = "adjustmentDecision";
    /** The party group's reason when it returns or refuses. */
    public static final String DECISION_NOTE = "decisionNote";

    private Var() {
    }
  }

  /** Fields of one row of {@link Var#ITEMS} besides those of {@link CycleProcess.Item}: the item's number, empty when new. */
  public static final class Item {
    public static final String ITEM_NO = "itemNo";

    private Item() {
    }
  }

  /** Values of {@link Var#ADJUSTMENT_DECISION}. */
  public static final class Decision {
    public static final String APPROVED = CycleProcess.Decision.APPROVED;
    public static final String RETURNED = CycleProcess.Decision.RETURNED;
    public static final String REJECTED = "rejected";

    private Decision() {
    }
  }

  public static final class Activity {
    public static final String REQUESTED = "StartEvent_AdjustmentRequested";
    public static final String ADJUST_GOALS = "Task_AdjustGoals";
    public static final String ADJUST_ITEMS = "Task_AdjustItems";
    public static final String APPROVE_ADJUSTMENT = "Task_ApproveAdjustment";
    public static final String ADJUSTED = "EndEvent_Adjusted";
    public static final String NOT_ADJUSTED = "EndEvent_NotAdjusted";

    private Activity() {
    }
  }

  public static final class Form {
    public static final String START = "adjustment-start";
    public static final String ADJUST_GOALS = "adjust-goals";
    public static final String ADJUST_ITEMS = "adjust-items";
    public static final String APPROVE_ADJUSTMENT = "approve-adjustment";

    private Form() {
    }
  }
}
