package cn.liutong.dashboard;

import java.math.BigDecimal;
import java.util.List;

/**
 * The city committee's (机关工委) view of one year: every agency side by side, ranked by its branches' average
 * weighted score, and what each did per quarter. Labels in Chinese, keys in English.
 *
 * @param year the year whose cycles (period starting in it) are shown
 * @param agencies ranked first, then agencies without results, then those without a cycle, by id
 * @param quarters for each agency in the order of {@code agencies}, quarters 1 to 4
 */
public record CityOverview(int year, String generatedAt, List<AgencyResult> agencies, List<QuarterRow> quarters) {

  /**
   * One agency's cycle of the year.
   *
   * @param rank competition rank by {@code averageScore} (equal averages share one); null without results
   * @param stage the stage of its slowest branch (the cycle cannot be further than that); null without a running cycle
   * @param inspectionsByQuarter inspections recorded in quarters 1 to 4 of the year
   */
  public record AgencyResult(Integer rank, String agencyId, String agencyName, String cycleId, String cycleName,
      String statusLabel, String stage, String stageLabel, List<StageShare> stages, int items, int itemsSigned,
      int itemsDone, List<Integer> inspectionsByQuarter, int rectifications, int rectificationsOpen,
      int rectificationsOverdue, int assessed, int approved, BigDecimal averageScore, List<GradeShare> grades,
      String href) {
  }

  /** How many of the cycle's branches stand in a stage. */
  public record StageShare(String key, String label, int branches) {
  }

  /** How many branches got a grade (优秀 … 较差). */
  public record GradeShare(String grade, int branches) {
  }

  /** One agency in one quarter of the year. */
  public record QuarterRow(int quarter, String label, String agencyId, String agencyName, int inspections,
      int problemsFound, int rectificationsOpened, int rectificationsClosed, int rectificationsOverdue) {
  }
}
