package cn.liutong.ledger;

import static cn.liutong.ledger.CycleLedger.newId;
import static cn.liutong.ledger.CycleLedger.now;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Rectifications (整改) of every source: status, deadline, overdue, verification (销号). */
@Repository
public class RectificationLedger {

  private final NamedParameterJdbcTemplate jdbc;

  RectificationLedger(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Rectification(String id, String agencyId, String cycleId, String branchCode, String branchName,
      String source, String problem, LocalDate deadline, String status, boolean overdue, String processInstanceId,
      Timestamp openedAt, Timestamp verifiedAt) {

    public boolean verified() {
      return "verified".equals(status);
    }
  }

  public record Counts(int open, int overdue) {
  }

  public String open(String agencyId, String cycleId, String branchCode, String branchName, String source,
      String problem, LocalDate deadline, String processInstanceId) {
    String id = newId();
    jdbc.update("""
        insert into lt_rectification (id, agency_id, cycle_id, branch_code, branch_name, source, problem, deadline,
          status, overdue, process_instance_id, opened_at)
        values (:id, :agency, :cycle, :branch, :branchName, :source, :problem, :deadline, 'open', false, :pi, :at)""",
        new MapSqlParameterSource().addValue("id", id).addValue("agency", agencyId).addValue("cycle", cycleId)
            .addValue("branch", branchCode).addValue("branchName", branchName).addValue("source", source)
            .addValue("problem", problem).addValue("deadline", deadline).addValue("pi", processInstanceId)
            .addValue("at", now()));
    return id;
  }

  public void markOverdue(String id) {
    jdbc.update("update lt_rectification set overdue = true where id = :id", Map.of("id", id));
  }

  /** Closes the rectification (销号) and answers the closed row. */
  public Rectification verify(String id) {
    jdbc.update("update lt_rectification set status = 'verified', verified_at = :at where id = :id",
        Map.of("id", id, "at", now()));
    return get(id);
  }

  /** What the accountability decision sees of a branch in a cycle: still open, and ever overdue. */
  public Counts counts(String cycleId, String branchCode) {
    return jdbc.queryForObject("""
        select coalesce(sum(case when status = 'open' then 1 else 0 end), 0),
               coalesce(sum(case when overdue then 1 else 0 end), 0)
        from lt_rectification where cycle_id = :cycle and branch_code = :branch""",
        Map.of("cycle", cycleId, "branch", branchCode), (rs, i) -> new Counts(rs.getInt(1), rs.getInt(2)));
  }

  public List<Rectification> ofCycle(String cycleId) {
    return jdbc.query("select * from lt_rectification where cycle_id = :cycle order by opened_at",
        Map.of("cycle", cycleId), (rs, i) -> row(rs));
  }

  public List<Rectification> ofAgencies(Collection<String> agencyIds) {
    return jdbc.query("select * from lt_rectification where agency_id in (:agencies) order by opened_at desc",
        Map.of("agencies", agencyIds), (rs, i) -> row(rs));
  }

  public Rectification get(String id) {
    return jdbc.query("select * from lt_rectification where id = :id", Map.of("id", id), (rs, i) -> row(rs))
        .stream().findFirst().orElse(null);
  }

  private static Rectification row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Rectification(rs.getString("id"), rs.getString("agency_id"), rs.getString("cycle_id"),
        rs.getString("branch_code"), rs.getString("branch_name"), rs.getString("source"), rs.getString("problem"),
        rs.getObject("deadline", LocalDate.class), rs.getString("status"), rs.getBoolean("overdue"),
        rs.getString("process_instance_id"), rs.getTimestamp("opened_at"), rs.getTimestamp("verified_at"));
  }
}
