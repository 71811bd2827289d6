package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.junit.jupiter.api.Test;

/**
 * The policy reads Camunda 7.24's command fields by reflection: one check per command, so that an upgrade
 * that renames a field fails here, fast, instead of letting a change through.
 */
class ChangePolicyCommandsTest {

  private static final Map<String, Object> VALUES = Map.of("objection", "理由");

  @Test
  void taskChangingCommands() {
    assertThat(ChangePolicy.change(new SubmitTaskFormCmd("t1", VALUES, false, false)))
        .isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(ChangePolicy.change(new CompleteTaskCmd("t1", VALUES))).isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(ChangePolicy.change(new ResolveTaskCmd("t1", VALUES))).isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(ChangePolicy.change(new SetTaskVariablesCmd("t1", VALUES, true)))
        .isEqualTo(new FormFields.Change("t1", VALUES, List.of()));
    assertThat(ChangePolicy.change(new PatchTaskVariablesCmd("t1", VALUES, List.of("cycleId"), false)))
        .isEqualTo(new FormFields.Change("t1", VALUES, List.of("cycleId")));
    assertThat(ChangePolicy.change(new RemoveTaskVariablesCmd("t1", List.of("cycleId"), false)))
        .isEqualTo(new FormFields.Change("t1", Map.of(), List.of("cycleId")));
  }

  @Test
  void assignmentCommands() {
    ClaimTaskCmd claim = new ClaimTaskCmd("t1", "liwei");
    assertThat((String) ChangePolicy.field(claim, ClaimTaskCmd.class, "taskId")).isEqualTo("t1");
    assertThat((String) ChangePolicy.field(claim, ClaimTaskCmd.class, "userId")).isEqualTo("liwei");
    AssignTaskCmd assign = new AssignTaskCmd("t1", "liwei");
    assertThat((String) ChangePolicy.field(assign, AbstractSetTaskPropertyCmd.class, "taskId")).isEqualTo("t1");
    assertThat((String) ChangePolicy.field(assign, AbstractAddIdentityLinkCmd.class, "userId")).isEqualTo("liwei");
    DelegateTaskCmd delegate = new DelegateTaskCmd("t1", "liwei");
    assertThat((String) ChangePolicy.field(delegate, DelegateTaskCmd.class, "userId")).isEqualTo("liwei");
  }

  @Test
  void startAndReadCommands() {
    SubmitStartFormCmd start = new SubmitStartFormCmd("def1", null, VALUES);
    assertThat((String) ChangePolicy.field(start, SubmitStartFormCmd.class, "processDefinitionId")).isEqualTo("def1");
    assertThat((Map<String, Object>) ChangePolicy.field(start, SubmitStartFormCmd.class, "variables")).containsAllEntriesOf(VALUES);
    assertThat((String) ChangePolicy.field(new GetTaskVariablesCmd("t1", null, false, true), GetTaskVariablesCmd.class, "taskId"))
        .isEqualTo("t1");
    assertThat((String) ChangePolicy.field(new GetTaskVariableCmd("t1", "x", false), GetTaskVariableCmd.class, "variableName"))
        .isEqualTo("x");
    assertThat((String) ChangePolicy.field(new GetTaskVariableCmdTyped("t1", "x", false, true), GetTaskVariableCmdTyped.class,
        "taskId")).isEqualTo("t1");
  }
}
