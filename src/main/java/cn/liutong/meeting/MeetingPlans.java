package cn.liutong.meeting;

import static cn.liutong.meeting.MeetingProcess.Var.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * The meetings a branch plans (三会一课, 主题党日), in two places, each the one server check of its form:
 * <ul>
 * <li>{@code meetingPlanForm}, on 制定落实方案: at least one meeting; each topic's source (议题来源) one that the
 * task offered this branch (its responsibility items, the business difficulties of its plan, another topic);</li>
 * <li>{@code progressReportMeetingsForm}, on 报告进展: optional meetings that take up the difficulties the report
 * states (a report without difficulties cannot plan them), no earlier than today.</li>
 * </ul>
 * The forms' own rules check each field (type, date given, topic); this adds what needs the cycle or the task: a
 * date within the cycle's period, a topic source offered. Then one {@code branch-meeting} instance is started per
 * meeting, in the same transaction as the form.
 */
@Configuration(proxyBeanMethods = false)
class MeetingPlans {

  /** One planned meeting as the form submits it, with where its topic comes from in people's words. */
  record Planned(String type, LocalDate date, String topic, String topicSourceLabel) {
  }

  /** The most meetings one form may plan. */
  static final int MAX_MEETINGS = 60;

  @Bean
  TaskListener meetingPlanForm(JsonVariables json, RuntimeService runtime, EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      JsonNode meetings = json.read(task, MEETINGS);
      if (!meetings.isArray() || meetings.isEmpty()) {
        check.require(false, "请至少计划一次“三会一课”或主题党日");
      }
      Map<String, String> sources = sources(json.read(task, MEETING_TOPIC_OPTIONS));
      // an empty source is the form's own rule (required); a value the task did not offer is refused here
      List<Planned> planned = read(meetings, node -> {
        String source = node.path(MeetingProcess.Row.TOPIC_SOURCE).asText("");
        return source.isBlank() ? "" : sources.get(source);
      }, "请从所列选项中选择议题来源", period(task, null), check);
      check.validate();
      start(runtime, clock, task, planned);
    };
  }

  @Bean
  TaskListener progressReportMeetingsForm(JsonVariables json, RuntimeService runtime, EngineClock clock,
      @Qualifier("progressReportForm") TaskListener progressReportForm) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      JsonNode meetings = json.read(task, DIFFICULTY_MEETINGS);
      boolean any = meetings.isArray() && !meetings.isEmpty();
      Object difficulties = task.getVariable(DIFFICULTIES);
      if (any && (difficulties == null || difficulties.toString().isBlank())) {
        check.require(false, "安排会议研究困难的，请先填写存在的困难");
        check.validate();
      }
      String source = "第" + task.getVariable(INSPECTION_ROUND) + "轮进展报告所列困难";
      List<Planned> planned = any ? read(meetings, node -> source, null, period(task, clock.today()), check) : List.of();
      check.validate();
      progressReportForm.notify(task);
      start(runtime, clock, task, planned);
      // Forms pre-fill from variables of the same name: the next round's report starts with no meetings.
      task.setVariable(DIFFICULTY_MEETINGS, SpinValues.jsonValue("[]").create());
    };
  }

  /** The days a meeting may be planned on: the cycle's period, and from {@code earliest} if given. */
  record Period(LocalDate start, LocalDate end, LocalDate earliest) {

    boolean contains(LocalDate date) {
      return (start == null || !date.isBefore(start)) && (end == null || !date.isAfter(end))
          && (earliest == null || !date.isBefore(earliest));
    }

    String refusal() {
      return earliest == null ? "计划日期应在周期内（" + start + " 至 " + end + "）"
          : "计划日期应在周期内（" + start + " 至 " + end + "）且不早于今天";
    }
  }

  private static Period period(DelegateTask task, LocalDate earliest) {
    return new Period(day(task.getVariable(CycleProcess.Var.PERIOD_START)), day(task.getVariable(CycleProcess.Var.PERIOD_END)),
        earliest);
  }

  /** The offered topic sources: value → label. */
  static Map<String, String> sources(JsonNode options) {
    Map<String, String> sources = new LinkedHashMap<>();
    options.forEach(option -> sources.put(option.path("value").asText(), option.path("label").asText()));
    return sources;
  }

  /**
   * The submitted meetings, each checked; the problems name the meeting's position. {@code sourceOf} gives a
   * meeting's topic source label, or null when the meeting names none the task offered ({@code noSource} says
   * so).
   */
  static List<Planned> read(JsonNode array, Function<JsonNode, String> sourceOf, String noSource, Period period,
      FormCheck check) {
    List<Planned> meetings = new ArrayList<>();
    if (!array.isArray()) {
      return meetings;
    }
    check.require(array.size() <= MAX_MEETINGS, "一个周期最多计划" + MAX_MEETINGS + "次会议");
    int position = 0;
    for (JsonNode node : array) {
      String at = "第" + (++position) + "次会议：";
      String type = node.path(MeetingProcess.Row.TYPE).asText("");
      String topic = node.path(MeetingProcess.Row.TOPIC).asText("").trim();
      String dateText = node.path(MeetingProcess.Row.PLANNED_DATE).asText("");
      LocalDate date = parse(dateText);
      String source = sourceOf.apply(node);
      check.require(date != null || dateText.isBlank(), at + "请填写有效的计划日期"); // empty: the form's rule
      check.require(date == null || period.contains(date), at + period.refusal());
      check.require(source != null, at + noSource);
      meetings.add(new Planned(type, date, topic, source));
    }
    return meetings;
  }

  /** One {@code branch-meeting} per planned meeting, for the task's branch and cycle. */
  private static void start(RuntimeService runtime, EngineClock clock, DelegateTask task, List<Planned> meetings) {
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
          .putValue(PLANNED_AT, clock.startOf(meeting.date()))
          .putValue(TOPIC, meeting.topic())
          .putValue(TOPIC_SOURCE_LABEL, meeting.topicSourceLabel()))
          .execute();
    }
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
