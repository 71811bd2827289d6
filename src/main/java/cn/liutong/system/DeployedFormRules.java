package cn.liutong.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the forms' own rules ({@link FormRules}): when a task with a Camunda Form completes, or a
 * start form is submitted, the form its {@code formRef} binding resolves to (the deployed resource, as Tasklist
 * shows it) is checked against the variables the task or instance will keep. The problems wait for the step's
 * own check ({@link FormCheck#of}), so that one answer names what the form and the Java rules (those that span
 * fields or need the organisation) found. Problems no check took refuse the task at its last listener, and
 * any step when its command closes, before anything is written. Each
 * deployed form is parsed once.
 */
final class DeployedFormRules {

  private static final Logger LOG = LoggerFactory.getLogger(DeployedFormRules.class);
  private static final FormRules NONE = FormRules.of("{}");
  /** Problems found in a command, by task id or (start forms) process instance id, until a check takes them. */
  private static final Map<CommandContext, Pending> PENDING = Collections.synchronizedMap(new WeakHashMap<>());

  /** A task's or start event's {@code camunda:formRef}, {@code formRefBinding}, {@code formRefVersion}. */
  record FormRef(Expression key, String binding, Expression version) {
  }

  /** Parsed forms by deployed form definition (or, for the deployment binding, deployment and key). */
  private final Map<String, FormRules> parsed = new ConcurrentHashMap<>();

  /** Checks a task about to complete; the problems wait for its check ({@link #take}). */
  void checkTask(DelegateTask task, FormRef ref) {
    hold(task.getId(), problems(task, task.getProcessDefinitionId(), ref));
  }

  /** Checks a submitted start form; the problems wait for the start's check (a service task's {@link FormCheck}). */
  void checkStart(DelegateExecution execution, FormRef ref) {
    hold(execution.getProcessInstanceId(), problems(execution, execution.getProcessDefinitionId(), ref));
  }

  /** Refuses a completion whose problems no check took (a task whose own listener does not use {@link FormCheck}). */
  static void refuseUntaken(DelegateTask task) {
    List<String> left = take(task);
    if (!left.isEmpty()) {
      throw refusal(left);
    }
  }

  /** The problems the form's own rules found for this task or starting instance, once. */
  static List<String> take(VariableScope scope) {
    CommandContext context = Context.getCommandContext();
    Pending pending = context == null ? null : PENDING.get(context);
    if (pending == null) {
      return List.of();
    }
    String id = scope instanceof DelegateTask task ? task.getId()
        : scope instanceof DelegateExecution execution ? execution.getProcessInstanceId() : null;
    List<String> problems = id == null ? null : pending.problems.remove(id);
    return problems == null ? List.of() : problems;
  }

  static FormFieldValidationException refusal(List<String> problems) {
    return new FormFieldValidationException(Map.of("problems", List.copyOf(problems)),
        "提交的内容有误：" + String.join("；", problems));
  }

  private static void hold(String id, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    Pending pending = PENDING.computeIfAbsent(context, c -> {
      Pending created = new Pending();
      c.registerCommandContextListener(created);
      return created;
    });
    pending.problems.put(id, new ArrayList<>(problems));
  }

  private static final class Pending implements CommandContextListener {
    final Map<String, List<String>> problems = new LinkedHashMap<>();

    @Override
    public void onCommandContextClose(CommandContext context) {
      PENDING.remove(context);
      List<String> left = problems.values().stream().flatMap(List::stream).toList();
      if (!left.isEmpty()) {
        throw refusal(left);
      }
    }

    @Override
    public void onCommandFailed(CommandContext context, Throwable failure) {
      PENDING.remove(context);
    }
  }

  private List<String> problems(VariableScope scope, String processDefinitionId, FormRef ref) {
    return rules(scope, processDefinitionId, ref).problems(scope::getVariable, DeployedFormRules::feel);
  }

  private FormRules rules(VariableScope scope, String processDefinitionId, FormRef ref) {
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    CommandContext context = Context.getCommandContext();
    String deploymentId = configuration.getDeploymentCache().findDeployedProcessDefinitionById(processDefinitionId)
        .getDeploymentId();
    String key = String.valueOf(ref.key().getValue(scope));
    CamundaFormRefImpl formRef = new CamundaFormRefImpl(key, ref.binding() == null ? "latest" : ref.binding());
    if (ref.version() != null) {
      formRef.setVersion(Integer.valueOf(String.valueOf(ref.version().getValue(scope))));
    }
    if ("deployment".equals(formRef.getBinding())) { // fixed for the deployment: no query at all once parsed
      return parsed.computeIfAbsent(deploymentId + "/" + key, k -> read(context, definition(context, formRef, deploymentId)));
    }
    CamundaFormDefinition definition = definition(context, formRef, deploymentId);
    return definition == null ? NONE : parsed.computeIfAbsent(definition.getId(), id -> read(context, definition));
  }

  private static CamundaFormDefinition definition(CommandContext context, CamundaFormRefImpl ref, String deploymentId) {
    return context.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
  }

  private static FormRules read(CommandContext context, CamundaFormDefinition definition) {
    if (definition == null) {
      return NONE;
    }
    try (InputStream in = context.runWithoutAuthorization(
        new GetDeploymentResourceCmd(definition.getDeploymentId(), definition.getResourceName()))) {
      return FormRules.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read form " + definition.getResourceName(), e);
    }
  }

  /** The engine's own FEEL (as DMN uses it); an expression it cannot evaluate counts as null. */
  private static Object feel(String expression, Map<String, Object> variables) {
    try {
      var dmn = (DefaultDmnEngineConfiguration) Context.getProcessEngineConfiguration().getDmnEngineConfiguration();
      return dmn.getFeelEngine().evaluateSimpleExpression(expression, Variables.fromMap(variables).asVariableContext());
    } catch (RuntimeException e) {
      LOG.warn("Cannot evaluate the form expression {}: {}", expression, e.getMessage());
      return null;
    }
  }
}
