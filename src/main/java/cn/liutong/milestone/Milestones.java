package cn.liutong.milestone;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import cn.liutong.cycle.CycleProcess.ItemProgress;
import cn.liutong.milestone.MilestoneLedger.ItemRow;
import cn.liutong.milestone.MilestoneLedger.Reported;
import cn.liutong.system.EngineClock;

/**
 * The milestones of a cycle's responsibility items and their lights (亮灯), today (the engine's clock, in
 * {@code liutong.time-zone}), for the 六同看板 and the warnings. Callers apply their own visibility: this reads
 * whatever cycle it is asked for.
 */
@Service
public class Milestones {

  /** The statuses a branch reports on an item, as the report-progress form offers them. */
  public static final Map<String, String> STATUS_LABELS = Map.of(ItemProgress.NOT_STARTED, "未开始",
      ItemProgress.IN_PROGRESS, "推进中", ItemProgress.DONE, "已完成");

  /**
   * One item as it stands today.
   *
   * @param itemNo its number in the cycle's list (序号)
   * @param status the latest reported status, null before the first report
   * @param reportedAt when that was reported, null before
   */
  public record ItemLight(String itemId, int itemNo, String branchCode, String branchName, String goalName,
      String milestone, LocalDate milestoneDate, String status, String note, Timestamp reportedAt, Light light) {

    public String statusLabel() {
      return status == null ? "未报告" : STATUS_LABELS.getOrDefault(status, status);
    }
  }

  private final MilestoneLedger ledger;
  private final EngineClock clock;
  private final int dueSoonDays;

  Milestones(MilestoneLedger ledger, EngineClock clock, @Value("${liutong.milestones.due-soon-days}") int dueSoonDays) {
    this.ledger = ledger;
    this.clock = clock;
    this.dueSoonDays = dueSoonDays;
  }

  /**
   * A cycle's responsibility items: all, in force (a branch's signed for; the party group's and the committee's from
   * the approval that named their owners), and done by the latest progress report on each.
   */
  public record ItemCounts(String cycleId, int items, int signed, int done) {
  }

  /** The item counts of many cycles at once, counted by the database. */
  public List<ItemCounts> counts(Collection<String> cycleIds) {
    return ledger.counts(cycleIds);
  }

  /** Every item of the cycle, in the list's order, with its light today. */
  public List<ItemLight> ofCycle(String cycleId) {
    Map<String, Reported> latest = ledger.latest(cycleId);
    LocalDate today = clock.today();
    return ledger.items(cycleId).stream().map(item -> light(item, latest.get(item.id()), today)).toList();
  }

  /** The days before its date from which a milestone shows yellow (临近). */
  public int dueSoonDays() {
    return dueSoonDays;
  }

  ItemLight light(ItemRow item, Reported reported, LocalDate today) {
    String status = reported == null ? null : reported.status();
    return new ItemLight(item.id(), item.position(), item.branchCode(), item.branchName(), item.goalName(),
        item.milestone(), item.milestoneDate(), status, reported == null ? null : reported.note(),
        reported == null ? null : reported.reportedAt(), Light.of(item.milestoneDate(), status, today, dueSoonDays));
  }
}
