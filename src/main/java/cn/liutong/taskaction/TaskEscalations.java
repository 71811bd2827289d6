package cn.liutong.taskaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.liutong.notification.TaskMessages;
import cn.liutong.organisation.GroupIds;
import cn.liutong.system.EngineReads;

/**
 * Nothing waits on one person: every open user task past its due date, of every model, is escalated (督办) up the
 * organisation, one level as soon as it is overdue and one more level each {@code liutong.task-actions.escalation-step}
 * after that — a member's task to the branch's secretaries, then the agency's committee, then its party group; a
 * branch's task to the committee, then the party group; the committee's own task to the party group. Each level
 * once per task, recorded like a person's action (a row {@code escalate} of {@code lt_task_action}, actor
 * {@code system}, and a comment on the task) with a 督办 message to the unit's people. The reminders before and at
 * the due date are the notification module's ({@code TaskReminders}: 明日到期, 已逾期).
 */
@Component
class TaskEscalations {

  static final String SYSTEM = "system";
  private static final Logger LOG = LoggerFactory.getLogger(TaskEscalations.class);
  private static final int MAX_TASKS = 5000;

  private final TaskService tasks;
  private final IdentityService identity;
  private final TaskActions actions;
  private final TaskMessages messages;
  private final JdbcClient jdbc;
  private final Duration step;

  TaskEscalations(TaskService tasks, IdentityService identity, TaskActions actions, TaskMessages messages, JdbcClient jdbc,
      @Value("${liutong.task-actions.escalation-step:P3D}") Duration step) {
    this.tasks = tasks;
    this.identity = identity;
    this.actions = actions;
    this.messages = messages;
    this.jdbc = jdbc;
    this.step = step;
  }

  @Scheduled(cron = "${liutong.notifications.due-scan-cron}", zone = "${liutong.time-zone}")
  void scheduled() {
    try {
      LOG.debug("Escalation scan: {} escalations", scan());
    } catch (RuntimeException e) {
      LOG.warn("Escalation scan failed: {}", e.toString());
    }
  }

  /** One scan over the overdue tasks; the number of escalations recorded. */
  int scan() {
    Date now = ClockUtil.getCurrentTime();
    List<Task> overdue = EngineReads.withoutCaller(identity,
        () -> tasks.createTaskQuery().active().dueBefore(now).orderByDueDate().asc().listPage(0, MAX_TASKS));
    int recorded = 0;
    for (Task task : overdue) {
      if (task.getTenantId() == null) {
        continue;
      }
      try {
        recorded += escalate(task, now);
      } catch (RuntimeException e) { // one task's trouble (completed meanwhile) does not stop the others
        LOG.debug("Escalation of task {} skipped: {}", task.getId(), e.toString());
      }
    }
    return recorded;
  }

  private int escalate(Task task, Date now) {
    TaskActions.Work work = EngineReads.withoutCaller(identity, () -> actions.classify(task));
    List<String> chain = chain(work);
    long levels = Math.min(chain.size(), 1 + (now.getTime() - task.getDueDate().getTime()) / step.toMillis());
    int recorded = 0;
    for (int level = 0; level < levels; level++) {
      String unit = chain.get(level);
      if (escalated(task.getId(), unit)) {
        continue;
      }
      List<String> people = EngineReads.withoutCaller(identity,
          () -> identity.createUserQuery().memberOfGroup(unit).orderByUserId().asc().list()).stream().map(User::getId).toList();
      long days = Duration.ofMillis(now.getTime() - task.getDueDate().getTime()).toDays();
      String comment = "督办：任务已逾期" + (days > 0 ? days + "天" : "") + "，已提请" + UNIT_NAMES.get(kind(work, unit)) + "督促办理";
      actions.record(work, TaskAction.ESCALATE, SYSTEM, List.of(unit), "逾期" + days + "天", comment,
          id -> messages.escalated(task, people, id));
      recorded++;
    }
    return recorded;
  }

  /** The units above the task's holder, nearest first. */
  static List<String> chain(TaskActions.Work work) {
    String agency = work.agencyId();
    List<String> chain = new ArrayList<>();
    switch (work.level()) {
      case MEMBER -> {
        chain.add(GroupIds.branchSecretaries(work.branchCode()));
        chain.add(GroupIds.committee(agency));
        chain.add(GroupIds.partyGroup(agency));
      }
      case BRANCH -> {
        chain.add(GroupIds.committee(agency));
        chain.add(GroupIds.partyGroup(agency));
      }
      case AGENCY -> {
        if (work.candidateGroups().contains(GroupIds.committee(agency))) {
          chain.add(GroupIds.partyGroup(agency));
        }
      }
      case COSIGN -> {
        // a co-sign task is due with its task, which is escalated: the co-signer is only reminded
      }
    }
    return chain;
  }

  private static final Map<String, String> UNIT_NAMES = Map.of("secretaries", "支部书记", "committee", "机关党委",
      "partyGroup", "党组");

  private static String kind(TaskActions.Work work, String unit) {
    return unit.equals(GroupIds.committee(work.agencyId())) ? "committee"
        : unit.equals(GroupIds.partyGroup(work.agencyId())) ? "partyGroup" : "secretaries";
  }

  private boolean escalated(String taskId, String unit) {
    return jdbc.sql("select count(*) from lt_task_action where task_id = :task and action = :action and targets = :unit")
        .param("task", taskId).param("action", TaskAction.ESCALATE.path()).param("unit", unit)
        .query(Integer.class).single() > 0;
  }
}
