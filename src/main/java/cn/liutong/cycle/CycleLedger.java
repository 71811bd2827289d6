package cn.liutong.cycle;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

import cn.liutong.organisation.GroupIds;
import cn.liutong.system.Quarters;

/**
 * The cycle's own ledger (台账): the cycle, its goals, responsibility items, pledges, progress reports,
 * inspection findings, supervision and what is carried over. The assessment, the rectifications and the
 * public feedback keep their own. It shares the engine's data source and transaction, so a step and its
 * ledger rows commit or roll back together. Rows map to the records by column name.
 */
@Repository
public class CycleLedger {

  private final JdbcClient jdbc;
  /** A carry-over's id is its source: on PostgreSQL a duplicate would abort the transaction, so it is skipped. */
  private final boolean postgres;

  CycleLedger(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.postgres = "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
  }

  public record Cycle(String id, String agencyId, String name, LocalDate periodStart, LocalDate periodEnd,
      String status, String startedBy, Timestamp startedAt, Timestamp closedAt) {

    public boolean closed() {
      return "closed".equals(status);
    }
  }

  public record Goal(String category, String name, String indicator, String target, int weight) {
  }

  /**
   * One item of the three-level list: {@code level} is the party group's, the committee's or a branch's
   * ({@link cn.liutong.organisation.GroupIds#TYPE_PARTY_GROUP}, {@code TYPE_COMMITTEE}, {@code TYPE_BRANCH}); the unit is
   * {@code branchCode} (for an agency-level item the group id of the party group or committee, named in
   * {@code branchName}); the owner is the item's 责任人. Items recorded before owners have neither (level null in Json).
   */
  public record Item(String goalName, String branchCode, String branchName, String measures, String milestone,
      LocalDate milestoneDate, Timestamp signedAt, String level, String ownerId, String ownerName) {

    /** A branch's item, which the branch signs for; the agency's party group and committee sign nothing. */
    public boolean ofBranch() {
      return level == null || GroupIds.TYPE_BRANCH.equals(level);
    }
  }

  public record Progress(String branchCode, int round, String partyProgress, String businessProgress,
      String difficulties, String reportedBy, Timestamp reportedAt) {
  }

  public record Finding(String branchCode, int round, String findings, boolean problemsFound, String problem,
      String inspectedBy, Timestamp inspectedAt) {
  }

  public record Pledge(String branchCode, String memberId, String pledge, boolean pioneerPost, Timestamp pledgedAt) {
  }

  /** A problem carried over, with the answer of the next cycle's goals (a goal, or an explanation) once drafted. */
  public record CarryOver(String id, String branchCode, String branchName, String description, String fromCycleId,
      String answerGoal, String answerExplanation, String answeredBy, Timestamp answeredAt) {

    /** As the draft form and the messages show it: 【branch】description. */
    public String problem() {
      return "【" + branchName + "】" + description;
    }

    public boolean answered() {
      return answerGoal != null || answerExplanation != null;
    }
  }

  /** A 催办 (reminder, by the engine) or 督办 (escalation, by a person with a note) of a late step. */
  /** A 催办 (kind reminder, by the engine) or 督办 (escalation, by a person); a rectification's also has its level. */
  public record Supervision(String branchCode, String step, String kind, String note, String recordedBy,
      Timestamp recordedAt, String rectificationId, String level) {
  }

  public void openCycle(String id, String agencyId, String name, LocalDate start, LocalDate end,
      String startedBy) {
    jdbc.sql("""
        insert into lt_cycle (id, agency_id, name, period_start, period_end, status, started_by, started_at)
        values (:id, :agency, :name, :start, :end, 'running', :by, :at)""")
        .param("id", id).param("agency", agencyId).param("name", name).param("start", start).param("end", end)
        .param("by", startedBy).param("at", timestamp()).update();
  }

