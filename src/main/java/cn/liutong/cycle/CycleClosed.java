package cn.liutong.cycle;

/**
 * A cycle was closed (its last step). Published inside the engine's transaction: the capabilities that
 * keep open work of their own (rectifications not verified, weak grades) carry it over to the agency's next
 * cycle with {@link CycleLedger#carryOver}, so that the close and its carry-over commit together.
 */
public record CycleClosed(String agencyId, String cycleId) {
}
