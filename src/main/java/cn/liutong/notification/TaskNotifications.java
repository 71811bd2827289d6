package cn.liutong.notification;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import cn.liutong.assessment.AssessmentProcess;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.rectification.RectificationProcess;
import cn.liutong.organisation.TaskTitles;
import cn.liutong.system.ParseListeners;

/**
 * Engine events that reach people, written to the outbox in the engine's own transaction: a rolled-back
 * completion leaves nothing to send. Added to every user task of every model at parse time, as
 * {@link TaskTitles} is, so a step added in Modeler notifies too:
 * <ul>
 * <li>a task created: its assignee or the members of its candidate groups ({@code Task_Supervise…} steps,
 * the models' escalations, as 督办; the step a return sends back as 退回);</li>
 * <li>an approval completed with {@code returned}: marks the step created next as 退回.</li>
 * </ul>
 * The listeners are added when the whole process is parsed, after {@link TaskTitles} has added its own,
 * so the message carries the finished title.
 */
@Component
class TaskNotifications extends AbstractProcessEnginePlugin {

  /** The approvals whose {@code returned} decision sends work back, with their decision variable. */
  static final Map<String, String> RETURN_DECISIONS = Map.of(
      CycleProcess.Activity.APPROVE_GOALS, CycleProcess.Var.GOALS_DECISION,
      CycleProcess.Activity.APPROVE_RESULTS, CycleProcess.Var.RESULTS_DECISION,
      CycleProcess.Activity.APPROVE_REVIEW, AssessmentProcess.REVIEW_DECISION,
      RectificationProcess.Activity.REVIEW_PLAN, RectificationProcess.Var.PLAN_DECISION);
  /** The same values in every approval form (checked by {@code ModelNamesTest}). */
  static final String RETURNED = CycleProcess.Decision.RETURNED;
  static final String APPROVED = CycleProcess.Decision.APPROVED;
  static final String SUPERVISION_PREFIX = "Task_Supervise";
  /** Transient (never stored): set by a returning approval, read by the step created next in the same command. */
  static final String RETURNED_MARK = "notificationReturnedBy";

  private final Notifier notifier;
  TaskNotifications(Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.addAfterEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        addListeners(process);
      }
    });
  }

  private void addListeners(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, this::created);
        userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, this::completed);
      }
      addListeners(activity);
    }
  }

  void created(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Kind kind = task.getTaskDefinitionKey() != null && task.getTaskDefinitionKey().startsWith(SUPERVISION_PREFIX)
        ? Kind.ESCALATED : Kind.NEW_TASK;
    if (task.getVariable(RETURNED_MARK) != null) {
      kind = Kind.RETURNED;
      task.getExecution().getProcessInstance().removeVariable(RETURNED_MARK);
    }
    Set<String> people = Notifier.people(task.getCandidates(), task.getAssignee(), identity);
    notifier.aboutTask(kind, kind.name() + ":" + task.getId(), ref(task), people, identity);
  }

  void completed(DelegateTask task) {
    String decisionVariable = RETURN_DECISIONS.get(task.getTaskDefinitionKey());
    if (decisionVariable == null) {
      return;
    }
    Object decision = task.getVariable(decisionVariable);
    if (RETURNED.equals(decision)) {
      task.getExecution().getProcessInstance()
          .setVariable(RETURNED_MARK, Variables.stringValue(task.getTaskDefinitionKey(), true));
    }
  }

  static Notifier.TaskRef ref(DelegateTask task) {
    Object branch = task.getVariable(CycleProcess.Var.BRANCH_CODE);
    return new Notifier.TaskRef(task.getId(), task.getName(), task.getDueDate(), task.getTenantId(),
        branch == null ? null : branch.toString());
  }
}