  public void replaceGoals(String cycleId, List<Goal> goals) {
    jdbc.sql("delete from lt_goal where cycle_id = :cycle").param("cycle", cycleId).update();
    for (int i = 0; i < goals.size(); i++) {
      Goal g = goals.get(i);
      jdbc.sql("""
          insert into lt_goal (id, cycle_id, position, category, name, indicator, target, weight)
          values (:id, :cycle, :pos, :category, :name, :indicator, :target, :weight)""")
          .param("id", newId()).param("cycle", cycleId).param("pos", i + 1).param("category", g.category())
          .param("name", g.name()).param("indicator", g.indicator()).param("target", g.target())
          .param("weight", g.weight()).update();
    }
  }

  public void replaceItems(String cycleId, List<Item> items) {
    jdbc.sql("delete from lt_responsibility_item where cycle_id = :cycle").param("cycle", cycleId).update();
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      insertItem(cycleId, i + 1, it);
    }
  }

  /**
   * The committee changed a branch's items on its objection: the list before and after is kept
   * ({@code lt_item_revision}), the branch's unsigned items are replaced by the new ones, numbered after the
   * cycle's last item (the other branches' numbers stay as they are).
   */
  public void reviseBranchItems(String cycleId, String branchCode, List<Item> revised, String reason, String by) {
    List<Item> before = items(cycleId).stream().filter(i -> branchCode.equals(i.branchCode())).toList();
    jdbc.sql("""
        insert into lt_item_revision (id, cycle_id, branch_code, items_before, items_after, reason, revised_by, revised_at)
        values (:id, :cycle, :branch, :before, :after, :reason, :by, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("before", lines(before))
        .param("after", lines(revised)).param("reason", reason).param("by", by).param("at", timestamp()).update();
    jdbc.sql("delete from lt_responsibility_item where cycle_id = :cycle and branch_code = :branch and signed_at is null")
        .param("cycle", cycleId).param("branch", branchCode).update();
    int last = jdbc.sql("select coalesce(max(position), 0) from lt_responsibility_item where cycle_id = :cycle")
        .param("cycle", cycleId).query(Integer.class).single();
    for (int i = 0; i < revised.size(); i++) {
      Item it = revised.get(i);
      insertItem(cycleId, last + i + 1, it);
    }
  }

  private void insertItem(String cycleId, int position, Item it) {
    jdbc.sql("""
        insert into lt_responsibility_item (id, cycle_id, position, goal_name, branch_code, branch_name, measures,
          milestone, milestone_date, level, owner_id, owner_name)
        values (:id, :cycle, :pos, :goal, :branch, :branchName, :measures, :milestone, :date, :level, :owner, :ownerName)""")
        .param("id", newId()).param("cycle", cycleId).param("pos", position).param("goal", it.goalName())
        .param("branch", it.branchCode()).param("branchName", it.branchName()).param("measures", it.measures())
        .param("milestone", it.milestone()).param("date", it.milestoneDate())
        .param("level", it.level() == null ? GroupIds.TYPE_BRANCH : it.level()).param("owner", it.ownerId())
        .param("ownerName", it.ownerName()).update();
  }

  /** Items as text, one per line: 对应目标｜责任措施｜重要节点（节点日期）. */
  private static String lines(List<Item> items) {
    return items.stream().map(i -> i.goalName() + "｜" + i.measures() + "｜" + i.milestone() + "（" + i.milestoneDate() + "）")
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  /** An item with its row id (its progress reports and milestone warnings refer to it) and its number in the list. */
  public record NumberedItem(String id, int position, String goalName, String branchCode, String branchName,
      String measures, String milestone, LocalDate milestoneDate, Timestamp signedAt, String level, String ownerId,
      String ownerName) {

    public Item item() {
      return new Item(goalName, branchCode, branchName, measures, milestone, milestoneDate, signedAt, level, ownerId,
          ownerName);
    }
  }

  /** A request to change a running cycle's goals and items, its proposal and the party group's decision. */
  public record Adjustment(String id, String cycleId, String agencyId, String reason, String status, String requestedBy,
      Timestamp requestedAt, String goalsBefore, String itemsBefore, String goalsAfter, String itemsAfter,
      String summary, String decisionNote, String decidedBy, Timestamp decidedAt) {
  }

  public List<NumberedItem> numberedItems(String cycleId) {
    return ofCycle("lt_responsibility_item", "position", cycleId, NumberedItem.class);
  }

  /** A request is open from its start until the party group approves or refuses it; a cycle has one at a time. */
  public void openAdjustment(String id, String cycleId, String agencyId, String reason, String by, String goalsBefore,
      String itemsBefore) {
    jdbc.sql("""
        insert into lt_cycle_adjustment (id, cycle_id, agency_id, reason, status, requested_by, requested_at,
          goals_before, items_before) values (:id, :cycle, :agency, :reason, 'open', :by, :at, :goals, :items)""")
        .param("id", id).param("cycle", cycleId).param("agency", agencyId).param("reason", reason).param("by", by)
        .param("at", timestamp()).param("goals", goalsBefore).param("items", itemsBefore).update();
  }

  public void proposeAdjustment(String id, String goalsAfter, String itemsAfter, String summary) {
    jdbc.sql("update lt_cycle_adjustment set goals_after = :goals, items_after = :items, summary = :summary where id = :id")
        .param("goals", goalsAfter).param("items", itemsAfter).param("summary", summary).param("id", id).update();
  }

  /** The party group's decision: {@code approved}, {@code rejected}, or {@code open} again when it returns the proposal. */
  public void decideAdjustment(String id, String status, String note, String by) {
    jdbc.sql("""
        update lt_cycle_adjustment set status = :status, decision_note = :note, decided_by = :by, decided_at = :at
        where id = :id""")
        .param("status", status).param("note", note).param("by", by).param("at", timestamp()).param("id", id).update();
  }

  public boolean adjustmentOpen(String cycleId) {
    return jdbc.sql("select count(*) from lt_cycle_adjustment where cycle_id = :cycle and status = 'open'")
        .param("cycle", cycleId).query(Integer.class).single() > 0;
  }

  public List<Adjustment> adjustments(String cycleId) {
    return ofCycle("lt_cycle_adjustment", "requested_at", cycleId, Adjustment.class);
  }

  /**
   * The approved items of an adjustment: a numbered item keeps its number and row (its progress reports and
   * milestone warnings stay with it) with the new goal, measures and milestone; a new one (number 0) is numbered
   * after the cycle's last item and counts as signed when its branch has signed already; an item of one of the
   * {@code branches} left out is removed (its earlier version stays in {@code lt_cycle_adjustment}).
   */
  public void adjustItems(String cycleId, Set<String> branches, List<NumberedItem> items) {
    jdbc.sql("select id from lt_responsibility_item where cycle_id = :cycle for update").param("cycle", cycleId)
        .query(String.class).list(); // a branch signing meanwhile: see markSigned
    List<NumberedItem> before = numberedItems(cycleId);
    Set<String> signedBranches = before.stream().filter(i -> i.signedAt() != null).map(NumberedItem::branchCode)
        .collect(Collectors.toSet());
    int last = before.stream().mapToInt(NumberedItem::position).max().orElse(0);
    Set<Integer> kept = new HashSet<>();
    Timestamp now = timestamp();
    for (NumberedItem it : items) {
      if (it.position() > 0) {
        kept.add(it.position());
        jdbc.sql("""
            update lt_responsibility_item set goal_name = :goal, measures = :measures, milestone = :milestone,
              milestone_date = :date where cycle_id = :cycle and position = :pos""")
            .param("goal", it.goalName()).param("measures", it.measures()).param("milestone", it.milestone())
            .param("date", it.milestoneDate()).param("cycle", cycleId).param("pos", it.position()).update();
      } else {
        jdbc.sql("""
            insert into lt_responsibility_item (id, cycle_id, position, goal_name, branch_code, branch_name, measures,
              milestone, milestone_date, signed_at)
            values (:id, :cycle, :pos, :goal, :branch, :branchName, :measures, :milestone, :date, :signed)""")
            .param("id", newId()).param("cycle", cycleId).param("pos", ++last).param("goal", it.goalName())
            .param("branch", it.branchCode()).param("branchName", it.branchName()).param("measures", it.measures())
            .param("milestone", it.milestone()).param("date", it.milestoneDate())
            .param("signed", signedBranches.contains(it.branchCode()) ? now : null).update();
      }
    }
    before.stream().filter(i -> branches.contains(i.branchCode()) && !kept.contains(i.position())).forEach(i -> jdbc
        .sql("delete from lt_responsibility_item where id = :id").param("id", i.id()).update());
  }

  /**
   * The branch signed: all its items. Its rows are locked first, as an adjustment locks them ({@link #adjustItems}):
   * the adjustment then sees the signature, or this update (a statement of its own) sees the item it added.
   */
  public void markSigned(String cycleId, String branchCode) {
    jdbc.sql("select id from lt_responsibility_item where cycle_id = :cycle and branch_code = :branch for update")
        .param("cycle", cycleId).param("branch", branchCode).query(String.class).list();
    jdbc.sql("update lt_responsibility_item set signed_at = :at where cycle_id = :cycle and branch_code = :branch")
        .param("at", timestamp()).param("cycle", cycleId).param("branch", branchCode).update();
  }

  public void recordPledge(String cycleId, String branchCode, String memberId, String pledge, boolean pioneerPost) {
    jdbc.sql("""
        insert into lt_pledge (id, cycle_id, branch_code, member_id, pledge, pioneer_post, pledged_at)
        values (:id, :cycle, :branch, :member, :pledge, :post, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("member", memberId)
        .param("pledge", pledge).param("post", pioneerPost).param("at", timestamp()).update();
  }

  public void recordProgress(String cycleId, String branchCode, int round, String party, String business,
      String difficulties, String reportedBy) {
    jdbc.sql("""
        insert into lt_progress_report (id, cycle_id, branch_code, round, party_progress, business_progress,
          difficulties, reported_by, reported_at) values (:id, :cycle, :branch, :round, :party, :business, :difficulties, :by, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("round", round)
        .param("party", party).param("business", business).param("difficulties", difficulties)
        .param("by", reportedBy).param("at", timestamp()).update();
  }

  public void recordFinding(String cycleId, String branchCode, int round, String findings, boolean problemsFound,
      String problem, String inspectedBy) {
    jdbc.sql("""
        insert into lt_inspection_finding (id, cycle_id, branch_code, round, findings, problems_found, problem,
          inspected_by, inspected_at) values (:id, :cycle, :branch, :round, :findings, :found, :problem, :by, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("round", round)
        .param("findings", findings).param("found", problemsFound).param("problem", problem)
        .param("by", inspectedBy).param("at", timestamp()).update();
  }

  public void recordSupervision(String agencyId, String cycleId, String branchCode, String step, String kind,
      String note, String recordedBy) {
    recordSupervision(agencyId, cycleId, branchCode, step, kind, note, recordedBy, null, null);
  }

  /** A supervision of one rectification, at the level (committee, partyGroup) it escalated to. */
  public void recordSupervision(String agencyId, String cycleId, String branchCode, String step, String kind,
      String note, String recordedBy, String rectificationId, String level) {
    jdbc.sql("""
        insert into lt_supervision (id, agency_id, cycle_id, branch_code, step, kind, note, recorded_by, recorded_at,
          rectification_id, level)
        values (:id, :agency, :cycle, :branch, :step, :kind, :note, :by, :at, :rectification, :level)""")
        .param("id", newId()).param("agency", agencyId).param("cycle", cycleId).param("branch", branchCode)
        .param("step", step).param("kind", kind).param("note", note).param("by", recordedBy)
        .param("at", timestamp()).param("rectification", rectificationId).param("level", level).update();
  }

  /** How many times a rectification's {@code step} was recorded: the earlier escalations of an overdue one. */
  public int supervisionCount(String rectificationId, String step) {
    return jdbc.sql("select count(*) from lt_supervision where rectification_id = :rectification and step = :step")
        .param("rectification", rectificationId).param("step", step).query(Integer.class).single();
  }

  /**
   * Closes the cycle. What is still open is carried over by its owners, who hear {@link CycleClosed} in the
   * same transaction (see {@link #carryOver}).
   */
  public void closeCycle(String cycleId) {
    jdbc.sql("update lt_cycle set status = 'closed', closed_at = :at where id = :cycle")
        .param("at", timestamp()).param("cycle", cycleId).update();
  }

  /**
   * Something left open in a closed cycle, for the agency's next cycle. The id names its source (for
   * example {@code rect-<rectification id>}), so that the same item is never carried twice.
   */
  public void carryOver(String id, String agencyId, String fromCycleId, String branchCode, String branchName,
      String description) {
    var insert = jdbc.sql("""
        insert into lt_carry_over (id, agency_id, from_cycle_id, branch_code, branch_name, description, created_at)
        values (:id, :agency, :from, :branch, :branchName, :description, :at)""" + (postgres ? " on conflict (id) do nothing" : ""))
        .param("id", id).param("agency", agencyId).param("from", fromCycleId).param("branch", branchCode)
        .param("branchName", branchName).param("description", description).param("at", timestamp());
    try {
      insert.update();
    } catch (DuplicateKeyException alreadyCarried) {
      // H2 (no ON CONFLICT): the primary key refuses the second row; H2 keeps the transaction usable
    }
  }

  /**
   * The agency's running cycle (the latest, should there be more), or null: a rectification found outside
   * the cycle (public feedback) counts in that cycle's accountability and carry-over.
   */
  public String runningCycleId(String agencyId) {
    return jdbc.sql("select id from lt_cycle where agency_id = :agency and status = 'running' order by started_at desc")
        .param("agency", agencyId).query(String.class).list().stream().findFirst().orElse(null);
  }

  /** Hands the agency's not yet assigned carry-over items to a new cycle and returns them. */
  public List<CarryOver> takeCarryOvers(String agencyId, String toCycleId) {
    jdbc.sql("update lt_carry_over set to_cycle_id = :to where agency_id = :agency and to_cycle_id is null")
        .param("to", toCycleId).param("agency", agencyId).update();
    return carryOvers(toCycleId);
  }

  public List<CarryOver> carryOvers(String toCycleId) {
    return jdbc.sql("select * from lt_carry_over where to_cycle_id = :to order by branch_code, created_at, id")
        .param("to", toCycleId).query(CarryOver.class).list();
  }

  // ------------------------------------------------------------------ reads

  /** The inspections (督查) recorded in one quarter of a year in one agency, and how many found a problem. */
  public record Inspections(String agencyId, int quarter, int inspections, int problemsFound) {
  }

  /** Every agency's inspections per quarter of the year, counted by the database. */
  public List<Inspections> inspectionsByQuarter(Quarters quarters) {
    return quarters.bind(jdbc.sql("""
        select agency_id, quarter, count(*) as inspections, sum(problem) as problems_found from (
          select c.agency_id, %s as quarter, case when f.problems_found then 1 else 0 end as problem
          from lt_inspection_finding f join lt_cycle c on c.id = f.cycle_id where %s) x
        group by agency_id, quarter""".formatted(quarters.ofMoment("f.inspected_at"),
        quarters.inYear("f.inspected_at")))).query(Inspections.class).list();
  }

  public List<Cycle> cycles(Collection<String> agencyIds) {
    return jdbc.sql("select * from lt_cycle where agency_id in (:agencies) order by started_at desc")
        .param("agencies", agencyIds).query(Cycle.class).list();
  }

  public Cycle cycle(String cycleId) {
    return jdbc.sql("select * from lt_cycle where id = :id").param("id", cycleId).query(Cycle.class).optional()
        .orElse(null);
  }

  public List<Goal> goals(String cycleId) {
    return ofCycle("lt_goal", "position", cycleId, Goal.class);
  }

  public List<Item> items(String cycleId) {
    return ofCycle("lt_responsibility_item", "position", cycleId, Item.class);
  }

  public List<Pledge> pledges(String cycleId) {
    return ofCycle("lt_pledge", "branch_code, member_id", cycleId, Pledge.class);
  }

  public List<Progress> progressReports(String cycleId) {
    return ofCycle("lt_progress_report", "branch_code, round", cycleId, Progress.class);
  }

  public List<Finding> findings(String cycleId) {
    return ofCycle("lt_inspection_finding", "branch_code, round", cycleId, Finding.class);
  }

  public List<Supervision> supervisions(String cycleId) {
    return ofCycle("lt_supervision", "branch_code, recorded_at", cycleId, Supervision.class);
  }

  /** A round's 督查通报: the findings per branch as the committee saw them, and its summary. */
  public record Bulletin(String cycleId, String agencyId, int round, String findings, String summary,
      String publishedBy, Timestamp publishedAt) {
  }

  public void recordBulletin(String cycleId, String agencyId, int round, String findings, String summary,
      String publishedBy) {
    jdbc.sql("""
        insert into lt_inspection_bulletin (id, cycle_id, agency_id, round, findings, summary, published_by, published_at)
        values (:id, :cycle, :agency, :round, :findings, :summary, :by, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("agency", agencyId).param("round", round)
        .param("findings", findings).param("summary", summary).param("by", publishedBy).param("at", timestamp()).update();
  }

  public List<Bulletin> bulletins(String cycleId) {
    return ofCycle("lt_inspection_bulletin", "round", cycleId, Bulletin.class);
  }

  /** A cycle's rows of one of this ledger's tables (constants only, never input), in the given order. */
  private <T> List<T> ofCycle(String table, String orderBy, String cycleId, Class<T> row) {
    return jdbc.sql("select * from " + table + " where cycle_id = :cycle order by " + orderBy)
        .param("cycle", cycleId).query(row).list();
  }

  // ------------------------------------------------------------------ carry-over into a running cycle

  /** The agency's closed cycles' problems that no cycle has taken yet, by the cycle they come from. */
  public List<String> pendingCarryOverSources(String agencyId) {
    return jdbc.sql("select distinct from_cycle_id from lt_carry_over where agency_id = :agency and to_cycle_id is null")
        .param("agency", agencyId).query(String.class).list();
  }

  /**
   * The cycle that follows {@code cycleId} in its agency and is still running: the running one whose period
   * starts next after it (the next year's plan), or null.
   */
  public String nextRunningCycleId(String cycleId) {
    return jdbc.sql("""
        select n.id from lt_cycle c join lt_cycle n on n.agency_id = c.agency_id and n.id <> c.id
        where c.id = :cycle and n.status = 'running' and n.period_start > c.period_start
        order by n.period_start, n.started_at""")
        .param("cycle", cycleId).query(String.class).list().stream().findFirst().orElse(null);
  }

  /** Locks the cycle's row until the transaction ends: one carry-over into a cycle at a time. */
  public void lockCycle(String cycleId) {
    jdbc.sql("select id from lt_cycle where id = :cycle for update").param("cycle", cycleId).query(String.class).list();
  }

  /** Hands what {@code fromCycleId} left open and no cycle has taken to {@code toCycleId}; how many. */
  public int carryInto(String fromCycleId, String toCycleId) {
    return jdbc.sql("update lt_carry_over set to_cycle_id = :to where from_cycle_id = :from and to_cycle_id is null")
        .param("to", toCycleId).param("from", fromCycleId).update();
  }

  /** The draft's answer to one carried item of {@code toCycleId}: a goal, or an explanation (the other null). */
  public void answerCarryOver(String toCycleId, String carryOverId, String goal, String explanation, String answeredBy) {
    jdbc.sql("""
        update lt_carry_over set answer_goal = :goal, answer_explanation = :explanation, answered_by = :by,
          answered_at = :at where id = :id and to_cycle_id = :to""")
        .param("goal", goal).param("explanation", explanation).param("by", answeredBy).param("at", timestamp())
        .param("id", carryOverId).param("to", toCycleId).update();
  }
}
