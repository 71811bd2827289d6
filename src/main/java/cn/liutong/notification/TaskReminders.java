package cn.liutong.notification;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.liutong.system.EngineClock;
import cn.liutong.system.EngineReads;

/**
 * Reminders about open tasks. The due-date reminders: every {@code liutong.notifications.due-scan-cron} the open tasks due tomorrow
 * (明日到期) and those past their due date (已逾期) are written to the outbox, once per task and kind (the
 * event key), whatever the number of scans or nodes. And 催办, once a day per task ({@link UrgeController}),
 * kept as a comment on the task so that its history shows who urged and when (留痕).
 */
@Component
class TaskReminders {

  private static final Logger LOG = LoggerFactory.getLogger(TaskReminders.class);
  private static final int MAX_TASKS = 5000;

  private final TaskService tasks;
  private final IdentityService identity;
  private final Notifier notifier;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  TaskReminders(TaskService tasks, IdentityService identity, Notifier notifier, Outbox outbox,
      PlatformTransactionManager transactionManager, EngineClock clock) {
    this.tasks = tasks;
    this.identity = identity;
    this.notifier = notifier;
    this.outbox = outbox;
    this.transaction = new TransactionTemplate(transactionManager);
    this.zone = clock.getZone();
  }

  @Scheduled(cron = "${liutong.notifications.due-scan-cron}", zone = "${liutong.time-zone}")
  void scheduled() {
    try {
      LOG.debug("Due scan: {} messages", scan());
    } catch (RuntimeException e) {
      LOG.warn("Due scan failed: {}", e.toString());
    }
  }

  /** One scan; the number of messages written. */
  int scan() {
    Date now = ClockUtil.getCurrentTime();
    LocalDate today = now.toInstant().atZone(zone).toLocalDate();
    Date tomorrow = Date.from(today.plusDays(1).atStartOfDay(zone).toInstant());
    Date dayAfter = Date.from(today.plusDays(2).atStartOfDay(zone).toInstant());
    List<Task> due = EngineReads.withoutCaller(identity,
        () -> tasks.createTaskQuery().active().dueBefore(dayAfter).orderByDueDate().asc().listPage(0, MAX_TASKS));
    int written = 0;
    for (Task task : due) {
      Kind kind = task.getDueDate().before(now) ? Kind.OVERDUE : task.getDueDate().before(tomorrow) ? null
          : Kind.DUE_TOMORROW;
      String event = kind == null ? null : kind.name() + ":" + task.getId();
      if (event != null && !outbox.hasEvent(event)) {
        Integer added = transaction.execute(status -> EngineReads.withoutCaller(identity,
            () -> notifier.aboutOpenTask(kind, event, task, tasks, identity)));
        written += added == null ? 0 : added;
      }
    }
    return written;
  }

  /** The event of urging a task today: one 催办 a day per task. */
  String urgeEvent(String taskId) {
    return Kind.URGED.name() + ":" + taskId + ":" + LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }

  /** Urges the people of an open task, in one transaction with the comment that records it; the messages written. */
  int urge(Task task, String urgerName) {
    Integer messages = transaction.execute(status -> EngineReads.withoutCaller(identity, () -> {
      tasks.createComment(task.getId(), task.getProcessInstanceId(), "催办：" + urgerName + "催办了此项任务");
      return notifier.aboutOpenTask(Kind.URGED, urgeEvent(task.getId()), task, tasks, identity);
    }));
    return messages == null ? 0 : messages;
  }
}
