package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.junit.jupiter.api.Test;

import cn.liutong.system.FormFieldGuard.Handover;
import cn.liutong.system.FormFieldGuard.Handover.Kind;
import cn.liutong.system.FormFieldGuard.StartForm;
import cn.liutong.system.FormFieldGuard.VariableRead;

/**
 * The policy reads Camunda 7.24's command fields by reflection ({@link FormFieldGuard}): one check per command,
 * built as the REST API builds it, so that an upgrade that renames a field fails here, fast, instead of letting
 * a change through.
 */
class FormFieldGuardTest {

  private static final Map<String, Object> VALUES = Map.of("objection", "理由");

  @Test
  void taskChangingCommands() {
    assertThat(FormFieldGuard.change(new SubmitTaskFormCmd("t1", VALUES, false, false)))
        .isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(FormFieldGuard.change(new CompleteTaskCmd("t1", VALUES))).isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(FormFieldGuard.change(new ResolveTaskCmd("t1", VALUES))).isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(FormFieldGuard.change(new SetTaskVariablesCmd("t1", VALUES, true)))
        .isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(FormFieldGuard.change(new PatchTaskVariablesCmd("t1", VALUES, List.of("cycleId"), false)))
        .isEqualTo(new FormFields.Change("t1", VALUES, List.of("cycleId")));
    assertThat(FormFieldGuard.change(new RemoveTaskVariablesCmd("t1", List.of("cycleId"), false)))
        .isEqualTo(new FormFields.Change("t1", Map.of(), List.of("cycleId")));
  }

  @Test
  void assignmentCommands() {
    ClaimTaskCmd claim = new ClaimTaskCmd("t1", "liwei");
    assertThat((String) FormFieldGuard.field(claim, ClaimTaskCmd.class, "taskId")).isEqualTo("t1");
    assertThat((String) FormFieldGuard.field(claim, ClaimTaskCmd.class, "userId")).isEqualTo("liwei");
    AssignTaskCmd assign = new AssignTaskCmd("t1", "liwei");
    assertThat((String) FormFieldGuard.field(assign, AbstractSetTaskPropertyCmd.class, "taskId")).isEqualTo("t1");
    assertThat((String) FormFieldGuard.field(assign, AbstractAddIdentityLinkCmd.class, "userId")).isEqualTo("liwei");
    DelegateTaskCmd delegate = new DelegateTaskCmd("t1", "liwei");
    assertThat((String) FormFieldGuard.field(delegate, DelegateTaskCmd.class, "userId")).isEqualTo("liwei");
  }

  @Test
  void startAndReadCommands() {
    SubmitStartFormCmd start = new SubmitStartFormCmd("def1", null, VALUES);
    assertThat((String) FormFieldGuard.field(start, SubmitStartFormCmd.class, "processDefinitionId")).isEqualTo("def1");
    assertThat((Map<String, Object>) FormFieldGuard.field(start, SubmitStartFormCmd.class, "variables")).containsAllEntriesOf(VALUES);
    assertThat((String) FormFieldGuard.field(new GetTaskVariablesCmd("t1", null, false, true), GetTaskVariablesCmd.class, "taskId"))
        .isEqualTo("t1");
    assertThat((String) FormFieldGuard.field(new GetTaskVariableCmd("t1", "x", false), GetTaskVariableCmd.class, "variableName"))
        .isEqualTo("x");
    assertThat((String) FormFieldGuard.field(new GetTaskVariableCmdTyped("t1", "x", false, true), GetTaskVariableCmdTyped.class,
        "taskId")).isEqualTo("t1");
  }

