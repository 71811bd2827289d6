package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.junit.jupiter.api.Test;

import cn.liutong.support.FrozenClock;

/**
 * Today, due dates and timestamps follow liutong.time-zone and the engine's clock, not the JVM's zone: the
 * zones here are a day apart from the JVM's (tests run in Asia/Shanghai) at the frozen moment.
 */
@FrozenClock("2026-03-31T23:30+08:00")
class EngineClockTest {

  private final EngineClock kiritimati = new EngineClock(ZoneId.of("Pacific/Kiritimati")); // UTC+14
  private final EngineClock honolulu = new EngineClock(ZoneId.of("Pacific/Honolulu")); // UTC-10

  @Test
  void todayIsTheDayInTheConfiguredZone() {
    assertThat(kiritimati.today()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(honolulu.today()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(new EngineClock(ZoneId.of("Asia/Shanghai")).today()).isEqualTo(LocalDate.of(2026, 3, 31));
  }

  @Test
  void aTaskIsDueAtTheEndOfItsLastDayInTheConfiguredZone() {
    assertThat(new DueDates(kiritimati).inDays(7))
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-04-08T23:59:59+14:00").toInstant()));
    assertThat(new DueDates(honolulu).on("2026-04-30"))
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-04-30T23:59:59-10:00").toInstant()));
  }

  @Test
  void theClockIsTheEnginesClock() {
    assertThat(kiritimati.instant()).isEqualTo(OffsetDateTime.parse("2026-03-31T23:30+08:00").toInstant());
    assertThat(EngineClock.timestamp().toInstant()).isEqualTo(kiritimati.instant());
    assertThat(kiritimati.startOf(LocalDate.of(2026, 4, 1)))
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-04-01T00:00+14:00").toInstant()));
  }
}
