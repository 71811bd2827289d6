package cn.liutong.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * A user task gets the server-side check of its form even when the model does not name it: Camunda 7
 * element templates cannot add task listeners, so a task an administrator made from a template in Modeler
 * would otherwise accept anything a REST client sends. The check of a form is the {@code complete}
 * listener our own models give every task with that form (for example {@code sign-for} →
 * {@code ${signForForm}}), read from the models at start: one source, no table to keep in step. A task
 * that names its own {@code complete} listener keeps it.
 *
 * <p>Every task and start event with a Camunda Form also gets the form's own field rules ({@link FormRules}):
 * they are read from the deployed form the {@code formRef} resolves to, not written again in Java.
 */
@Component
public class FormServerChecks extends AbstractProcessEnginePlugin {

  private final Map<String, String> checkOfForm;

  FormServerChecks() throws IOException {
    this.checkOfForm = checksOfOurModels(new PathMatchingResourcePatternResolver().getResources("classpath*:models/*.bpmn"));
  }

  /** Form key → the delegate expression of the complete listener every task with that form has in the models. */
  static Map<String, String> checksOfOurModels(Resource[] models) throws IOException {
    Map<String, String> checks = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (Resource model : models) {
      try (InputStream in = model.getInputStream()) {
        for (UserTask task : Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)) {
          List<String> listeners = task.getExtensionElements() == null ? List.of()
              : task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                  .filter(l -> TaskListener.EVENTNAME_COMPLETE.equals(l.getCamundaEvent()) && l.getCamundaDelegateExpression() != null)
                  .map(CamundaTaskListener::getCamundaDelegateExpression).toList();
          String form = task.getCamundaFormRef();
          if (form != null && listeners.size() == 1) {
            String earlier = checks.putIfAbsent(form, listeners.get(0));
            if (earlier != null && !earlier.equals(listeners.get(0))) {
              ambiguous.add(form);
            }
          }
        }
      }
    }
    ambiguous.forEach(checks::remove);
    return Map.copyOf(checks);
  }

  Map<String, String> checks() {
    return checkOfForm;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    DeployedFormRules formRules = new DeployedFormRules();
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask)) {
          return;
        }
        var task = userTask.getTaskDefinition();
        DeployedFormRules.FormRef form = formRef(configuration, element);
        if (form != null) { // built-in listeners run first: the task's own check can then name these problems too
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, delegateTask -> formRules.checkTask(delegateTask, form));
        }
        String check = checkOfForm.get(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef"));
        var own = task.getTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE);
        if (check != null && (own == null || own.isEmpty())) {
          task.addTaskListener(TaskListener.EVENTNAME_COMPLETE,
              new DelegateExpressionTaskListener(configuration.getExpressionManager().createExpression(check), List.of()));
        }
        if (form != null) {
          task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, DeployedFormRules::refuseUntaken);
        }
      }

      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        DeployedFormRules.FormRef form = formRef(configuration, element);
        if (form != null && scope instanceof org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity) {
          activity.addListener(ExecutionListener.EVENTNAME_END,
              (ExecutionListener) execution -> formRules.checkStart(execution, form));
        }
      }
    });
  }

  private static DeployedFormRules.FormRef formRef(ProcessEngineConfigurationImpl configuration, Element element) {
    String key = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    if (key == null || key.isBlank()) {
      return null;
    }
    String version = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRefVersion");
    var expressions = configuration.getExpressionManager();
    return new DeployedFormRules.FormRef(expressions.createExpression(key),
        element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRefBinding"),
        version == null || version.isBlank() ? null : expressions.createExpression(version));
  }
}
