package cn.liutong.organisation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.liutong.system.ParseListeners;

/**
 * A task in a list says what it is about without being opened: the step's name from the model, then
 * the member, the branch (or the public feedback's subject) and the cycle it belongs to, for example
 * {@code 支部签收责任清单 · 预算处党支部 · 2026年度党建与业务融合工作}. Work of a cycle that has already
 * closed (a rectification carried over) says so in front. Applied to every user task of every model
 * at creation, so a step added in Modeler gets it too; the model keeps the plain step name.
 */
@Component
public class TaskTitles extends AbstractProcessEnginePlugin {

  static final String SEPARATOR = " · ";
  static final String CARRIED_OVER = "【上一周期遗留】";

  /** The context variables the processes share (integrated cycle, rectification, public feedback). */
  static final String MEMBER_ID = "memberId";
  static final String BRANCH_NAME = "branchName";
  static final String SUBJECT = "subject";
  static final String CYCLE_NAME = "cycleName";
  static final String CYCLE_ID = "cycleId";

  private static final int MAX_SUBJECT = 20;
  /** ACT_RU_TASK.NAME_ is a varchar(255). */
  private static final int MAX_NAME = 255;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.addAfterEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        process.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) TaskTitles::carryOver);
      }

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(TaskListener.EVENTNAME_CREATE, TaskTitles::title);
      }
    });
  }

  static void title(DelegateTask task) {
    List<String> parts = new ArrayList<>();
    parts.add(task.getName());
    String member = text(task.getVariable(MEMBER_ID));
    if (member != null) {
      User user = task.getProcessEngineServices().getIdentityService().createUserQuery().userId(member).singleResult();
      parts.add(user == null ? member : user.getFirstName());
    }
    String branch = text(task.getVariable(BRANCH_NAME));
    if (branch != null) {
      parts.add(branch);
    } else if (text(task.getVariable(SUBJECT)) != null) {
      parts.add("群众意见：" + abbreviate(text(task.getVariable(SUBJECT))));
    }
    Cycle cycle = cycle(task);
    if (cycle.name() != null) {
      parts.add(cycle.name());
    }
    String title = (cycle.closed() ? CARRIED_OVER : "")
        + String.join(SEPARATOR, parts.stream().filter(Objects::nonNull).toList());
    task.setName(title.length() > MAX_NAME ? title.substring(0, MAX_NAME) : title);
  }

  /** The step's own name (from the model) in a task's title, for views that show the context themselves. */
  public static String step(String title) {
    if (title == null) {
      return null;
    }
    String step = title.startsWith(CARRIED_OVER) ? title.substring(CARRIED_OVER.length()) : title;
    int context = step.indexOf(SEPARATOR);
    return context < 0 ? step : step.substring(0, context);
  }

  /** When a cycle closes, the open work opened in it (rectifications) says it is carried over. */
  static void carryOver(DelegateExecution execution) {
    if (!execution.getId().equals(execution.getProcessInstanceId())) {
      return;
    }
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processVariableValueEquals(CYCLE_ID, execution.getProcessInstanceId())
        .list()) {
      if (!task.getProcessInstanceId().equals(execution.getProcessInstanceId()) && task.getName() != null
          && !task.getName().startsWith(CARRIED_OVER)) {
        String name = CARRIED_OVER + task.getName();
        task.setName(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
        tasks.saveTask(task);
      }
    }
  }

  private record Cycle(String name, boolean closed) {
  }

  /** The cycle the task belongs to: its own process, or the cycle a rectification was opened in. */
  private static Cycle cycle(DelegateTask task) {
    String name = text(task.getVariable(CYCLE_NAME));
    String cycleId = text(task.getVariable(CYCLE_ID));
    if (cycleId == null || cycleId.equals(task.getProcessInstanceId())) {
      return new Cycle(name, false);
    }
    var history = task.getProcessEngineServices().getHistoryService();
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(cycleId)
        .singleResult();
    if (instance == null) {
      return new Cycle(name, false);
    }
    if (name == null) {
      name = history.createHistoricVariableInstanceQuery().processInstanceId(cycleId).variableName(CYCLE_NAME)
          .list().stream().map(HistoricVariableInstance::getValue).map(TaskTitles::text).filter(Objects::nonNull)
          .findFirst().orElse(null);
    }
    return new Cycle(name, instance.getEndTime() != null);
  }

  private static String abbreviate(String text) {
    return text.codePointCount(0, text.length()) <= MAX_SUBJECT ? text
        : text.substring(0, text.offsetByCodePoints(0, MAX_SUBJECT)) + "…";
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
