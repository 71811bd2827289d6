package cn.liutong.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The application's one clock: the engine's time ({@link ClockUtil}, which the demo data and the tests set
 * back or freeze) in the zone of {@code liutong.time-zone}, whatever the JVM's zone. "Today", "tomorrow" and
 * "due at the end of the day" mean the same on every server, in every step and on every screen.
 */
@Component
public class EngineClock extends Clock {

  private final ZoneId zone;

  public EngineClock(@Value("${liutong.time-zone}") ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new EngineClock(other);
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LocalDate today() {
    return LocalDate.now(this);
  }

  /** The first instant of the day, as the engine takes dates. */
  public Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }

  /** The last second of the day: a task due on a day is not late before the day is over. */
  public Date endOf(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant());
  }

  /** The engine's time at that hour of the day. */
  public Date at(LocalDate day, LocalTime time) {
    return Date.from(day.atTime(time).atZone(zone).toInstant());
  }

  /** Now, as the ledgers record it: a moment, independent of any zone. */
  public static Timestamp timestamp() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  /** A new row id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
