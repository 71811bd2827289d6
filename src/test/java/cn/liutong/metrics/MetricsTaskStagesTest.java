package cn.liutong.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.Stage;
import cn.liutong.rectification.RectificationProcess;

/** The stage of a user task follows from where the model draws it. */
class MetricsTaskStagesTest {

  @Test
  void everyTaskOfTheCycleBelongsToOneOfItsStages() throws IOException {
    Map<String, String> stages = stages(model("integrated-cycle.bpmn"), CycleProcess.KEY);
    assertThat(stages.values()).isNotEmpty().allSatisfy(stage -> assertThat(Stage.loop()).extracting(Stage::key).contains(stage));
    assertThat(stages).containsEntry("Task_DraftGoals", "plan")
        .containsEntry("Task_DecomposeGoals", "deploy")
        .containsEntry("Task_SignFor", "deploy")
        .containsEntry("Task_SuperviseSignFor", "deploy")
        .containsEntry("Task_Pledge", "implement")
        .containsEntry("Task_Inspect", "inspect")
        .containsEntry("Task_DutyReport", "assess")
        .containsEntry("Task_ApproveResults", "assess")
        .containsEntry("Task_RescoreBranch", "assess").containsEntry("Task_ConfirmResult", "assess")
        .containsEntry("Task_DecideMeasure", "accountability");
  }

  @Test
  void aProcessWithoutStagesIsItsOwnStage() throws IOException {
    assertThat(stages(model("rectification.bpmn"), RectificationProcess.KEY))
        .containsEntry("Task_VerifyRectification", "rectification")
        .containsEntry("Task_SuperviseRectification", "rectification")
        .allSatisfy((task, stage) -> assertThat(stage).isEqualTo("rectification"));
  }

  @Test
  void aNewTaskFindsItsStageWithoutACodeChange() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("Process_New")
        .startEvent()
        .subProcess("SubProcess_Implement").embeddedSubProcess()
          .startEvent().subProcess("SubProcess_Nested").embeddedSubProcess()
            .startEvent().userTask("Task_Nested").endEvent()
          .subProcessDone().endEvent()
        .subProcessDone()
        .exclusiveGateway().userTask("Task_AfterImplement").endEvent()
        .done();
    model.<SubProcess>getModelElementById("SubProcess_Implement").builder()
        .boundaryEvent("BoundaryEvent_Late").timerWithDuration("P7D").userTask("Task_Escalate").endEvent();

    assertThat(stages(model, "Process_New")).containsOnly(
        Map.entry("Task_Nested", "implement"),
        Map.entry("Task_AfterImplement", "implement"),
        Map.entry("Task_Escalate", "implement"));
  }

  private static Map<String, String> stages(BpmnModelInstance model, String processKey) {
    Map<String, String> stages = new TreeMap<>();
    model.getModelElementsByType(UserTask.class).forEach(t -> stages.put(t.getId(), TaskStages.stageOf(t, processKey)));
    return stages;
  }

  private static BpmnModelInstance model(String file) throws IOException {
    try (InputStream in = MetricsTaskStagesTest.class.getResourceAsStream("/models/" + file)) {
      return Bpmn.readModelFromStream(in);
    }
  }
}
