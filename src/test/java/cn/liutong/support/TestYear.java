package cn.liutong.support;

import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The year the tests' cycles run in: the engine clock's year (a {@link FrozenClock} included) in the JVM's zone, which
 * the build sets to the application's {@code liutong.time-zone}. A cycle whose period has ended cannot be started, so a
 * test that is not frozen takes its period, dates and names from here instead of writing a year.
 */
public final class TestYear {

  private TestYear() {
  }

  public static int year() {
    return today().getYear();
  }

  /** The engine clock's day, which the application takes as today. */
  public static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
  }

  /** {@code "03-15"} → this year's 15 March as {@code 2026-03-15}. */
  public static String date(String monthDay) {
    return year() + "-" + monthDay;
  }

  /** The default cycle's name: {@code 2026年度党建与业务融合工作}. */
  public static String cycleName() {
    return year() + "年度党建与业务融合工作";
  }
}
