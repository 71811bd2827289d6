package cn.liutong.milestone;

import java.time.LocalDate;

/**
 * An item's milestone has become 临近 ({@link Light#DUE_SOON}) or 逾期 ({@link Light#OVERDUE}) and its branch is
 * to be warned, once per item, kind and date. Published inside the transaction that records the warning, so
 * whoever sends the messages writes them in the same transaction. {@code ownerId} is the 责任人 of a party group's
 * or committee's item, who is warned instead of a branch; null for a branch's item.
 */
public record MilestoneWarning(Light kind, String agencyId, String cycleId, String cycleName, String branchCode,
    String branchName, String itemId, int itemNo, String goalName, String milestone, LocalDate milestoneDate,
    String ownerId) {
}
