package cn.liutong.cycle;

import java.util.List;

/**
 * The party group decided on a mid-cycle adjustment ({@code cycle-adjustment}): approved, the cycle now runs on the
 * new goals and items, and {@code branchCodes} are the branches whose items changed; refused, nothing changed.
 * Published inside the decision's transaction.
 */
public record CycleAdjusted(String agencyId, String cycleId, String cycleName, boolean approved, String summary,
    List<String> branchCodes, String requesterId, String note) {
}
