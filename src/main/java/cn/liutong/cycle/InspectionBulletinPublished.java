package cn.liutong.cycle;

import java.util.List;

/**
 * The committee closed an inspection round with its 督查通报. Published inside the engine's transaction, so what
 * listeners write (the messages to each branch's secretaries) is kept or rolled back with the bulletin.
 */
public record InspectionBulletinPublished(String agencyId, String cycleId, String cycleName, int round,
    List<String> branchCodes, String summary) {
}
