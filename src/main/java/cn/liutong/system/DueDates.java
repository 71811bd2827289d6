package cn.liutong.system;

import java.time.LocalDate;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Due dates of user tasks, used in the models as {@code camunda:dueDate="${due.inDays(7)}"}: the number
 * of days stays in the model, where an administrator can change it in Modeler. Tasklist sorts by them
 * and the 已逾期 filter lists what is past them. A task is due at the end of its last day, in the zone of
 * {@code liutong.time-zone} ({@link EngineClock}).
 */
@Component("due")
public class DueDates {

  private final EngineClock clock;

  DueDates(EngineClock clock) {
    this.clock = clock;
  }

  public Date inDays(long days) {
    return clock.endOf(clock.today().plusDays(days));
  }

  /** Due on a date given as YYYY-MM-DD (a rectification's deadline). */
  public Date on(String date) {
    return clock.endOf(LocalDate.parse(date));
  }
}
