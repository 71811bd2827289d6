package cn.liutong.meeting;

import static cn.liutong.meeting.MeetingProcess.Var.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * The meetings of a branch's 落实方案 (三会一课, 主题党日): checked when the plan is submitted (at least one, a
 * known type, a date within the cycle's period, a topic), then one {@code branch-meeting} instance is started
 * per meeting, in the same transaction as the plan. The form's own rules (its other fields, each meeting's type
 * and topic) come with {@link FormCheck}: this is the one server check of the form.
 */
@Component("meetingPlanForm")
class MeetingPlans implements TaskListener {

  /** One planned meeting as the form submits it. */
  record Planned(String type, LocalDate date, String topic) {
  }

  private final JsonVariables json;
  private final RuntimeService runtime;
  MeetingPlans(JsonVariables json, RuntimeService runtime) {
    this.json = json;
    this.runtime = runtime;
  }

  @Override
  public void notify(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    LocalDate start = day(task.getVariable("periodStart"));
    LocalDate end = day(task.getVariable("periodEnd"));
    List<Planned> meetings = read(json.read(task, MEETINGS), start, end, check);
    check.validate();
    for (Planned meeting : meetings) {
      runtime.createProcessInstanceByKey(MeetingProcess.KEY).setVariables(Variables.createVariables()
          .putValue(AGENCY_ID, task.getTenantId())
          .putValue(CYCLE_ID, task.getVariable(CYCLE_ID))
          .putValue(CYCLE_NAME, task.getVariable(CYCLE_NAME))
          .putValue(BRANCH_CODE, task.getVariable(BRANCH_CODE))
          .putValue(BRANCH_NAME, task.getVariable(BRANCH_NAME))
          .putValue(MEETING_TYPE, meeting.type())
          .putValue(MEETING_TYPE_LABEL, MeetingProcess.TYPES.get(meeting.type()))
          .putValue(PLANNED_DATE, meeting.date().toString())
          .putValue(PLANNED_AT, Date.from(meeting.date().atStartOfDay(ZoneId.systemDefault()).toInstant()))
          .putValue(TOPIC, meeting.topic()))
          .execute();
    }
  }

  /**
   * The submitted meetings; the form's own rules have checked each field (type, topic), this adds what needs
   * the cycle: a date inside its period. The problems name the meeting's position.
   */
  static List<Planned> read(JsonNode array, LocalDate start, LocalDate end, FormCheck check) {
    List<Planned> meetings = new ArrayList<>();
    if (!array.isArray() || array.isEmpty()) {
      check.require(false, "请至少计划一次“三会一课”或主题党日");
      return meetings;
    }
    check.require(array.size() <= 60, "一个周期最多计划60次会议");
    int position = 0;
    for (JsonNode node : array) {
      String at = "第" + (++position) + "次会议：";
      String type = node.path("type").asText("");
      String topic = node.path("topic").asText("").trim();
      String dateText = node.path("plannedDate").asText("");
      LocalDate date = parse(dateText);
      check.require(date != null || dateText.isBlank(), at + "请填写有效的计划日期"); // empty: the form's rule
      check.require(date == null || start == null || end == null || !date.isBefore(start) && !date.isAfter(end),
          at + "计划日期应在周期内（" + start + " 至 " + end + "）");
      meetings.add(new Planned(type, date, topic));
    }
    return meetings;
  }

  private static LocalDate parse(String text) {
    try {
      return text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate day(Object value) {
    return value == null ? null : parse(value.toString());
  }
}
