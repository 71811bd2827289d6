package cn.liutong.system;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Due dates of user tasks, used in the models as {@code camunda:dueDate="${due.inDays(7)}"}: the number
 * of days stays in the model, where an administrator can change it in Modeler. Tasklist sorts by them
 * and the 已逾期 filter lists what is past them. A task is due at the end of its last day.
 */
@Component("due")
public class DueDates {

  public Date inDays(long days) {
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    return endOf(today.plusDays(days));
  }

  /** Due on a date given as YYYY-MM-DD (a rectification's deadline). */
  public Date on(String date) {
    return endOf(LocalDate.parse(date));
  }

  private static Date endOf(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(ZoneId.systemDefault()).toInstant());
  }
}
