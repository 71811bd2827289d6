package cn.liutong.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.CycleProcess;

/**
 * The 六同 stage of each user task, read from the deployed model, so that a task an administrator adds to
 * a stage in Modeler needs no code change: the stage sub-process around the task; for a task drawn outside
 * the stages, the stage it follows (walking back along the sequence flows, as {@code Task_ApproveResults}
 * follows {@code SubProcess_Assess}); in a process without stages, its key ({@code rectification}).
 * Cached per process definition id: a deployed definition never changes.
 */
@Component
class TaskStages {

  /** Where a process definition's user tasks belong. */
  record Definition(String processKey, Map<String, String> stageOfTask) {
    String stageOf(String taskDefinitionKey) {
      return stageOfTask.getOrDefault(taskDefinitionKey, processKey);
    }
  }

  private final RepositoryService repositoryService;
  private final Map<String, Definition> definitions = new ConcurrentHashMap<>();

  TaskStages(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  Definition of(String processDefinitionId) {
    return definitions.computeIfAbsent(processDefinitionId, this::read);
  }

  private Definition read(String processDefinitionId) {
    String key = repositoryService.getProcessDefinition(processDefinitionId).getKey();
    Map<String, String> stages = new HashMap<>();
    for (UserTask task : repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementsByType(UserTask.class)) {
      if (key.equals(processOf(task).getId())) {
        stages.put(task.getId(), stageOf(task, key));
      }
    }
    return new Definition(key, Map.copyOf(stages));
  }

  static String stageOf(FlowNode task, String processKey) {
    FlowNode outermost = task;
    for (ModelElementInstance scope = task.getParentElement(); scope instanceof SubProcess subProcess;
        scope = subProcess.getParentElement()) {
      if (CycleProcess.STAGES.containsKey(subProcess.getId())) {
        return CycleProcess.STAGES.get(subProcess.getId());
      }
      outermost = subProcess;
    }
    Queue<FlowNode> queue = new ArrayDeque<>(List.of(outermost));
    Set<FlowNode> seen = new HashSet<>(queue);
    while (!queue.isEmpty()) {
      FlowNode node = queue.remove();
      String stage = CycleProcess.STAGES.get(node.getId());
      if (stage != null) {
        return stage;
      }
      predecessors(node).stream().filter(seen::add).forEach(queue::add);
    }
    return processKey;
  }

  private static List<FlowNode> predecessors(FlowNode node) {
    List<FlowNode> previous = new ArrayList<>(node.getPreviousNodes().list());
    if (node instanceof BoundaryEvent boundary) {
      previous.add(boundary.getAttachedTo());
    }
    return previous;
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance scope = element;
    while (!(scope instanceof Process)) {
      scope = scope.getParentElement();
    }
    return (Process) scope;
  }
}
