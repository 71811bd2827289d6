package cn.liutong.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The city overview's numbers, each counted by the database over the capabilities' ledger tables in one
 * statement for all agencies at once (never by reading rows or tasks one by one): items, item progress,
 * inspection findings, rectifications and assessment results. Read-only; the tables stay with the
 * capabilities that write them.
 */
@Repository
class CityFigures {

  private final JdbcClient jdbc;

  CityFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A cycle's responsibility items: all, signed for, and done by the branch's latest progress report. */
  record Items(String cycleId, int items, int signed, int done) {
  }

  /** A cycle's rectifications: all, not yet verified, verified, and ever overdue. */
  record Rectifications(String cycleId, int total, int open, int verified, int overdue) {
  }

  /** A cycle's assessment results of one grade: how many branches, their weighted scores' sum, approved. */
  record Grade(String cycleId, String grade, int branches, BigDecimal scoreSum, int approved) {
  }

  /** What happened in one agency in one quarter (1 to 4) of a year. */
  record Quarter(String agencyId, int quarter, int inspections, int problemsFound, int opened, int closed, int overdue) {
  }

  private record Counted(String agencyId, int quarter, int count, int flagged) {
  }

  List<Items> items(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select i.cycle_id, count(*) as items, count(i.signed_at) as signed,
               sum(case when exists (select 1 from lt_item_progress p where p.item_id = i.id and p.status = 'done'
                   and not exists (select 1 from lt_item_progress q where q.item_id = p.item_id
                       and (q.reported_at > p.reported_at or (q.reported_at = p.reported_at and q.round > p.round))))
                   then 1 else 0 end) as done
        from lt_responsibility_item i where i.cycle_id in (:cycles) group by i.cycle_id""")
        .param("cycles", cycleIds).query(Items.class).list();
  }

  List<Rectifications> rectifications(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select cycle_id, count(*) as total,
               sum(case when status = 'verified' then 0 else 1 end) as open,
               sum(case when status = 'verified' then 1 else 0 end) as verified,
               sum(case when overdue then 1 else 0 end) as overdue
        from lt_rectification where cycle_id in (:cycles) group by cycle_id""")
        .param("cycles", cycleIds).query(Rectifications.class).list();
  }

  List<Grade> grades(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select cycle_id, grade, count(*) as branches, sum(weighted_score) as score_sum,
               sum(case when approved then 1 else 0 end) as approved
        from lt_assessment_result where cycle_id in (:cycles) group by cycle_id, grade""")
        .param("cycles", cycleIds).query(Grade.class).list();
  }

  /**
   * Per agency and quarter of the year: inspections recorded (督查) and those that found a problem, by the
   * day of the inspection; rectifications opened, verified (closed), and overdue, by the day opened, verified
   * and the deadline. Quarters begin at midnight in {@code zone}.
   */
  List<Quarter> quarters(int year, ZoneId zone) {
    Timestamp[] starts = new Timestamp[5];
    for (int q = 0; q <= 4; q++) {
      starts[q] = Timestamp.from(LocalDate.of(year, 1, 1).plusMonths(3L * q).atStartOfDay(zone).toInstant());
    }
    List<Counted> inspections = counted("""
        select c.agency_id, f.inspected_at as happened_at, case when f.problems_found then 1 else 0 end as flag
        from lt_inspection_finding f join lt_cycle c on c.id = f.cycle_id""", starts);
    List<Counted> opened = counted("select agency_id, opened_at as happened_at, 0 as flag from lt_rectification", starts);
    List<Counted> closed = counted("select agency_id, verified_at as happened_at, 0 as flag from lt_rectification", starts);
    // a deadline is a day: the quarter it falls in, with the day's start as its moment
    LocalDate[] days = new LocalDate[5];
    for (int q = 0; q <= 4; q++) {
      days[q] = LocalDate.of(year, 1, 1).plusMonths(3L * q);
    }
    List<Counted> overdue = jdbc.sql("""
        select agency_id, quarter, count(*) as count, 0 as flagged from (
          select agency_id, case when deadline < :d2 then 1 when deadline < :d3 then 2 when deadline < :d4 then 3 else 4 end
                 as quarter
          from lt_rectification where overdue and deadline >= :d1 and deadline < :d5) x
        group by agency_id, quarter""")
        .param("d1", days[0]).param("d2", days[1]).param("d3", days[2]).param("d4", days[3]).param("d5", days[4])
        .query(Counted.class).list();
    Map<String, Quarter> all = new TreeMap<>();
    inspections.forEach(c -> all.merge(c.agencyId() + "#" + c.quarter(),
        new Quarter(c.agencyId(), c.quarter(), c.count(), c.flagged(), 0, 0, 0), CityFigures::sum));
    opened.forEach(c -> all.merge(c.agencyId() + "#" + c.quarter(),
        new Quarter(c.agencyId(), c.quarter(), 0, 0, c.count(), 0, 0), CityFigures::sum));
    closed.forEach(c -> all.merge(c.agencyId() + "#" + c.quarter(),
        new Quarter(c.agencyId(), c.quarter(), 0, 0, 0, c.count(), 0), CityFigures::sum));
    overdue.forEach(c -> all.merge(c.agencyId() + "#" + c.quarter(),
        new Quarter(c.agencyId(), c.quarter(), 0, 0, 0, 0, c.count()), CityFigures::sum));
    return List.copyOf(all.values());
  }

  /** Rows of {@code (agency_id, happened_at, flag)} counted per agency and quarter of {@code at}, flags summed. */
  private List<Counted> counted(String rows, Timestamp[] starts) {
    return jdbc.sql("select agency_id, quarter, count(*) as count, sum(flag) as flagged from ("
        + " select agency_id, flag, case when happened_at < :q2 then 1 when happened_at < :q3 then 2 when happened_at < :q4 then 3 else 4 end as quarter"
        + " from (" + rows + ") r where happened_at >= :q1 and happened_at < :q5) x group by agency_id, quarter")
        .param("q1", starts[0]).param("q2", starts[1]).param("q3", starts[2]).param("q4", starts[3])
        .param("q5", starts[4]).query(Counted.class).list();
  }

  private static Quarter sum(Quarter a, Quarter b) {
    return new Quarter(a.agencyId(), a.quarter(), a.inspections() + b.inspections(),
        a.problemsFound() + b.problemsFound(), a.opened() + b.opened(), a.closed() + b.closed(),
        a.overdue() + b.overdue());
  }
}
