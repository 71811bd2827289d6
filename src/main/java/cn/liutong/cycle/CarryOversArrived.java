package cn.liutong.cycle;

import java.util.List;

/**
 * Problems a closed cycle left open have arrived in the agency's running next cycle (see {@link CarryOvers}).
 * Published in the hand-over's transaction, so that the message to the committee commits with it.
 *
 * @param planTaskId the open 同规划 task (draft or approval), null once the cycle is past 同规划
 * @param unanswered the cycle's carried items no draft has answered yet, as people read them
 */
public record CarryOversArrived(String agencyId, String cycleId, String cycleName, When when, String planTaskId,
    List<String> unanswered) {

  /** Where the receiving cycle stood. */
  public enum When {
    /** The committee's draft of the goals is open: it must answer each item. */
    DRAFTING,
    /** The draft waits for the party group, which must return it to have the items answered. */
    APPROVING,
    /** Past 同规划: carried and shown in the ledger, followed up in the running work. */
    PAST_PLANNING
  }
}
