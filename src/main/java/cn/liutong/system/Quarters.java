package cn.liutong.system;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The four quarters of a year, for counting ledger rows per quarter in SQL on H2 and PostgreSQL alike: a
 * {@code case} over the quarters' starts (midnight in the zone for a moment, the first day for a date) and a
 * range that keeps the year's rows. Bind the parameters with {@link #bind}.
 */
public final class Quarters {

  private final int year;
  private final List<Timestamp> starts = new ArrayList<>();
  private final List<LocalDate> days = new ArrayList<>();

  private Quarters(int year, ZoneId zone) {
    this.year = year;
    for (int q = 0; q <= 4; q++) {
      LocalDate day = LocalDate.of(year, 1, 1).plusMonths(3L * q);
      days.add(day);
      starts.add(Timestamp.from(day.atStartOfDay(zone).toInstant()));
    }
  }

  public static Quarters of(int year, ZoneId zone) {
    return new Quarters(year, zone);
  }

  public int year() {
    return year;
  }

  /** SQL: the quarter, 1 to 4, of a timestamp column. */
  public String ofMoment(String column) {
    return quarter(column, "qs");
  }

  /** SQL: whether a timestamp column falls in the year. */
  public String inYear(String column) {
    return column + " >= :qs1 and " + column + " < :qs5";
  }

  /** SQL: the quarter, 1 to 4, of a date column. */
  public String ofDay(String column) {
    return quarter(column, "qd");
  }

  /** SQL: whether a date column falls in the year. */
  public String inYearByDay(String column) {
    return column + " >= :qd1 and " + column + " < :qd5";
  }

  /** The parameters the fragments name. */
  public StatementSpec bind(StatementSpec statement) {
    StatementSpec bound = statement;
    for (int q = 0; q <= 4; q++) {
      bound = bound.param("qs" + (q + 1), starts.get(q)).param("qd" + (q + 1), days.get(q));
    }
    return bound;
  }

  private static String quarter(String column, String prefix) {
    return "case when " + column + " < :" + prefix + "2 then 1 when " + column + " < :" + prefix + "3 then 2 when "
        + column + " < :" + prefix + "4 then 3 else 4 end";
  }
}
