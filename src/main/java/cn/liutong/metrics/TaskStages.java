package cn.liutong.metrics;

import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.Stage;
import cn.liutong.cycle.StageModel;

/**
 * The metrics' name for where a user task belongs: the key of its {@link Stage} as {@link StageModel}
 * reads it from the deployed model; in a process without stages, the process key ({@code rectification}).
 */
@Component
class TaskStages {

  /** Where a process definition's user tasks belong. */
  record Definition(StageModel.Definition stages) {
    String processKey() {
      return stages.processKey();
    }

    String stageOf(String taskDefinitionKey) {
      return stages.stageOf(taskDefinitionKey).map(Stage::key).orElse(stages.processKey());
    }
  }

  private final StageModel stageModel;

  TaskStages(StageModel stageModel) {
    this.stageModel = stageModel;
  }

  Definition of(String processDefinitionId) {
    return new Definition(stageModel.of(processDefinitionId));
  }

  static String stageOf(FlowNode task, String processKey) {
    return StageModel.of(task).map(Stage::key).orElse(processKey);
  }
}
