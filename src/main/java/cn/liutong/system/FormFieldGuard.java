package cn.liutong.system;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * What {@link ChangePolicy} needs from the engine's commands, whose arguments sit in non-public fields: which
 * task, which user, which variables. Read by reflection, checked against Camunda 7.24 by
 * {@code FormFieldGuardTest} (one test per command shape); a field that is not where it was makes the guard
 * refuse the command ({@link IllegalStateException}), never let it pass unread.
 */
final class FormFieldGuard {

  private FormFieldGuard() {
  }

  /** A start form submitted: the process definition and the values. */
  record StartForm(String processDefinitionId, Map<String, ?> values) {
  }

  /** A task claimed, assigned or delegated: to whom ({@code null} to give it back). */
  record Handover(Kind kind, String taskId, String userId) {
    enum Kind { CLAIM, ASSIGN, DELEGATE }
  }

  /** A read of a task's variables: all of them ({@code name} null) or one. */
  record VariableRead(String taskId, String name) {
  }

  static StartForm startForm(Command<?> command) {
    if (command instanceof SubmitStartFormCmd) {
      return new StartForm(field(command, SubmitStartFormCmd.class, "processDefinitionId"),
          map(command, SubmitStartFormCmd.class, "variables"));
    }
    return null;
  }

  static Handover handover(Command<?> command) {
    if (command instanceof ClaimTaskCmd) {
      return new Handover(Handover.Kind.CLAIM, field(command, ClaimTaskCmd.class, "taskId"),
          field(command, ClaimTaskCmd.class, "userId"));
    }
    if (command instanceof AssignTaskCmd) {
      return new Handover(Handover.Kind.ASSIGN, field(command, AbstractSetTaskPropertyCmd.class, "taskId"),
          field(command, AbstractAddIdentityLinkCmd.class, "userId"));
    }
    if (command instanceof DelegateTaskCmd) {
      return new Handover(Handover.Kind.DELEGATE, field(command, DelegateTaskCmd.class, "taskId"),
          field(command, DelegateTaskCmd.class, "userId"));
    }
    return null;
  }

  /** The task id and variables of the engine's task-changing commands. */
  static FormFields.Change change(Command<?> command) {
    if (command instanceof SubmitTaskFormCmd) {
      return new FormFields.Change(field(command, SubmitTaskFormCmd.class, "taskId"),
          map(command, SubmitTaskFormCmd.class, "properties"), List.of());
    }
    if (command instanceof CompleteTaskCmd) { // and ResolveTaskCmd
      return new FormFields.Change(field(command, CompleteTaskCmd.class, "taskId"),
          map(command, CompleteTaskCmd.class, "variables"), List.of());
    }
    if (command instanceof SetTaskVariablesCmd) {
      return new FormFields.Change(field(command, AbstractVariableCmd.class, "entityId"),
          map(command, AbstractSetVariableCmd.class, "variables"), List.of());
    }
    if (command instanceof PatchTaskVariablesCmd) {
      Collection<String> deletions = field(command, AbstractPatchVariablesCmd.class, "deletions");
      return new FormFields.Change(field(command, AbstractPatchVariablesCmd.class, "entityId"),
          map(command, AbstractPatchVariablesCmd.class, "variables"), deletions == null ? List.of() : deletions);
    }
    if (command instanceof RemoveTaskVariablesCmd) {
      Collection<String> names = field(command, AbstractRemoveVariableCmd.class, "variableNames");
      return new FormFields.Change(field(command, AbstractVariableCmd.class, "entityId"), Map.of(),
          names == null ? List.of() : names);
    }
    return null;
  }

  static VariableRead variableRead(Command<?> command) {
    if (command instanceof GetTaskVariablesCmd) {
      return new VariableRead(field(command, GetTaskVariablesCmd.class, "taskId"), null);
    }
    if (command instanceof GetTaskFormVariablesCmd form) {
      return new VariableRead(form.resourceId, null);
    }
    if (command instanceof GetTaskVariableCmd || command instanceof GetTaskVariableCmdTyped) {
      Class<?> type = command instanceof GetTaskVariableCmd ? GetTaskVariableCmd.class : GetTaskVariableCmdTyped.class;
      return new VariableRead(field(command, type, "taskId"), field(command, type, "variableName"));
    }
    return null;
  }

  /**
   * Whether a command writes variables (of a task, an execution, a case…). A person's own call may do so only in
   * the task shapes {@link #change} reads; any other shape is refused by default, even one a future Camunda adds.
   */
  static boolean writesVariables(Command<?> command) {
    return command instanceof AbstractVariableCmd || command instanceof AbstractPatchVariablesCmd;
  }

  private static Map<String, ?> map(Object command, Class<?> type, String name) {
    Map<String, ?> map = field(command, type, name);
    return map == null ? Map.of() : map;
  }

  /** A non-public field of a command; refuses (throws) when Camunda keeps it elsewhere. */
  @SuppressWarnings("unchecked")
  static <V> V field(Object command, Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return (V) field.get(command);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field " + name
          + " readable on " + command.getClass().getSimpleName(), e);
    }
  }
}
