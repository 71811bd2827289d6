package cn.liutong.milestone;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.organisation.GroupIds;

/**
 * The milestones' own tables: what a branch reported on each item ({@code lt_item_progress}) and the warnings
 * sent ({@code lt_milestone_warning}). The items themselves are the cycle's ({@code lt_responsibility_item},
 * written by {@code cycle.CycleLedger}); they are only read here, with their ids, which the cycle's records do not
 * carry. Shares the engine's data source and transaction.
 */
@Repository
class MilestoneLedger {

  /** One responsibility item; {@code position} is its number in the cycle's list (序号). */
  record ItemRow(String id, String cycleId, int position, String goalName, String branchCode, String branchName,
      String milestone, LocalDate milestoneDate, String level, String ownerId) {

    /** The party group's or the committee's item, which its owner reports on (not a branch). */
    boolean ofAgency() {
      return level != null && !GroupIds.TYPE_BRANCH.equals(level);
    }
  }

  /** What the branch reported on an item in one progress report. */
  record Reported(String itemId, int round, String status, String note, String reportedBy, Timestamp reportedAt) {
  }

  /** A running cycle, to scan. */
  record RunningCycle(String id, String agencyId, String name) {
  }

  private final JdbcClient jdbc;
  /** A duplicate on PostgreSQL would abort the whole transaction: there the insert skips it instead. */
  private final String claim;

  MilestoneLedger(DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = JdbcClient.create(dataSource);
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    String insert = "insert into lt_milestone_warning (item_id, kind, milestone_date, cycle_id, branch_code, warned_at) ";
    this.claim = "PostgreSQL".equals(product)
        ? insert + "values (:item, :kind, :date, :cycle, :branch, :at) on conflict do nothing"
        : insert + "select :item, :kind, :date, :cycle, :branch, :at from (values (1)) one where not exists"
            + " (select 1 from lt_milestone_warning where item_id = :item and kind = :kind and milestone_date = :date)";
  }

  List<ItemRow> items(String cycleId) {
    return jdbc.sql("""
        select id, cycle_id, position, goal_name, branch_code, branch_name, milestone, milestone_date, level, owner_id
        from lt_responsibility_item where cycle_id = :cycle order by position""")
        .param("cycle", cycleId).query(ItemRow.class).list();
  }

  /**
   * Per cycle its responsibility items, those in force (a branch's once the branch signed for it; the party group's
   * and the committee's from the start, their owners being named when the party group approved the list) and those done by the branch's latest report (the
   * latest by time, then round, as {@link #latest} takes it).
   */
  List<Milestones.ItemCounts> counts(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select i.cycle_id, count(*) as items,
               sum(case when i.signed_at is not null or (i.level is not null and i.level <> :branch) then 1 else 0 end)
                   as signed,
               sum(case when exists (select 1 from lt_item_progress p where p.item_id = i.id and p.status = :done
                   and not exists (select 1 from lt_item_progress q where q.item_id = p.item_id
                       and (q.reported_at > p.reported_at or (q.reported_at = p.reported_at and q.round > p.round))))
                   then 1 else 0 end) as done
        from lt_responsibility_item i where i.cycle_id in (:cycles) group by i.cycle_id""")
        .param("cycles", cycleIds).param("branch", GroupIds.TYPE_BRANCH).param("done", CycleProcess.ItemProgress.DONE)
        .query(Milestones.ItemCounts.class).list();
  }

  List<ItemRow> items(String cycleId, String branchCode) {
    return items(cycleId).stream().filter(i -> i.branchCode().equals(branchCode)).toList();
  }

  /** The party group's and the committee's items this person owns. */
  List<ItemRow> itemsOwnedBy(String cycleId, String ownerId) {
    return items(cycleId).stream().filter(i -> i.ofAgency() && ownerId.equals(i.ownerId())).toList();
  }

  /** The latest report on each item of the cycle, by item id. */
  Map<String, Reported> latest(String cycleId) {
    Map<String, Reported> latest = new HashMap<>();
    jdbc.sql("select item_id, round, status, note, reported_by, reported_at from lt_item_progress where cycle_id = :cycle"
        + " order by reported_at, round").param("cycle", cycleId).query(Reported.class).list()
        .forEach(r -> latest.put(r.itemId(), r));
    return latest;
  }

  /** Every report on the cycle's items, oldest first. */
  List<Reported> reports(String cycleId) {
    return jdbc.sql("select item_id, round, status, note, reported_by, reported_at from lt_item_progress"
        + " where cycle_id = :cycle order by reported_at, round").param("cycle", cycleId).query(Reported.class).list();
  }

  void record(ItemRow item, int round, String status, String note, String reportedBy) {
    jdbc.sql("""
        insert into lt_item_progress (id, cycle_id, item_id, branch_code, round, status, note, reported_by, reported_at)
        values (:id, :cycle, :item, :branch, :round, :status, :note, :by, :at)""")
        .param("id", newId()).param("cycle", item.cycleId()).param("item", item.id()).param("branch", item.branchCode())
        .param("round", round).param("status", status).param("note", note).param("by", reportedBy)
        .param("at", timestamp()).update();
  }

  /**
   * Records that the item's milestone was warned of ({@code kind}, for its current date); false when it already
   * was, by this node or another: the primary key decides, never a read before the write.
   */
  boolean claimWarning(ItemRow item, Light kind) {
    return jdbc.sql(claim).param("item", item.id()).param("kind", kind.key()).param("date", item.milestoneDate())
        .param("cycle", item.cycleId()).param("branch", item.branchCode()).param("at", timestamp()).update() > 0;
  }

  List<RunningCycle> runningCycles() {
    return jdbc.sql("select id, agency_id, name from lt_cycle where status = 'running' order by started_at")
        .query(RunningCycle.class).list();
  }
}
