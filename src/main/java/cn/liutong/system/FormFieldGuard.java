package cn.liutong.system;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A person completing a task may change only what the task's form asks. Without this, anyone allowed to
 * work on a task could send any variable with it ({@code cycleId}, {@code branchCode}, {@code agencyId}
 * ...) and so re-route later work or write into another branch's or agency's ledger. For an
 * authenticated caller who is not an administrator, every variable given to submit-form, complete or the
 * task-variable endpoints must be an editable field of the task's Camunda Form, or be sent back unchanged
 * (Tasklist returns read-only fields as they were shown). Anything else is refused (403) before the
 * engine writes anything. Engine-internal code (delegates, listeners, the demo) is not authenticated and
 * is not concerned.
 */
@Component
public class FormFieldGuard extends AbstractProcessEnginePlugin {

  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime");

  private final ObjectProvider<ProcessEngine> engine;
  private final ObjectMapper json = new ObjectMapper();

  FormFieldGuard(ObjectProvider<ProcessEngine> engine) {
    this.engine = engine;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ApiErrors.addOutsideTransaction(configuration, new Guard());
  }

  /** What a command wants to change on which task; null when it changes no task's variables. */
  record Change(String taskId, Map<String, ?> values, Collection<String> removals) {
  }

  final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      Change change = change(command);
      if (change != null && concernsAPerson()) {
        check(change);
      }
      return next.execute(command);
    }
  }

  private boolean concernsAPerson() {
    Authentication authentication = engine.getObject().getIdentityService().getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null
        && (authentication.getGroupIds() == null || !authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN));
  }

  private void check(Change change) {
    Set<String> editable = editableFields(change.taskId());
    List<String> refused = new ArrayList<>();
    change.values().forEach((name, value) -> {
      if (!editable.contains(name) && !unchanged(change.taskId(), name, value)) {
        refused.add(name);
      }
    });
    change.removals().stream().filter(name -> !editable.contains(name)).forEach(refused::add);
    if (!refused.isEmpty()) {
      throw new AuthorizationException("无权修改表单以外的数据：" + String.join("、", refused));
    }
  }

  /** The keys of the form's fields a person may fill in (read-only and display components excluded). */
  Set<String> editableFields(String taskId) {
    Set<String> keys = new HashSet<>();
    try (InputStream form = engine.getObject().getFormService().getDeployedTaskForm(taskId)) {
      collect(json.readTree(form).path("components"), keys);
    } catch (ProcessEngineException | java.io.IOException e) {
      // a task without a Camunda Form has no fields a person may set
    }
    return keys;
  }

  private static void collect(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      boolean readonly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      String type = component.path("type").asText();
      if (INPUT_TYPES.contains(type) && !readonly && component.hasNonNull("key")) {
        keys.add(component.path("key").asText());
      }
      if ("dynamiclist".equals(type) && !readonly && component.hasNonNull("path")) {
        keys.add(component.path("path").asText());
      } else if (component.has("components") && !"dynamiclist".equals(type)) {
        collect(component.path("components"), keys);
      }
    }
  }

  private boolean unchanged(String taskId, String name, Object submitted) {
    Object current = engine.getObject().getTaskService().getVariable(taskId, name);
    Object value = submitted instanceof TypedValue typed ? typed.getValue() : submitted;
    if (value instanceof Number a && current instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    if (value == null || current == null) {
      return value == null && (current == null || "".equals(current)) || current == null && "".equals(value);
    }
    return Objects.equals(value.toString(), current.toString()) || sameJson(value.toString(), current.toString());
  }

  private boolean sameJson(String a, String b) {
    try {
      return json.readTree(a).equals(json.readTree(b));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Reads the task id and variables of the engine's task commands (their fields are not public). */
  static Change change(Command<?> command) {
    if (command instanceof SubmitTaskFormCmd) {
      return new Change(field(command, SubmitTaskFormCmd.class, "taskId"), map(command, SubmitTaskFormCmd.class, "properties"), List.of());
    }
    if (command instanceof CompleteTaskCmd) {
      return new Change(field(command, CompleteTaskCmd.class, "taskId"), map(command, CompleteTaskCmd.class, "variables"), List.of());
    }
    if (command instanceof SetTaskVariablesCmd) {
      return new Change(field(command, AbstractVariableCmd.class, "entityId"), map(command, AbstractSetVariableCmd.class, "variables"),
          List.of());
    }
    if (command instanceof PatchTaskVariablesCmd) {
      Collection<String> deletions = field(command, AbstractPatchVariablesCmd.class, "deletions");
      return new Change(field(command, AbstractPatchVariablesCmd.class, "entityId"),
          map(command, AbstractPatchVariablesCmd.class, "variables"), deletions == null ? List.of() : deletions);
    }
    if (command instanceof RemoveTaskVariablesCmd) {
      return new Change(field(command, AbstractVariableCmd.class, "entityId"), Map.of(),
          field(command, AbstractRemoveVariableCmd.class, "variableNames"));
    }
    return null;
  }

  private static Map<String, ?> map(Object command, Class<?> type, String name) {
    Map<String, ?> map = field(command, type, name);
    return map == null ? Map.of() : map;
  }

  @SuppressWarnings("unchecked")
  private static <V> V field(Object command, Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return (V) field.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field " + name, e);
    }
  }
}