  @Test
  void handoverShapes() {
    assertThat(FormFieldGuard.handover(new ClaimTaskCmd("t1", "liwei"))).isEqualTo(new Handover(Kind.CLAIM, "t1", "liwei"));
    assertThat(FormFieldGuard.handover(new ClaimTaskCmd("t1", null))).as("unclaim").isEqualTo(new Handover(Kind.CLAIM, "t1", null));
    assertThat(FormFieldGuard.handover(new AssignTaskCmd("t1", "liwei"))).isEqualTo(new Handover(Kind.ASSIGN, "t1", "liwei"));
    assertThat(FormFieldGuard.handover(new DelegateTaskCmd("t1", "liwei"))).isEqualTo(new Handover(Kind.DELEGATE, "t1", "liwei"));
    assertThat(FormFieldGuard.handover(new CompleteTaskCmd("t1", VALUES))).isNull();
  }

  @Test
  void startFormAndVariableReadShapes() {
    StartForm start = FormFieldGuard.startForm(new SubmitStartFormCmd("def1", "key1", VALUES));
    assertThat(start.processDefinitionId()).isEqualTo("def1");
    assertThat(start.values()).isEqualTo(VALUES);
    assertThat(FormFieldGuard.startForm(new SubmitStartFormCmd("def1", null, null)).values()).isEmpty();

    assertThat(FormFieldGuard.variableRead(new GetTaskVariablesCmd("t1", null, false, true))).isEqualTo(new VariableRead("t1", null));
    assertThat(FormFieldGuard.variableRead(new GetTaskFormVariablesCmd("t1", null, true))).isEqualTo(new VariableRead("t1", null));
    assertThat(FormFieldGuard.variableRead(new GetTaskVariableCmd("t1", "x", false))).isEqualTo(new VariableRead("t1", "x"));
    assertThat(FormFieldGuard.variableRead(new GetTaskVariableCmdTyped("t1", "x", false, true))).isEqualTo(new VariableRead("t1", "x"));
    assertThat(FormFieldGuard.variableRead(new GetTaskCommentsCmd("t1"))).isNull();
  }

  @Test
  void changesWithoutValuesAreEmptyNotNull() {
    assertThat(FormFieldGuard.change(new CompleteTaskCmd("t1", null))).isEqualTo(new FormFields.Change("t1", Map.of(), List.of()));
    assertThat(FormFieldGuard.change(new PatchTaskVariablesCmd("t1", null, null, false)))
        .isEqualTo(new FormFields.Change("t1", Map.of(), List.of()));
  }

  /** Variables of anything but a task, written in a person's own call, are refused: no shape is read for them. */
  @Test
  void anUnknownShapeThatWritesVariablesIsRefusedByDefault() {
    var execution = new SetExecutionVariablesCmd("e1", VALUES, false);
    var patch = new PatchExecutionVariablesCmd("e1", VALUES, List.of(), false);
    var removal = new RemoveExecutionVariablesCmd("e1", List.of("x"), false);
    for (var command : List.of(execution, patch, removal)) {
      assertThat(FormFieldGuard.change(command)).as(command.getClass().getSimpleName()).isNull();
      assertThat(FormFieldGuard.writesVariables(command)).as(command.getClass().getSimpleName()).isTrue();
    }
    assertThat(FormFieldGuard.writesVariables(new SetTaskVariablesCmd("t1", VALUES, true))).isTrue();
    assertThat(FormFieldGuard.writesVariables(new GetTaskVariablesCmd("t1", null, false, true))).isFalse();
    assertThat(FormFieldGuard.writesVariables(new ClaimTaskCmd("t1", "liwei"))).isFalse();
  }

  /** A field that is not where Camunda 7.24 keeps it refuses the command instead of letting it pass unread. */
  @Test
  void aFieldThatMovedRefusesTheCommand() {
    assertThatThrownBy(() -> FormFieldGuard.field(new ClaimTaskCmd("t1", "liwei"), ClaimTaskCmd.class, "assignee"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ClaimTaskCmd has no field assignee");
    assertThatThrownBy(() -> FormFieldGuard.field(new DelegateTaskCmd("t1", "liwei"), ClaimTaskCmd.class, "taskId"))
        .as("a command of another shape").isInstanceOf(IllegalStateException.class);
  }
}
