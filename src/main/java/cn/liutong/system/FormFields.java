package cn.liutong.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a task's or a start event's Camunda Form lets a person change and shows them, for
 * {@link ChangePolicy}. A person may send the form's editable fields, and read-only fields only back
 * unchanged (Tasklist returns them as shown): same value <em>and</em> same kind (a number stays a number,
 * whichever of Integer, Long, Double a form sends). Anything else is refused before the engine writes.
 */
@Component
public class FormFields {

  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime");
  /** Variables a form's FEEL expressions and {{ }} templates refer to. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ObjectProvider<ProcessEngine> engine;
  private final ObjectMapper json = new ObjectMapper();
  /** Parsed forms fixed for their deployment, by {@code <definition id>/<task key>}; a definition never changes. */
  private final Map<String, JsonNode> deployedForms = new ConcurrentHashMap<>();

  FormFields(ObjectProvider<ProcessEngine> engine) {
    this.engine = engine;
  }

  /** What a command wants to change on which task. */
  record Change(String taskId, Map<String, ?> values, Collection<String> removals) {
  }

  void checkTask(Change change) {
    clean(change.values());
    JsonNode form = asEngine(engine.getObject(), () -> taskForm(change.taskId()));
    Set<String> editable = editable(form);
    List<String> refused = new ArrayList<>();
    change.values().forEach((name, value) -> {
      if (!editable.contains(name) && !unchanged(change.taskId(), name, value)) {
        refused.add(name);
      }
    });
    change.removals().stream().filter(name -> !editable.contains(name)).forEach(refused::add);
    refuse(refused);
  }

  /** A start form: only its editable fields, nothing else (no {@code initiator}, no preset decisions). */
  void checkStart(String processDefinitionId, Map<String, ?> values) {
    clean(values);
    JsonNode form = asEngine(engine.getObject(), () -> read(() -> engine.getObject().getFormService()
        .getDeployedStartForm(processDefinitionId)));
    Set<String> editable = editable(form);
    refuse(values.keySet().stream().filter(name -> !editable.contains(name)).toList());
  }

  /** The variables a task's form shows: its fields, read-only ones included, and what its expressions use. */
  Set<String> shownFields(String taskId) {
    JsonNode form = asEngine(engine.getObject(), () -> taskForm(taskId));
    Set<String> names = new HashSet<>();
    collectShown(form, names);
    return names;
  }

  private static void refuse(List<String> refused) {
    if (!refused.isEmpty()) {
      throw new AuthorizationException("无权修改表单以外的数据：" + String.join("、", refused));
    }
  }

  private static void clean(Map<String, ?> values) {
    String problem = CleanText.problem(values);
    if (problem != null) {
      throw new FormFieldValidationException(Map.of("problems", List.of(problem)), "提交的内容有误：" + problem);
    }
  }

  /**
   * The task's form, parsed once per process definition and task when its {@code formRef} is fixed for the
   * deployment (a literal key with {@code formRefBinding="deployment"}, as every model of ours has it): then only
   * the task is read per request, not its form definition and resource.
   */
  private JsonNode taskForm(String taskId) {
    ProcessEngine services = engine.getObject();
    FormOfTask of = ((ProcessEngineConfigurationImpl) services.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> formOfTask(context, taskId));
    if (of == FormOfTask.GONE) {
      return json.createObjectNode(); // nothing to change on a task that is not there
    }
    JsonNode cached = of.cacheKey() == null ? null : deployedForms.get(of.cacheKey());
    if (cached != null) {
      return cached;
    }
    JsonNode form = read(() -> services.getFormService().getDeployedTaskForm(taskId));
    if (of.fixed()) {
      deployedForms.putIfAbsent(of.cacheKey(), form);
    }
    return form;
  }

  /** Which task of which process definition, and whether the form it resolves to is fixed for the deployment. */
  private record FormOfTask(String cacheKey, boolean fixed) {
    static final FormOfTask GONE = new FormOfTask(null, false);
    static final FormOfTask NOT_CACHED = new FormOfTask(null, false);
  }

