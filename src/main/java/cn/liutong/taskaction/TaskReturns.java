package cn.liutong.taskaction;

import java.util.Comparator;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 退回: an open task goes back to the step done before it in the same part of the process (the same scope
 * instance: the cycle itself, or one branch's part of it), which opens again for whoever did it. Camunda's process
 * instance modification starts the earlier step and cancels this one, so this task's form and its complete
 * listeners do not run; the earlier step's form shows what was submitted before. A task with no such step (the
 * first of its part, or one of many parallel ones such as the members' pledges) cannot be returned.
 * Engine calls as the caller has cleared the authentication ({@link TaskActions} decided).
 */
@Component
class TaskReturns {

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;

  TaskReturns(TaskService tasks, RuntimeService runtime, HistoryService history) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
  }

  /** The user task completed last before this one in the same scope instance, or null. */
  HistoricActivityInstance previous(Task task) {
    String current = activityInstance(task);
    if (current == null) {
      return null;
    }
    HistoricActivityInstance self = history.createHistoricActivityInstanceQuery().activityInstanceId(current).singleResult();
    if (self == null) {
      return null;
    }
    return history.createHistoricActivityInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .activityType("userTask").finished().list().stream()
        .filter(a -> self.getParentActivityInstanceId().equals(a.getParentActivityInstanceId()))
        .filter(a -> !a.getActivityId().equals(self.getActivityId()) && !a.isCanceled())
        .max(Comparator.comparing(HistoricActivityInstance::getEndTime)).orElse(null);
  }

  /** Opens the earlier step again (for its former assignee) and cancels this task; the new task's id. */
  String sendBack(Task task, HistoricActivityInstance previous, String annotation) {
    runtime.createProcessInstanceModification(task.getProcessInstanceId())
        .startBeforeActivity(previous.getActivityId(), previous.getParentActivityInstanceId())
        .cancelActivityInstance(activityInstance(task))
        .setAnnotation(annotation)
        .execute();
    Task reopened = tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId())
        .taskDefinitionKey(previous.getActivityId()).active().orderByTaskCreateTime().desc().list().stream()
        .findFirst().orElseThrow();
    if (previous.getAssignee() != null && reopened.getAssignee() == null) {
      tasks.setAssignee(reopened.getId(), previous.getAssignee());
    }
    return reopened.getId();
  }

  private String activityInstance(Task task) {
    HistoricTaskInstance historic = history.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
    return historic == null ? null : historic.getActivityInstanceId();
  }
}
