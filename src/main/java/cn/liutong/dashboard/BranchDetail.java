package cn.liutong.dashboard;

import java.math.BigDecimal;
import java.util.List;

import cn.liutong.dashboard.Dashboard.CycleRef;
import cn.liutong.dashboard.Dashboard.LateTask;

/**
 * One branch's work in one cycle, as a manager follows it on the 六同看板 without Cockpit's instance
 * page: where it stands, its responsibility items, progress reports, inspection findings, late steps,
 * the stages that went on without it (推进), rectifications, result, its 党员先锋岗/示范窗口 and its 三会一课/主题党日, and its items by milestone light (亮灯). People are named, dates are strings (yyyy-MM-dd, or yyyy-MM-dd HH:mm).
 *
 * @param dashboardHref back to the cycle's 六同看板
 * @param ledgerExport whether the caller may download the branch's 台账 and see its files (not the city committee)
 */
public record BranchDetail(String code, String name, CycleRef cycle, String generatedAt, String stage,
    String stageLabel, List<String> steps, boolean waiting, String dashboardHref, List<Item> items,
    List<Report> reports, List<Finding> findings, List<LateTask> lateSteps, List<Dashboard.Proceeded> proceeded,
    List<Rectification> rectifications,
    Result result, List<VanguardPost> vanguardPosts, List<Meeting> meetings, Dashboard.Lights milestones,
    boolean ledgerExport) {

  /** The same, saying whether the caller may download the branch's 台账 and see its files. */
  BranchDetail withLedgerExport(boolean may) {
    return new BranchDetail(code, name, cycle, generatedAt, stage, stageLabel, steps, waiting, dashboardHref, items,
        reports, findings, lateSteps, proceeded, rectifications, result, vanguardPosts, meetings, milestones, may);
  }

  /**
   * @param itemNo its number in the cycle's list (序号)
   * @param signedAt when the branch signed for the item (签收); null while it has not
   * @param light its milestone light: done, onTrack, dueSoon, overdue; {@code lightLabel} 已完成, 正常, 临近, 逾期;
   *     {@code lightColour} green, yellow, red
   * @param statusLabel the status last reported on it (未开始, 推进中, 已完成), 未报告 before any report
   * @param reportedAt when it was last reported on; null before
   */
  public record Item(int itemNo, String goalName, String measures, String milestone, String milestoneDate,
      String signedAt, String light, String lightLabel, String lightColour, String statusLabel, String statusNote,
      String reportedAt) {
  }

  /** A progress report (同述) of one inspection round. */
  public record Report(int round, String partyProgress, String businessProgress, String difficulties,
      String reportedBy, String reportedAt) {
  }

  /** What the committee found inspecting the branch in one round (督查发现). */
  public record Finding(int round, String findings, boolean problemsFound, String problem, String inspectedBy,
      String inspectedAt) {
  }

  /** @param openSteps what is open in the rectification now; empty once verified */
  public record Rectification(String problem, String sourceLabel, String deadline, String statusLabel,
      boolean overdue, List<String> openSteps) {
  }

  /**
   * A 党员先锋岗 or 示范窗口 of the branch (applications still in review included, refused ones not) and its
   * holder's 践诺 reports in this cycle, one line per inspection round.
   */
  public record VanguardPost(String typeLabel, String postName, String memberName, String statusLabel, String duties,
      String pledge, List<String> fulfilments) {
  }

  /**
   * A planned 三会一课 or 主题党日 and how it stands: 待召开, 已召开, 逾期召开, or 未召开 (a planned one past its
   * date and not recorded reads 未召开（待记录）).
   */
  public record Meeting(String typeLabel, String plannedDate, String topic, String topicSource, String statusLabel,
      String heldDate, Integer attendanceCount) {
  }

  /** The branch's assessment result and the measure decided on it; null before scoring. */
  public record Result(String grade, BigDecimal weightedScore, boolean approved, String measure) {
  }
}
