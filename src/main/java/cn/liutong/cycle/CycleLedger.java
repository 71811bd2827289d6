package cn.liutong.cycle;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cycle's own ledger (台账): the cycle, its goals, responsibility items, pledges, progress reports,
 * inspection findings, supervision and what is carried over. The assessment, the rectifications and the
 * public feedback keep their own. It shares the engine's data source and transaction, so a step and its
 * ledger rows commit or roll back together. Rows map to the records by column name.
 */
@Repository
public class CycleLedger {

  private final JdbcClient jdbc;

  CycleLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Cycle(String id, String agencyId, String name, LocalDate periodStart, LocalDate periodEnd,
      int partyWeight, String status, String startedBy, Timestamp startedAt, Timestamp closedAt) {

    public boolean closed() {
      return "closed".equals(status);
    }
  }

  public record Goal(String category, String name, String indicator, String target, int weight) {
  }

  public record Item(String goalName, String branchCode, String branchName, String measures, String milestone,
      LocalDate milestoneDate, Timestamp signedAt) {
  }

  public record Progress(String branchCode, int round, String partyProgress, String businessProgress,
      String difficulties, String reportedBy, Timestamp reportedAt) {
  }

  public record Finding(String branchCode, int round, String findings, boolean problemsFound, String problem,
      String inspectedBy, Timestamp inspectedAt) {
  }

  public record Pledge(String branchCode, String memberId, String pledge, boolean pioneerPost, Timestamp pledgedAt) {
  }

  public record CarryOver(String branchCode, String branchName, String description, String fromCycleId) {
  }

  /** A 催办 (reminder, by the engine) or 督办 (escalation, by a person with a note) of a late step. */
  public record Supervision(String branchCode, String step, String kind, String note, String recordedBy,
      Timestamp recordedAt) {
  }

  public void openCycle(String id, String agencyId, String name, LocalDate start, LocalDate end, int partyWeight,
      String startedBy) {
    jdbc.sql("""
        insert into lt_cycle (id, agency_id, name, period_start, period_end, party_weight, status, started_by, started_at)
        values (:id, :agency, :name, :start, :end, :weight, 'running', :by, :at)""")
        .param("id", id).param("agency", agencyId).param("name", name).param("start", start).param("end", end)
        .param("weight", partyWeight).param("by", startedBy).param("at", timestamp()).update();
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
      jdbc.sql("""
          insert into lt_responsibility_item (id, cycle_id, position, goal_name, branch_code, branch_name, measures,
            milestone, milestone_date) values (:id, :cycle, :pos, :goal, :branch, :branchName, :measures, :milestone, :date)""")
          .param("id", newId()).param("cycle", cycleId).param("pos", i + 1).param("goal", it.goalName())
          .param("branch", it.branchCode()).param("branchName", it.branchName()).param("measures", it.measures())
          .param("milestone", it.milestone()).param("date", it.milestoneDate()).update();
    }
  }

  public void markSigned(String cycleId, String branchCode) {
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
    jdbc.sql("""
        insert into lt_supervision (id, agency_id, cycle_id, branch_code, step, kind, note, recorded_by, recorded_at)
        values (:id, :agency, :cycle, :branch, :step, :kind, :note, :by, :at)""")
        .param("id", newId()).param("agency", agencyId).param("cycle", cycleId).param("branch", branchCode)
        .param("step", step).param("kind", kind).param("note", note).param("by", recordedBy)
        .param("at", timestamp()).update();
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
    jdbc.sql("""
        insert into lt_carry_over (id, agency_id, from_cycle_id, branch_code, branch_name, description, created_at)
        values (:id, :agency, :from, :branch, :branchName, :description, :at)""")
        .param("id", id).param("agency", agencyId).param("from", fromCycleId).param("branch", branchCode)
        .param("branchName", branchName).param("description", description).param("at", timestamp()).update();
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
    return jdbc.sql("select * from lt_carry_over where to_cycle_id = :to order by branch_code, created_at")
        .param("to", toCycleId).query(CarryOver.class).list();
  }

  // ------------------------------------------------------------------ reads

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
}
