package cn.liutong.taskaction;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import cn.liutong.system.ParseListeners;

/**
 * 免办: the committee completes a member's or branch's task without its form. The task's {@code complete}
 * listeners (the deployed form's rules, the step's own check and what it writes to the stage's ledger, the
 * notifications) are skipped for that one completion, so nothing of the person's form is required or recorded;
 * the waiver itself is recorded in {@code lt_task_action} and as a comment on the task. Nothing a person sends
 * can ask for it: the mark is this thread's, set only by {@link #complete} around the engine call. A step
 * after the task that needs the task's result (a gateway reading its decision) fails, and the whole waiver
 * rolls back ({@link TaskActions} refuses it with a reason).
 */
@Component
class Waiver extends AbstractProcessEnginePlugin {

  private static final ThreadLocal<String> WAIVING = new ThreadLocal<>();

  /** Completes the task as waived; engine-internal (the caller's authentication already cleared). */
  static void complete(TaskService tasks, String taskId) {
    WAIVING.set(taskId);
    try {
      tasks.complete(taskId);
    } finally {
      WAIVING.remove();
    }
  }

  static boolean waiving(DelegateTask task) {
    return task.getId() != null && task.getId().equals(WAIVING.get());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.addAfterEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        wrap(process);
      }
    });
  }

  private static void wrap(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        TaskDefinition task = userTask.getTaskDefinition();
        wrap(task.getTaskListeners().get(TaskListener.EVENTNAME_COMPLETE), false);
        wrap(task.getBuiltinTaskListeners().get(TaskListener.EVENTNAME_COMPLETE), true);
        wrap(task.getAllTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE), true);
      }
      wrap(activity);
    }
  }

  /** Our listeners and the models' (Camunda's own built-in ones stay as they are). */
  private static void wrap(List<TaskListener> listeners, boolean mixed) {
    if (listeners == null) {
      return;
    }
    listeners.replaceAll(listener -> listener instanceof SkippedWhenWaived
        || mixed && listener.getClass().getName().startsWith("org.camunda.") && !isModelListener(listener)
        ? listener : new SkippedWhenWaived(listener));
  }

  /** The listeners a model names are wrapped by Camunda's classes, and are ours to skip. */
  private static boolean isModelListener(TaskListener listener) {
    return listener.getClass().getName().startsWith("org.camunda.bpm.engine.impl.task.listener.");
  }

  /** A complete listener that does not run for a waived task. */
  private record SkippedWhenWaived(TaskListener listener) implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      if (!waiving(task)) {
        listener.notify(task);
      }
    }
  }
}
