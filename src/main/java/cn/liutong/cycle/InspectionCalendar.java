package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;

/**
 * When the committee's inspection rounds (常态化季度督查) fall: at the end of each quarter inside the cycle's
 * period (31 March, 30 June, 30 September, 31 December, at {@link #ROUND_TIME} in the zone of
 * {@code liutong.time-zone}), the first {@code inspectionRounds} of them. All branches are inspected in the
 * same round, so the committee inspects the whole agency once a quarter. A round whose date has passed when
 * the cycle reaches it starts at once.
 *
 * <p>Only for demonstrations: with {@code liutong.cycle.demo-inspection-interval} set (the demo profile), a
 * round starts that long after the previous one closed (or after supervision began), so a demo sees the rounds
 * within minutes. Nobody can choose the interval on the start form.
 */
@Component
public class InspectionCalendar {

  /** The time of day a quarter's round starts. */
  public static final LocalTime ROUND_TIME = LocalTime.of(9, 0);

  private final EngineClock clock;
  private final Duration demoInterval;

  InspectionCalendar(EngineClock clock, @Value("${liutong.cycle.demo-inspection-interval:}") String demoInterval) {
    this.clock = clock;
    this.demoInterval = demoInterval == null || demoInterval.isBlank() ? null : Duration.parse(demoInterval.trim());
  }

  /** The quarter ends inside {@code [start, end]}, at most {@code rounds}, as the rounds' start times. */
  public List<ZonedDateTime> quarterEnds(LocalDate start, LocalDate end, int rounds) {
    List<ZonedDateTime> dates = new ArrayList<>();
    LocalDate quarterEnd = start.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(2).with(TemporalAdjusters.lastDayOfMonth());
    for (; !quarterEnd.isAfter(end) && dates.size() < rounds;
        quarterEnd = quarterEnd.plusMonths(3).with(TemporalAdjusters.lastDayOfMonth())) {
      if (!quarterEnd.isBefore(start)) {
        dates.add(quarterEnd.atTime(ROUND_TIME).atZone(clock.getZone()));
      }
    }
    return dates;
  }

  /** The rounds of a cycle starting now: quarter ends, or (demo) one interval after another from now. */
  public List<ZonedDateTime> roundDates(LocalDate start, LocalDate end, int rounds) {
    if (demoInterval == null) {
      return quarterEnds(start, end, rounds);
    }
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), clock.getZone());
    return IntStream.rangeClosed(1, rounds).mapToObj(k -> now.plus(demoInterval.multipliedBy(k))).toList();
  }

  /** When the cycle's current round ({@code inspectionRound}) starts: the timer of {@code TimerEvent_InspectionDue}. */
  public Date roundDue(DelegateExecution execution) {
    if (demoInterval != null) {
      return Date.from(clock.instant().plus(demoInterval));
    }
    int round = ((Number) execution.getVariable(INSPECTION_ROUND)).intValue();
    int rounds = ((Number) execution.getVariable(INSPECTION_ROUNDS)).intValue();
    List<ZonedDateTime> dates = quarterEnds(day(execution.getVariable(PERIOD_START)), day(execution.getVariable(PERIOD_END)),
        rounds);
    // the start form refused a period with fewer quarter ends than rounds; a model edited since starts the rest now
    return round <= dates.size() ? Date.from(dates.get(round - 1).toInstant()) : Date.from(clock.instant());
  }

  /**
   * Refuses a start form the calendar cannot serve: a period already over, no quarter end inside it, more
   * rounds than it has quarter ends (with the demo interval: rounds that would run past its end).
   */
  public void check(FormCheck check, LocalDate start, LocalDate end, Integer rounds) {
    if (start == null || end == null || rounds == null || rounds < 1 || !end.isAfter(start)) {
      return; // the form's own rules and the period check have answered
    }
    LocalDate today = clock.today();
    check.require(!end.isBefore(today), "周期结束日期（" + end + "）早于今天，不能发起已经结束的周期");
    if (demoInterval != null) {
      List<ZonedDateTime> dates = roundDates(start, end, rounds);
      check.require(!dates.get(dates.size() - 1).toInstant().isAfter(clock.endOf(end).toInstant()),
          "按演示督查间隔，" + rounds + "轮督查将超出周期结束日期（" + end + "），请减少督查轮次或延长周期");
      return;
    }
    int quarters = quarterEnds(start, end, Integer.MAX_VALUE).size();
    if (quarters == 0) {
      check.require(false, "周期内没有季度末（3月31日、6月30日、9月30日、12月31日），无法安排季度督查，请调整周期起止日期");
    } else {
      check.require(rounds <= quarters, "周期内只有" + quarters + "个季度末，督查轮次不能超过" + quarters + "轮");
    }
  }

  static LocalDate day(Object value) {
    String text = String.valueOf(value);
    return LocalDate.parse(text.substring(0, Math.min(10, text.length())));
  }
}