  private FormOfTask formOfTask(CommandContext context, String taskId) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return FormOfTask.GONE;
    }
    if (task.getProcessDefinitionId() == null || task.getTaskDefinitionKey() == null) {
      return FormOfTask.NOT_CACHED;
    }
    String key = task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey();
    if (deployedForms.containsKey(key)) {
      return new FormOfTask(key, true);
    }
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
    TaskDefinition taskDefinition = definition.getTaskDefinitions().get(task.getTaskDefinitionKey());
    FormDefinition form = taskDefinition == null ? null : taskDefinition.getFormDefinition();
    boolean fixed = form != null && "deployment".equals(form.getCamundaFormDefinitionBinding())
        && form.getCamundaFormDefinitionKey() != null && isLiteral(form.getCamundaFormDefinitionKey());
    return new FormOfTask(key, fixed);
  }

  private static boolean isLiteral(Expression expression) {
    String text = expression.getExpressionText();
    return text != null && !text.contains("${") && !text.contains("#{");
  }

  /** The form as JSON; an empty object when there is no Camunda Form (then nothing may be set). */
  private JsonNode read(Supplier<InputStream> form) {
    try (InputStream in = form.get()) {
      return json.readTree(in);
    } catch (ProcessEngineException | IOException e) {
      return json.createObjectNode();
    }
  }

  /** The keys of the form's fields a person may fill in (read-only and display components excluded). */
  static Set<String> editable(JsonNode form) {
    Set<String> keys = new HashSet<>();
    collectEditable(form.path("components"), keys);
    return keys;
  }

  private static void collectEditable(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      boolean readonly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      String type = component.path("type").asText();
      if (INPUT_TYPES.contains(type) && !readonly && component.hasNonNull("key")) {
        keys.add(component.path("key").asText());
      }
      if ("dynamiclist".equals(type) && !readonly && component.hasNonNull("path")) {
        keys.add(component.path("path").asText());
      } else if (component.has("components") && !"dynamiclist".equals(type)) {
        collectEditable(component.path("components"), keys);
      }
    }
  }

  private static void collectShown(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        JsonNode value = field.getValue();
        if (Set.of("key", "path", "valuesKey").contains(field.getKey()) && value.isTextual()) {
          names.add(value.asText());
        } else if (value.isTextual() && (value.asText().startsWith("=") || value.asText().contains("{{"))) {
          Matcher identifiers = IDENTIFIER.matcher(value.asText());
          while (identifiers.find()) {
            names.add(identifiers.group());
          }
        } else {
          collectShown(value, names);
        }
      });
    } else if (node.isArray()) {
      node.forEach(element -> collectShown(element, names));
    }
  }

  private boolean unchanged(String taskId, String name, Object submitted) {
    TypedValue current = asEngine(engine.getObject(), () -> engine.getObject().getTaskService().getVariableTyped(taskId, name));
    Object now = current == null ? null : current.getValue();
    if (isJson(submitted) || now instanceof SpinJsonNode) {
      return isJson(submitted) && now instanceof SpinJsonNode && sameJson(serialized(submitted), now.toString());
    }
    Object value = submitted instanceof TypedValue typed ? typed.getValue() : submitted;
    if (value == null || now == null) {
      return value == null && (now == null || "".equals(now)) || now == null && "".equals(value);
    }
    if (value instanceof Number a && now instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return value.getClass() == now.getClass() && Objects.equals(value, now);
  }

  private static boolean isJson(Object value) {
    return value instanceof SpinJsonNode
        || value instanceof TypedValue typed && typed.getType() != null && "json".equals(typed.getType().getName());
  }

  private static String serialized(Object value) {
    if (value instanceof SerializableValue s && s.getValueSerialized() != null) {
      return s.getValueSerialized();
    }
    Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
    return String.valueOf(plain);
  }

  private boolean sameJson(String a, String b) {
    try {
      return json.readTree(a).equals(json.readTree(b));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs a read for the policy itself without the caller's authentication: the policy must see what it
   * guards (a member may not read the process's variables, yet their task's form must be checked).
   */
  static <T> T asEngine(ProcessEngine engine, Supplier<T> read) {
    return EngineReads.withoutCaller(engine.getIdentityService(), read);
  }
}
