package cn.liutong.cycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * The {@link Stage} of every activity, read from the deployed model, so that a task an administrator adds
 * to a stage in Modeler needs no code change: the element itself if it opens a stage, else the stage
 * sub-process around it, else the stage it follows (walking back along the sequence flows, as
 * {@code Task_ApproveResults} follows {@code SubProcess_Assess}). A process without stages has none.
 * Cached per process definition id: a deployed definition never changes.
 */
@Component
public class StageModel {

  /** Where a process definition's activities belong. */
  public record Definition(String processKey, Map<String, Stage> stageOfActivity, Map<String, Stage> afterBranchStage) {

    public Optional<Stage> stageOf(String activityId) {
      return Optional.ofNullable(stageOfActivity.get(activityId));
    }

    /** Whether the activity is a stage the branches run once each (a multi-instance stage sub-process). */
    public boolean isBranchStage(String activityId) {
      return afterBranchStage.containsKey(activityId);
    }

    /** Where a branch stands once its own part of a branch stage is done and the other branches' is not. */
    public Stage afterBranchStage(String activityId) {
      return afterBranchStage.get(activityId);
    }
  }

  private final RepositoryService repositoryService;
  private final Map<String, Definition> definitions = new ConcurrentHashMap<>();

  public StageModel(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public Definition of(String processDefinitionId) {
    return definitions.computeIfAbsent(processDefinitionId, id -> read(
        repositoryService.getProcessDefinition(id).getKey(), repositoryService.getBpmnModelInstance(id)));
  }

  /** The stages of the activities of process {@code processKey} in {@code model}. */
  public static Definition read(String processKey, BpmnModelInstance model) {
    Map<String, Stage> stages = new HashMap<>();
    Map<String, Stage> after = new HashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!processKey.equals(processOf(node).getId())) {
        continue;
      }
      of(node).ifPresent(stage -> stages.put(node.getId(), stage));
      if (node instanceof SubProcess sub && sub.getLoopCharacteristics() != null && Stage.openedBy(sub.getId()).isPresent()) {
        after.put(sub.getId(), following(sub).orElse(Stage.openedBy(sub.getId()).get()));
      }
    }
    return new Definition(processKey, Map.copyOf(stages), Map.copyOf(after));
  }

  /** The stage of one activity, if it belongs to one. */
  public static Optional<Stage> of(FlowNode node) {
    Optional<Stage> own = Stage.openedBy(node.getId());
    if (own.isPresent()) {
      return own;
    }
    FlowNode outermost = node;
    for (ModelElementInstance scope = node.getParentElement(); scope instanceof SubProcess subProcess;
        scope = subProcess.getParentElement()) {
      Optional<Stage> enclosing = Stage.openedBy(subProcess.getId());
      if (enclosing.isPresent()) {
        return enclosing;
      }
      outermost = subProcess;
    }
    Queue<FlowNode> queue = new ArrayDeque<>(List.of(outermost));
    Set<FlowNode> seen = new HashSet<>(queue);
    while (!queue.isEmpty()) {
      FlowNode previous = queue.remove();
      Optional<Stage> stage = Stage.openedBy(previous.getId());
      if (stage.isPresent()) {
        return stage;
      }
      predecessors(previous).stream().filter(seen::add).forEach(queue::add);
    }
    return Optional.empty();
  }

  /** The stage of the first user task after {@code node}, leaving and entering sub-processes on the way. */
  private static Optional<Stage> following(FlowNode node) {
    Queue<FlowNode> queue = new ArrayDeque<>(node.getSucceedingNodes().list());
    Set<FlowNode> seen = new HashSet<>(queue);
    while (!queue.isEmpty()) {
      FlowNode next = queue.remove();
      if (next instanceof UserTask) {
        return of(next);
      }
      successors(next).stream().filter(seen::add).forEach(queue::add);
    }
    return Optional.empty();
  }

  /** The nodes a token reaches next: into a sub-process through its start, out of one through its end. */
  private static List<FlowNode> successors(FlowNode node) {
    if (node instanceof SubProcess sub) {
      List<FlowNode> starts = sub.getChildElementsByType(StartEvent.class).stream()
          .filter(start -> start.getEventDefinitions().isEmpty()).<FlowNode>map(start -> start).toList();
      if (!starts.isEmpty()) {
        return starts;
      }
    }
    List<FlowNode> next = new ArrayList<>(node.getSucceedingNodes().list());
    if (node instanceof EndEvent && node.getParentElement() instanceof SubProcess parent) {
      next.addAll(parent.getSucceedingNodes().list());
    }
    return next;
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
