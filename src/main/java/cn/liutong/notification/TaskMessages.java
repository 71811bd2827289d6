package cn.liutong.notification;

import java.util.Collection;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What other modules may say about an open task through the outbox (the task actions, {@code cn.liutong.taskaction}):
 * 催办 once a day per task (the same event as {@link UrgeController}'s), and the messages of 转办, 委派, 抄送 and of
 * the escalation of an overdue task (督办).
 * Every message is written in the caller's transaction; the engine is read without the caller's authorizations.
 */
@Component
public class TaskMessages {

  private final TaskService tasks;
  private final IdentityService identity;
  private final TaskReminders reminders;
  private final Outbox outbox;
  private final Notifier notifier;

  TaskMessages(TaskService tasks, IdentityService identity, TaskReminders reminders, Outbox outbox, Notifier notifier) {
    this.tasks = tasks;
    this.identity = identity;
    this.reminders = reminders;
    this.outbox = outbox;
    this.notifier = notifier;
  }

  /** Whether the task was urged today already (by anyone, through any door). */
  public boolean urgedToday(String taskId) {
    return outbox.hasEvent(reminders.urgeEvent(taskId));
  }

  /** Urges the task's people; the comment is the caller's to write. The messages written. */
  public int urge(Task task) {
    return Notifier.unchecked(identity, () -> notifier.aboutOpenTask(Kind.URGED, reminders.urgeEvent(task.getId()),
        task, tasks, identity));
  }

  /** The task was handed over (转办) to a person; {@code event} tells this handover from earlier ones. */
  public int handedOver(Task task, String userId, String event) {
    return about(Kind.HANDED_OVER, task, java.util.List.of(userId), event);
  }

  /** The task was delegated (委派) to a person. */
  public int delegated(Task task, String userId, String event) {
    return about(Kind.DELEGATED, task, java.util.List.of(userId), event);
  }

  /** The task was copied (抄送) to people, for their information. */
  public int copied(Task task, Collection<String> userIds, String event) {
    return about(Kind.COPIED, task, userIds, event);
  }

  /** A colleague asks the person to co-sign (加签); {@code task} is the person's own co-sign task. */
  public int cosignRequested(Task task, String userId, String event) {
    return about(Kind.COSIGN, task, java.util.List.of(userId), event);
  }

  /** An overdue task escalated (督办) to the people of the next unit up the organisation. */
  public int escalated(Task task, Collection<String> userIds, String event) {
    return about(Kind.ESCALATED, task, userIds, event);
  }

  private int about(Kind kind, Task task, Collection<String> userIds, String event) {
    Object branch = Notifier.unchecked(identity, () -> task.getProcessInstanceId() == null ? null
        : tasks.getVariable(task.getId(), cn.liutong.cycle.CycleProcess.Var.BRANCH_CODE));
    var ref = new Notifier.TaskRef(task.getId(), task.getName(), task.getDueDate(), task.getTenantId(),
        branch == null ? null : branch.toString());
    return notifier.aboutTask(kind, kind.name() + ":" + event, ref, userIds, identity);
  }
}
