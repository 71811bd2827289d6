package cn.liutong.rectification;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.liutong.cycle.CycleClosed;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.system.Quarters;

/**
 * Rectifications (整改) of every source: status, deadline, overdue, verification (销号). What is not verified
 * when its cycle closes is carried over to the agency's next cycle.
 */
@Repository
public class RectificationLedger {

  private final JdbcClient jdbc;
  private final CycleLedger cycles;

  RectificationLedger(JdbcClient jdbc, CycleLedger cycles) {
    this.jdbc = jdbc;
    this.cycles = cycles;
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

  /** A branch's request for a later deadline (延期申请) and the committee's decision on it. */
  public record Extension(String id, String rectificationId, String branchCode, LocalDate deadlineBefore, LocalDate requestedDeadline,
      String reason, String status, String requestedBy, Timestamp requestedAt, String decisionNote, String decidedBy,
      Timestamp decidedAt) {
  }

  public String open(String agencyId, String cycleId, String branchCode, String branchName, String source,
      String problem, LocalDate deadline, String processInstanceId) {
    String id = newId();
    jdbc.sql("""
        insert into lt_rectification (id, agency_id, cycle_id, branch_code, branch_name, source, problem, deadline,
          status, overdue, process_instance_id, opened_at)
        values (:id, :agency, :cycle, :branch, :branchName, :source, :problem, :deadline, 'open', false, :pi, :at)""")
        .param("id", id).param("agency", agencyId).param("cycle", cycleId).param("branch", branchCode)
        .param("branchName", branchName).param("source", source).param("problem", problem)
        .param("deadline", deadline).param("pi", processInstanceId).param("at", timestamp()).update();
    return id;
  }

  public void markOverdue(String id) {
    jdbc.sql("update lt_rectification set overdue = true where id = :id").param("id", id).update();
  }

  /** Closes the rectification (销号) and answers the closed row. */
  public Rectification verify(String id) {
    jdbc.sql("update lt_rectification set status = 'verified', verified_at = :at where id = :id")
        .param("id", id).param("at", timestamp()).update();
    return get(id);
  }

  /** Records a request for a later deadline; the caller has checked the date and that none is pending. */
  public void requestExtension(Rectification rectification, LocalDate requestedDeadline, String reason,
      String requestedBy) {
    jdbc.sql("""
        insert into lt_rectification_extension (id, rectification_id, agency_id, branch_code, deadline_before,
          requested_deadline, reason, status, requested_by, requested_at)
        values (:id, :rectification, :agency, :branch, :before, :requested, :reason, 'pending', :by, :at)""")
        .param("id", newId()).param("rectification", rectification.id()).param("agency", rectification.agencyId())
        .param("branch", rectification.branchCode()).param("before", rectification.deadline())
        .param("requested", requestedDeadline).param("reason", reason).param("by", requestedBy)
        .param("at", timestamp()).update();
  }

  /** The request waiting for the committee, if any (there is at most one). */
  public Optional<Extension> pendingExtension(String rectificationId) {
    return jdbc.sql("select * from lt_rectification_extension where rectification_id = :id and status = 'pending'")
        .param("id", rectificationId).query(Extension.class).optional();
  }

  /** The committee's decision on the pending request. */
  public void decideExtension(String rectificationId, boolean approved, String note, String decidedBy) {
    jdbc.sql("""
        update lt_rectification_extension set status = :status, decision_note = :note, decided_by = :by, decided_at = :at
        where rectification_id = :id and status = 'pending'""")
        .param("status", approved ? "approved" : "refused").param("note", note).param("by", decidedBy)
        .param("at", timestamp()).param("id", rectificationId).update();
  }

  /**
   * The latest approved request's date becomes the deadline in force, which is answered. Each approved date is after
   * the deadline it replaced, so the latest is the latest date.
   */
  public LocalDate applyApprovedExtension(String rectificationId) {
    LocalDate deadline = extensions(rectificationId).stream().filter(e -> "approved".equals(e.status()))
        .map(Extension::requestedDeadline).max(LocalDate::compareTo).orElseThrow();
    jdbc.sql("update lt_rectification set deadline = :deadline where id = :id")
        .param("deadline", deadline).param("id", rectificationId).update();
    return deadline;
  }

  /** Every request of a cycle's rectifications, oldest first. */
  public List<Extension> extensionsOfCycle(String cycleId) {
    return jdbc.sql("""
        select e.* from lt_rectification_extension e join lt_rectification r on r.id = e.rectification_id
        where r.cycle_id = :cycle order by e.requested_at, e.id""")
        .param("cycle", cycleId).query(Extension.class).list();
  }

  /** Every request of a rectification, oldest first. */
  public List<Extension> extensions(String rectificationId) {
    return jdbc.sql("select * from lt_rectification_extension where rectification_id = :id order by requested_at, id")
        .param("id", rectificationId).query(Extension.class).list();
  }

  /**
   * What the accountability decision sees of a branch in a cycle, still open and ever overdue, of every rectification
   * of the cycle whenever opened: found during the cycle (inspection, assessment, feedback), carried over into it
   * from the agency's last cycle, or opened from feedback while the agency had no cycle running (after its previous
   * cycle started and before this one did).
   */
  public Counts counts(String cycleId, String branchCode) {
    return jdbc.sql("""
        select coalesce(sum(case when r.status = 'open' then 1 else 0 end), 0) as open,
               coalesce(sum(case when r.overdue then 1 else 0 end), 0) as overdue
        from lt_rectification r join lt_cycle c on c.id = :cycle
        where r.branch_code = :branch and (r.cycle_id = c.id
          or exists (select 1 from lt_carry_over o where o.id = 'rect-' || r.id and o.to_cycle_id = c.id)
          or r.cycle_id is null and r.agency_id = c.agency_id and r.opened_at < c.started_at
             and r.opened_at >= coalesce((select max(p.started_at) from lt_cycle p
               where p.agency_id = c.agency_id and p.started_at < c.started_at), r.opened_at))""")
        .param("cycle", cycleId).param("branch", branchCode).query(Counts.class).single();
  }

  /** A cycle's rectifications: all, not yet verified, verified (销号), and ever overdue. */
  public record CycleCounts(String cycleId, int total, int open, int verified, int overdue) {
  }

  /** One agency in one quarter: rectifications opened, verified, and overdue (by their deadline's quarter). */
  public record QuarterCounts(String agencyId, int quarter, int opened, int closed, int overdue) {
  }

  public List<CycleCounts> countsOfCycles(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select cycle_id, count(*) as total,
               sum(case when status = 'verified' then 0 else 1 end) as open,
               sum(case when status = 'verified' then 1 else 0 end) as verified,
               sum(case when overdue then 1 else 0 end) as overdue
        from lt_rectification where cycle_id in (:cycles) group by cycle_id""")
        .param("cycles", cycleIds).query(CycleCounts.class).list();
  }

  /** Every agency's rectifications per quarter of the year, counted by the database. */
  public List<QuarterCounts> byQuarter(Quarters quarters) {
    return quarters.bind(jdbc.sql("""
        select agency_id, quarter, sum(opened) as opened, sum(closed) as closed, sum(late) as overdue from (
          select agency_id, %s as quarter, 1 as opened, 0 as closed, 0 as late from lt_rectification where %s
          union all
          select agency_id, %s, 0, 1, 0 from lt_rectification where %s
          union all
          select agency_id, %s, 0, 0, 1 from lt_rectification where overdue and %s) x
        group by agency_id, quarter""".formatted(quarters.ofMoment("opened_at"), quarters.inYear("opened_at"),
        quarters.ofMoment("verified_at"), quarters.inYear("verified_at"), quarters.ofDay("deadline"),
        quarters.inYearByDay("deadline")))).query(QuarterCounts.class).list();
  }

  public List<Rectification> ofCycle(String cycleId) {
    return jdbc.sql("select * from lt_rectification where cycle_id = :cycle order by opened_at")
        .param("cycle", cycleId).query(Rectification.class).list();
  }

  public List<Rectification> ofAgencies(Collection<String> agencyIds) {
    return jdbc.sql("select * from lt_rectification where agency_id in (:agencies) order by opened_at desc")
        .param("agencies", agencyIds).query(Rectification.class).list();
  }

  public Rectification get(String id) {
    return jdbc.sql("select * from lt_rectification where id = :id").param("id", id).query(Rectification.class)
        .optional().orElse(null);
  }

  /** Not verified when its cycle closes: the next cycle takes it up. */
  @EventListener
  void carryOverOpen(CycleClosed closed) {
    ofCycle(closed.cycleId()).stream().filter(r -> "open".equals(r.status()))
        .forEach(r -> cycles.carryOver("rect-" + r.id(), r.agencyId(), r.cycleId(), r.branchCode(), r.branchName(),
            "未销号整改（" + r.deadline() + "到期）：" + r.problem()));
  }
}
