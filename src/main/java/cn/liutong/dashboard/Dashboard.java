package cn.liutong.dashboard;

import java.math.BigDecimal;
import java.util.List;

/**
 * The 六同看板 of one agency cycle as the Cockpit page and {@code /api/dashboard} return it. Every number
 * is a {@link Figure}: the count and what stands behind it, each with a link where one exists (a
 * running instance in Cockpit, an open task in Tasklist), so the page only renders. Dates are strings
 * (yyyy-MM-dd, or yyyy-MM-dd HH:mm), so every JSON mapper writes them alike.
 *
 * @param agencyId the agency shown; null when the caller sees none
 * @param cycle the cycle shown; null when the agency has none yet
 * @param milestones the lights (亮灯) of the responsibility items of the branches shown
 * @param ledgerExport whether the caller may download the cycle's 台账 (导出Excel, 打印PDF): the ledger's own
 *     visibility, which the city committee does not have
 */
public record Dashboard(String agencyId, List<Option> agencies, List<CycleRef> cycles, CycleRef cycle,
    String generatedAt, List<StageCount> stages, List<BranchRow> branches, Overdue overdue,
    Rectifications rectifications, List<GradeCount> grades, List<Ranked> ranking, Lights milestones,
    boolean ledgerExport) {

  /** The same, saying whether the caller may download the cycle's 台账 (the city committee may not). */
  Dashboard withLedgerExport(boolean may) {
    return new Dashboard(agencyId, agencies, cycles, cycle, generatedAt, stages, branches, overdue, rectifications,
        grades, ranking, milestones, may);
  }

  /** What stands behind a number: a label and, where it can be opened, a link. */
  public record Link(String label, String href) {
  }

  public record Figure(int count, List<Link> links) {

    static Figure of(List<Link> links) {
      return new Figure(links.size(), links);
    }
  }

  public record Option(String id, String name) {
  }

  /** @param href the cycle's instance in Cockpit while it runs (the technical view) */
  public record CycleRef(String id, String agencyId, String agencyName, String name, String status,
      String statusLabel, String periodStart, String periodEnd, String href) {
  }

  /** How many of the branches shown stand in a stage. */
  public record StageCount(String key, String label, Figure branches) {
  }

  /**
   * One branch: where it stands and its numbers.
   *
   * @param steps what is open now, in the words of the model (or why it waits)
   * @param waiting its own part of a branch stage is done, the others' is not
   * @param rank by weighted score among the branches shown, ties share a rank; null before assessment
   * @param milestones its items by milestone light
   * @param href the branch's own page on the 六同看板 ({@link BranchDetail})
   */
  public record BranchRow(String code, String name, String stage, String stageLabel, List<String> steps,
      boolean waiting, String href, Figure overdueTasks, int maxOverdueDays, Figure rectificationsOpened,
      Figure rectificationsOpen, Figure rectificationsVerified, Figure rectificationsOverdue, String grade,
      BigDecimal weightedScore, Integer rank, Lights milestones) {
  }

  /**
   * The responsibility items by their milestone light (亮灯): 已完成 and 正常 green, 临近 yellow, 逾期 red; each item
   * links to its branch's page.
   */
  public record Lights(Figure done, Figure onTrack, Figure dueSoon, Figure overdue) {

    static final Lights NONE = new Lights(Figure.of(List.of()), Figure.of(List.of()), Figure.of(List.of()),
        Figure.of(List.of()));
  }

  /**
   * @param agencyWide late steps the committee or the party group has to act on (机关层面), also where they
   *     concern one branch, such as reviewing its rectification plan or deciding its measure
   */
  public record Overdue(Figure total, Figure agencyWide, List<LateBranch> byBranch, List<LateTask> tasks,
      List<Proceeded> proceeded) {
  }

  /**
   * A stage that went on without a late branch (推进): the step the branch had not done, whose it was, who
   * decided not to wait, when and why. The branch stays shown as late for it.
   */
  public record Proceeded(String branchCode, String branchName, String step, String assignee, String decidedBy,
      String decidedAt, String reason) {
  }

  public record LateBranch(String code, String name, Figure tasks, int maxDays) {
  }

  /**
   * @param branchCode the branch the step concerns; null for a step of the whole agency (drafting goals)
   * @param source 融合周期 for a step of the cycle, 整改 for a step of one of its rectifications
   * @param handler who has to act: a person, or the groups that may
   * @param agencyLevel the committee or the party group has to act
   * @param href the task in Tasklist where the caller may open it there; else the branch's page, or none
   */
  public record LateTask(String taskId, String name, String branchCode, String branchName, String source,
      String handler, boolean agencyLevel, String due, int daysOverdue, String href) {
  }

  /** Rectifications of the cycle: opened (all), still open, verified (销号), ever overdue. */
  public record Rectifications(Figure opened, Figure open, Figure verified, Figure overdue) {
  }

  public record GradeCount(String grade, Figure branches) {
  }

  public record Ranked(int rank, String code, String name, BigDecimal weightedScore, String grade, boolean approved,
      String href) {
  }
}
