package cn.liutong.meeting;

import static cn.liutong.meeting.MeetingProcess.Var.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/** The steps of {@code branch-meeting}: each keeps lt_branch_meeting in step. */
@Configuration(proxyBeanMethods = false)
class MeetingDelegates {

  static final int REMINDED_PRIORITY = 80;

  /** The planned meeting enters the ledger; the record form will offer the branch's members as attendance. */
  @Bean
  JavaDelegate planMeetingDelegate(MeetingLedger ledger, OrganisationDirectory organisation, JsonVariables json) {
    return execution -> {
      String branch = (String) execution.getVariable(BRANCH_CODE);
      ledger.plan(execution.getProcessInstanceId(), execution.getTenantId(), (String) execution.getVariable(CYCLE_ID),
          branch, (String) execution.getVariable(BRANCH_NAME), (String) execution.getVariable(MEETING_TYPE),
          LocalDate.parse((String) execution.getVariable(PLANNED_DATE)), (String) execution.getVariable(TOPIC),
          (String) execution.getVariable(TOPIC_SOURCE_LABEL));
      List<String> ids = organisation.memberIds(branch);
      Map<String, String> names = organisation.userNames(ids);
      execution.setVariable(MEMBER_OPTIONS, json.json(ids.stream()
          .map(id -> Map.of("label", names.getOrDefault(id, id), "value", id)).toList()));
    };
  }

  /**
   * 记录会议: the date held (not in the future, not before the cycle's plan), who attended (only the branch's
   * members, at least one) and the minutes. Held more than {@link MeetingProcess#GRACE_DAYS} days after the
   * planned date it counts as 逾期召开.
   */
  @Bean
  TaskListener recordMeetingForm(MeetingLedger ledger, OrganisationDirectory organisation, JsonVariables json,
      EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      LocalDate today = clock.today();
      // the plan and the branch as the ledger has them, never as variables a client could have sent
      MeetingLedger.Meeting meeting = ledger.meeting(task.getProcessInstanceId());
      LocalDate planned = meeting.plannedDate();
      Object heldValue = task.getVariable(HELD_DATE);
      LocalDate held = null;
      try {
        held = heldValue == null ? null : LocalDate.parse(heldValue.toString().trim().substring(0, 10));
      } catch (RuntimeException e) {
        held = null;
      }
      check.require(held != null, "请填写召开日期");
      check.require(held == null || !held.isAfter(today), "召开日期不能晚于今天");
      check.require(held == null || !held.isBefore(planned.minusDays(30)), "召开日期不能早于计划日期30天以上");
      Set<String> members = new HashSet<>(organisation.memberIds(meeting.branchCode()));
      List<String> attendance = new ArrayList<>();
      JsonNode chosen = json.read(task, ATTENDANCE);
      if (chosen.isArray()) {
        chosen.forEach(a -> attendance.add(a.asText()));
      }
      check.require(!attendance.isEmpty(), "请选择参会党员");
      check.require(members.containsAll(attendance), "参会人员只能是本支部党员");
      check.require(new HashSet<>(attendance).size() == attendance.size(), "参会人员有重复");
      check.validate();
      String minutes = check.trimmed(MINUTES);
      boolean late = held.isAfter(planned.plusDays(MeetingProcess.GRACE_DAYS));
      ledger.record(task.getProcessInstanceId(), late, held, attendance, minutes, FormCheck.submitter(task));
    };
  }

  /**
   * When an inspection or scoring task of the cycle is created for a branch, the task gets the branch's meeting
   * record as a local variable ({@code meetingRecord}), shown read-only by inspect-branch and score-branch.
   */
  @Bean
  TaskListener meetingRecordText(MeetingLedger ledger, EngineClock clock) {
    return task -> {
      LocalDate today = clock.today();
      List<String> lines = ledger.ofBranch((String) task.getVariable(CYCLE_ID), (String) task.getVariable(BRANCH_CODE))
          .stream().map(m -> m.line(today)).toList();
      task.setVariableLocal(MEETING_RECORD, lines.isEmpty() ? "本支部未计划“三会一课”和主题党日。" : String.join("\n", lines));
    };
  }

  /** Not recorded long after its date: the meeting is entered as 未召开. */
  @Bean
  JavaDelegate missMeetingDelegate(MeetingLedger ledger) {
    return execution -> ledger.miss(execution.getProcessInstanceId());
  }

  /** A task past its due date moves up the lists of those who have it (优先). */
  @Bean
  JavaDelegate remindMeetingDelegate(TaskService tasks) {
    return execution -> tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
        .forEach(task -> tasks.setPriority(task.getId(), REMINDED_PRIORITY));
  }
}
