package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.liutong.system.EngineClock;

/** The rounds' dates: quarter ends inside the period at 09:00 in the configured zone, or the demo interval. */
class InspectionCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final InspectionCalendar calendar = new InspectionCalendar(new EngineClock(SHANGHAI), "");

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aCalendarYearHasItsFourQuarterEnds() {
    assertThat(calendar.roundDates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 4)).containsExactly(
        at("2026-03-31T09:00+08:00"), at("2026-06-30T09:00+08:00"), at("2026-09-30T09:00+08:00"),
        at("2026-12-31T09:00+08:00"));
  }

  @Test
  void otherPeriodsHaveTheQuarterEndsInsideThem() {
    assertThat(calendar.roundDates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), 4)).as("half a year")
        .containsExactly(at("2026-03-31T09:00+08:00"), at("2026-06-30T09:00+08:00"));
    assertThat(calendar.roundDates(LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30), 4)).as("across the new year")
        .containsExactly(at("2026-09-30T09:00+08:00"), at("2026-12-31T09:00+08:00"), at("2027-03-31T09:00+08:00"),
            at("2027-06-30T09:00+08:00"));
  }

  @Test
  void roundsLimitTheQuarterEnds() {
    assertThat(calendar.roundDates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 2))
        .containsExactly(at("2026-03-31T09:00+08:00"), at("2026-06-30T09:00+08:00"));
    assertThat(calendar.roundDates(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 30), 4)).as("no quarter end").isEmpty();
  }

  @Test
  void theDemoIntervalGivesRoundsMinutesApartFromNow() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-05-06T10:00+08:00").toInstant()));
    InspectionCalendar demo = new InspectionCalendar(new EngineClock(SHANGHAI), "PT2M");
    assertThat(demo.roundDates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 3)).containsExactly(
        at("2026-05-06T10:02+08:00"), at("2026-05-06T10:04+08:00"), at("2026-05-06T10:06+08:00"));
  }

  private static ZonedDateTime at(String moment) {
    return OffsetDateTime.parse(moment).atZoneSameInstant(SHANGHAI);
  }
}
