package cn.liutong.ledger;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The cycle's ledger (台账): goals, responsibility items, pledges, progress reports, findings,
 * evaluations, assessment results, accountability measures, supervision and carry-over. It shares the
 * engine's data source and transaction, so a step and its ledger rows commit or roll back together.
 */
@Repository
public class CycleLedger {

  private final NamedParameterJdbcTemplate jdbc;

  CycleLedger(NamedParameterJdbcTemplate jdbc) {
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

  public record Assessment(String branchCode, String branchName, BigDecimal partyScore, BigDecimal businessScore,
      BigDecimal memberEvaluation, BigDecimal publicSatisfaction, boolean veto, String vetoReason, String problems,
      BigDecimal weightedScore, String grade, boolean approved) {
  }

  public record Measure(String branchCode, String branchName, String grade, String suggestedMeasure, String measure,
      String reason, String decidedBy, Timestamp decidedAt) {
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

  static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  public void openCycle(String id, String agencyId, String name, LocalDate start, LocalDate end, int partyWeight,
      String startedBy) {
    jdbc.update("""
        insert into lt_cycle (id, agency_id, name, period_start, period_end, party_weight, status, started_by, started_at)
        values (:id, :agency, :name, :start, :end, :weight, 'running', :by, :at)""",
        new MapSqlParameterSource().addValue("id", id).addValue("agency", agencyId).addValue("name", name)
            .addValue("start", start).addValue("end", end).addValue("weight", partyWeight)
            .addValue("by", startedBy).addValue("at", now()));
  }

  public void replaceGoals(String cycleId, List<Goal> goals) {
    jdbc.update("delete from lt_goal where cycle_id = :cycle", Map.of("cycle", cycleId));
    for (int i = 0; i < goals.size(); i++) {
      Goal g = goals.get(i);
      jdbc.update("""
          insert into lt_goal (id, cycle_id, position, category, name, indicator, target, weight)
          values (:id, :cycle, :pos, :category, :name, :indicator, :target, :weight)""",
          new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId).addValue("pos", i + 1)
              .addValue("category", g.category()).addValue("name", g.name()).addValue("indicator", g.indicator())
              .addValue("target", g.target()).addValue("weight", g.weight()));
    }
  }

  public void replaceItems(String cycleId, List<Item> items) {
    jdbc.update("delete from lt_responsibility_item where cycle_id = :cycle", Map.of("cycle", cycleId));
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      jdbc.update("""
          insert into lt_responsibility_item (id, cycle_id, position, goal_name, branch_code, branch_name, measures,
            milestone, milestone_date) values (:id, :cycle, :pos, :goal, :branch, :branchName, :measures, :milestone, :date)""",
          new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId).addValue("pos", i + 1)
              .addValue("goal", it.goalName()).addValue("branch", it.branchCode()).addValue("branchName", it.branchName())
              .addValue("measures", it.measures()).addValue("milestone", it.milestone())
              .addValue("date", it.milestoneDate()));
    }
  }

  public void markSigned(String cycleId, String branchCode) {
    jdbc.update("update lt_responsibility_item set signed_at = :at where cycle_id = :cycle and branch_code = :branch",
        Map.of("at", now(), "cycle", cycleId, "branch", branchCode));
  }

  public void recordPledge(String cycleId, String branchCode, String memberId, String pledge, boolean pioneerPost) {
    jdbc.update("""
        insert into lt_pledge (id, cycle_id, branch_code, member_id, pledge, pioneer_post, pledged_at)
        values (:id, :cycle, :branch, :member, :pledge, :post, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId).addValue("branch", branchCode)
            .addValue("member", memberId).addValue("pledge", pledge).addValue("post", pioneerPost).addValue("at", now()));
  }

  public void recordProgress(String cycleId, String branchCode, int round, String party, String business,
      String difficulties, String reportedBy) {
    jdbc.update("""
        insert into lt_progress_report (id, cycle_id, branch_code, round, party_progress, business_progress,
          difficulties, reported_by, reported_at) values (:id, :cycle, :branch, :round, :party, :business, :difficulties, :by, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId).addValue("branch", branchCode)
            .addValue("round", round).addValue("party", party).addValue("business", business)
            .addValue("difficulties", difficulties).addValue("by", reportedBy).addValue("at", now()));
  }

  public void recordFinding(String cycleId, String branchCode, int round, String findings, boolean problemsFound,
      String problem, String inspectedBy) {
    jdbc.update("""
        insert into lt_inspection_finding (id, cycle_id, branch_code, round, findings, problems_found, problem,
          inspected_by, inspected_at) values (:id, :cycle, :branch, :round, :findings, :found, :problem, :by, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId).addValue("branch", branchCode)
            .addValue("round", round).addValue("findings", findings).addValue("found", problemsFound)
            .addValue("problem", problem).addValue("by", inspectedBy).addValue("at", now()));
  }

  public void recordEvaluation(String cycleId, String branchCode, String memberId, double score, String comment) {
    jdbc.update("""
        insert into lt_member_evaluation (id, cycle_id, branch_code, member_id, score, comment, evaluated_at)
        values (:id, :cycle, :branch, :member, :score, :comment, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId).addValue("branch", branchCode)
            .addValue("member", memberId).addValue("score", score).addValue("comment", comment).addValue("at", now()));
  }

  /** The average member evaluation of a branch in a cycle, one decimal; null when nobody evaluated. */
  public Double averageEvaluation(String cycleId, String branchCode) {
    BigDecimal avg = jdbc.queryForObject("""
        select avg(score) from lt_member_evaluation where cycle_id = :cycle and branch_code = :branch""",
        Map.of("cycle", cycleId, "branch", branchCode), BigDecimal.class);
    return avg == null ? null : avg.setScale(1, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  public void recordAssessment(String cycleId, Assessment a) {
    jdbc.update("delete from lt_assessment_result where cycle_id = :cycle and branch_code = :branch",
        Map.of("cycle", cycleId, "branch", a.branchCode()));
    jdbc.update("""
        insert into lt_assessment_result (id, cycle_id, branch_code, branch_name, party_score, business_score,
          member_evaluation, public_satisfaction, veto, veto_reason, problems, weighted_score, grade, approved, assessed_at)
        values (:id, :cycle, :branch, :branchName, :party, :business, :members, :public, :veto, :vetoReason, :problems,
          :weighted, :grade, false, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId)
            .addValue("branch", a.branchCode()).addValue("branchName", a.branchName())
            .addValue("party", a.partyScore()).addValue("business", a.businessScore())
            .addValue("members", a.memberEvaluation()).addValue("public", a.publicSatisfaction())
            .addValue("veto", a.veto()).addValue("vetoReason", a.vetoReason()).addValue("problems", a.problems())
            .addValue("weighted", a.weightedScore()).addValue("grade", a.grade()).addValue("at", now()));
  }

  public void approveAssessments(String cycleId) {
    jdbc.update("update lt_assessment_result set approved = true where cycle_id = :cycle", Map.of("cycle", cycleId));
  }

  public void recordMeasure(String cycleId, Measure m) {
    jdbc.update("""
        insert into lt_accountability_measure (id, cycle_id, branch_code, branch_name, grade, suggested_measure, measure,
          reason, decided_by, decided_at) values (:id, :cycle, :branch, :branchName, :grade, :suggested, :measure, :reason, :by, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("cycle", cycleId)
            .addValue("branch", m.branchCode()).addValue("branchName", m.branchName()).addValue("grade", m.grade())
            .addValue("suggested", m.suggestedMeasure()).addValue("measure", m.measure()).addValue("reason", m.reason())
            .addValue("by", m.decidedBy()).addValue("at", now()));
  }

  public void recordSupervision(String agencyId, String cycleId, String branchCode, String step, String kind,
      String note, String recordedBy) {
    jdbc.update("""
        insert into lt_supervision (id, agency_id, cycle_id, branch_code, step, kind, note, recorded_by, recorded_at)
        values (:id, :agency, :cycle, :branch, :step, :kind, :note, :by, :at)""",
        new MapSqlParameterSource().addValue("id", newId()).addValue("agency", agencyId).addValue("cycle", cycleId)
            .addValue("branch", branchCode).addValue("step", step).addValue("kind", kind).addValue("note", note)
            .addValue("by", recordedBy).addValue("at", now()));
  }

  /**
   * Closes the cycle: what is still open (rectifications not verified, assessment problems of branches
   * graded 一般 or 较差) is carried over to the agency's next cycle.
   */
  public int closeCycle(String cycleId) {
    jdbc.update("update lt_cycle set status = 'closed', closed_at = :at where id = :cycle",
        Map.of("at", now(), "cycle", cycleId));
    var params = Map.of("cycle", cycleId, "at", now());
    int open = jdbc.update("""
        insert into lt_carry_over (id, agency_id, from_cycle_id, branch_code, branch_name, description, created_at)
        select concat('rect-', r.id), r.agency_id, r.cycle_id, r.branch_code, r.branch_name,
               concat('未销号整改（', r.deadline, '到期）：', r.problem), :at
        from lt_rectification r where r.cycle_id = :cycle and r.status = 'open'""", params);
    int weak = jdbc.update("""
        insert into lt_carry_over (id, agency_id, from_cycle_id, branch_code, branch_name, description, created_at)
        select concat('grade-', a.id), c.agency_id, a.cycle_id, a.branch_code, a.branch_name,
               concat('上一周期考核等次为', a.grade, '，综合得分', a.weighted_score, '，需在本周期重点提升'), :at
        from lt_assessment_result a join lt_cycle c on c.id = a.cycle_id
        where a.cycle_id = :cycle and a.grade in ('一般', '较差')""", params);
    return open + weak;
  }

  /**
   * The agency's running cycle (the latest, should there be more), or null: a rectification found outside
   * the cycle (public feedback) counts in that cycle's accountability and carry-over.
   */
  public String runningCycleId(String agencyId) {
    return jdbc.queryForList("select id from lt_cycle where agency_id = :agency and status = 'running' order by started_at desc",
        Map.of("agency", agencyId), String.class).stream().findFirst().orElse(null);
  }

  /** Hands the agency's not yet assigned carry-over items to a new cycle and returns them. */
  public List<CarryOver> takeCarryOvers(String agencyId, String toCycleId) {
    jdbc.update("update lt_carry_over set to_cycle_id = :to where agency_id = :agency and to_cycle_id is null",
        Map.of("to", toCycleId, "agency", agencyId));
    return carryOvers(toCycleId);
  }

  public List<CarryOver> carryOvers(String toCycleId) {
    return jdbc.query("""
        select branch_code, branch_name, description, from_cycle_id from lt_carry_over where to_cycle_id = :to
        order by branch_code, created_at""", Map.of("to", toCycleId),
        (rs, i) -> new CarryOver(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  // ------------------------------------------------------------------ reads

  public List<Cycle> cycles(Collection<String> agencyIds) {
    return jdbc.query("select * from lt_cycle where agency_id in (:agencies) order by started_at desc",
        Map.of("agencies", agencyIds), (rs, i) -> cycle(rs));
  }

  public Cycle cycle(String cycleId) {
    return jdbc.query("select * from lt_cycle where id = :id", Map.of("id", cycleId), (rs, i) -> cycle(rs))
        .stream().findFirst().orElse(null);
  }

  private static Cycle cycle(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Cycle(rs.getString("id"), rs.getString("agency_id"), rs.getString("name"),
        rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
        rs.getInt("party_weight"), rs.getString("status"), rs.getString("started_by"),
        rs.getTimestamp("started_at"), rs.getTimestamp("closed_at"));
  }

  public List<Goal> goals(String cycleId) {
    return jdbc.query("select * from lt_goal where cycle_id = :cycle order by position", Map.of("cycle", cycleId),
        (rs, i) -> new Goal(rs.getString("category"), rs.getString("name"), rs.getString("indicator"),
            rs.getString("target"), rs.getInt("weight")));
  }

  public List<Item> items(String cycleId) {
    return jdbc.query("select * from lt_responsibility_item where cycle_id = :cycle order by position",
        Map.of("cycle", cycleId),
        (rs, i) -> new Item(rs.getString("goal_name"), rs.getString("branch_code"), rs.getString("branch_name"),
            rs.getString("measures"), rs.getString("milestone"), rs.getObject("milestone_date", LocalDate.class),
            rs.getTimestamp("signed_at")));
  }

  public List<Pledge> pledges(String cycleId) {
    return jdbc.query("select * from lt_pledge where cycle_id = :cycle order by branch_code, member_id",
        Map.of("cycle", cycleId),
        (rs, i) -> new Pledge(rs.getString("branch_code"), rs.getString("member_id"), rs.getString("pledge"),
            rs.getBoolean("pioneer_post"), rs.getTimestamp("pledged_at")));
  }

  public List<Progress> progressReports(String cycleId) {
    return jdbc.query("select * from lt_progress_report where cycle_id = :cycle order by branch_code, round",
        Map.of("cycle", cycleId),
        (rs, i) -> new Progress(rs.getString("branch_code"), rs.getInt("round"), rs.getString("party_progress"),
            rs.getString("business_progress"), rs.getString("difficulties"), rs.getString("reported_by"),
            rs.getTimestamp("reported_at")));
  }

  public List<Finding> findings(String cycleId) {
    return jdbc.query("select * from lt_inspection_finding where cycle_id = :cycle order by branch_code, round",
        Map.of("cycle", cycleId),
        (rs, i) -> new Finding(rs.getString("branch_code"), rs.getInt("round"), rs.getString("findings"),
            rs.getBoolean("problems_found"), rs.getString("problem"), rs.getString("inspected_by"),
            rs.getTimestamp("inspected_at")));
  }

  public List<Assessment> assessments(String cycleId) {
    return jdbc.query("select * from lt_assessment_result where cycle_id = :cycle order by weighted_score desc, branch_code",
        Map.of("cycle", cycleId), (rs, i) -> assessment(rs));
  }

  public Assessment assessment(String cycleId, String branchCode) {
    return jdbc.query("select * from lt_assessment_result where cycle_id = :cycle and branch_code = :branch",
        Map.of("cycle", cycleId, "branch", branchCode), (rs, i) -> assessment(rs)).stream().findFirst().orElse(null);
  }

  private static Assessment assessment(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Assessment(rs.getString("branch_code"), rs.getString("branch_name"), rs.getBigDecimal("party_score"),
        rs.getBigDecimal("business_score"), rs.getBigDecimal("member_evaluation"),
        rs.getBigDecimal("public_satisfaction"), rs.getBoolean("veto"), rs.getString("veto_reason"),
        rs.getString("problems"), rs.getBigDecimal("weighted_score"), rs.getString("grade"), rs.getBoolean("approved"));
  }

  public List<Measure> measures(String cycleId) {
    return jdbc.query("select * from lt_accountability_measure where cycle_id = :cycle order by branch_code",
        Map.of("cycle", cycleId),
        (rs, i) -> new Measure(rs.getString("branch_code"), rs.getString("branch_name"), rs.getString("grade"),
            rs.getString("suggested_measure"), rs.getString("measure"), rs.getString("reason"),
            rs.getString("decided_by"), rs.getTimestamp("decided_at")));
  }

  public List<Supervision> supervisions(String cycleId) {
    return jdbc.query("select * from lt_supervision where cycle_id = :cycle order by branch_code, recorded_at",
        Map.of("cycle", cycleId),
        (rs, i) -> new Supervision(rs.getString("branch_code"), rs.getString("step"), rs.getString("kind"),
            rs.getString("note"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at")));
  }
}
