package cn.liutong.dashboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.Stage;
import cn.liutong.cycle.StageModel;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;
import cn.liutong.organisation.TaskTitles;
import cn.liutong.system.EngineReads;
import cn.liutong.system.JsonVariables;

/**
 * The dashboard's only door to the engine, and only to its runtime: the activity-instance tree of a
 * running cycle, the branch each branch sub-process instance runs for, open tasks past their due date.
 * Nothing here reads history, so the cost of a request does not grow with the years.
 */
@Component
class CycleRuntime {

  private static final String MI_BODY_SUFFIX = "#" + ActivityTypes.MULTI_INSTANCE_BODY;

  /** What a branch waits for once its own part of a branch stage (by the stage it is) is done. */
  private static final Map<Stage, String> WAITING_FOR_OTHERS = Map.of(
      Stage.DEPLOY, "已签收，待其他支部签收后开始落实",
      Stage.IMPLEMENT, "本支部落实方案和承诺已完成，待其他支部完成后开始考核",
      Stage.INSPECT, "本支部本轮督查已完成，待其他支部督查完成后发布督查通报",
      Stage.ASSESS, "本支部考核评分已完成，待其他支部完成后报党组审定",
      Stage.ACCOUNTABILITY, "本支部问责研判已完成，待其他支部完成后周期结束");

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final JsonVariables json;

  private final OrganisationDirectory organisation;
  private final StageModel stages;

  CycleRuntime(ProcessEngine engine, JsonVariables json, OrganisationDirectory organisation, StageModel stages) {
    this.organisation = organisation;
    this.stages = stages;
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
    this.json = json;
  }

  String engineName() {
    return engine.getName();
  }

  /**
   * Runs engine reads without the caller's authorizations, as Camunda's own webapp does for its
   * infrastructure reads: what the caller may see is decided before, by the ledger's visibility rules,
   * which give the party group its whole agency although the engine lets it read only its own tasks.
   */
  <T> T unrestricted(Supplier<T> read) {
    return EngineReads.withoutCaller(identity, read);
  }

  /** Where a branch (or the whole agency) stands: the stage, the steps open now, the instance to link. */
  record Position(Stage stage, List<String> steps, boolean waiting, String activityInstanceId, String activityId) {
  }

  /** A running cycle at one moment; {@link #NOT_RUNNING} once its instance has ended. */
  record Progress(Position agency, Map<String, Position> branches, String branchStage,
      Map<String, String> branchOfExecution, StageModel.Definition model, Set<Stage> runningStages) {

    static final Progress NOT_RUNNING = new Progress(null, Map.of(), null, Map.of(), null, Set.of());

    boolean running() {
      return agency != null;
    }

    /** Where a branch taking part in the cycle stands. */
    Position of(String branchCode) {
      Position own = branches.get(branchCode);
      if (own != null) {
        return own;
      }
      if (branchStage != null) {
        Stage ownStage = model.stageOf(branchStage).orElseThrow();
        Stage after = model.afterBranchStage(branchStage);
        // a stage running beside (同检查 beside 同落实) is where a branch done with its own part stands meanwhile
        Stage beside = runningStages.stream().filter(s -> s.compareTo(ownStage) > 0 && s.compareTo(after) < 0)
            .max(Comparator.naturalOrder()).orElse(after);
        return new Position(beside, List.of(WAITING_FOR_OTHERS.get(ownStage)), true, null, null);
      }
      return agency;
    }
  }

  Progress progress(String processInstanceId) {
    ActivityInstance root = runtime.getActivityInstance(processInstanceId);
    if (root == null) {
      return Progress.NOT_RUNNING;
    }
    // The multi-instance element variable lives on each branch's concurrent execution, whose activity
    // instance is the branch's sub-process instance: one query maps them all.
    Map<String, String> branchOfInstance = new HashMap<>();
    for (VariableInstance variable : runtime.createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
        .variableName(CycleProcess.Var.BRANCH_CODE).list()) {
      if (variable.getActivityInstanceId() != null && variable.getValue() instanceof String code) {
        branchOfInstance.putIfAbsent(variable.getActivityInstanceId(), code);
      }
    }
    TreeReader reader = new TreeReader(branchOfInstance, stages.of(root.getProcessDefinitionId()));
    for (ActivityInstance child : root.getChildActivityInstances()) {
      reader.top(child);
    }
    return reader.progress();
  }

  private static final class TreeReader {
    private final Map<String, String> branchOfInstance;
    private final StageModel.Definition model;
    private final Map<String, Position> branches = new LinkedHashMap<>();
    private final Map<String, String> branchOfExecution = new HashMap<>();
    private final List<ActivityInstance> agencyLeaves = new ArrayList<>();
    private Stage agencyStage;
    private String branchStage;
    private final Set<Stage> running = EnumSet.noneOf(Stage.class);

    TreeReader(Map<String, String> branchOfInstance, StageModel.Definition model) {
      this.branchOfInstance = branchOfInstance;
      this.model = model;
    }

    /** The whole agency is in the stage of a top-level activity that is not a branch stage. */
    void top(ActivityInstance top) {
      if (agencyStage == null && !top.getActivityId().endsWith(MI_BODY_SUFFIX)) {
        agencyStage = model.stageOf(top.getActivityId()).orElse(null);
      }
      visit(top);
    }

    private void visit(ActivityInstance instance) {
      String activityId = instance.getActivityId();
      model.stageOf(activityId).ifPresent(running::add);
      if (activityId.endsWith(MI_BODY_SUFFIX)) {
        String inner = activityId.substring(0, activityId.length() - MI_BODY_SUFFIX.length());
        if (model.isBranchStage(inner)) {
          branchStage = inner;
          if (agencyStage == null) {
            agencyStage = model.stageOf(inner).orElseThrow();
          }
          for (ActivityInstance branchInstance : instance.getChildActivityInstances()) {
            branch(inner, branchInstance);
          }
          return;
        }
      }
      if (instance.getChildActivityInstances().length == 0) {
        agencyLeaves.add(instance);
      }
      for (ActivityInstance child : instance.getChildActivityInstances()) {
        visit(child);
      }
    }

    private void branch(String stageActivity, ActivityInstance instance) {
      String code = branchOfInstance.get(instance.getId());
      if (code == null) {
        return;
      }
      List<ActivityInstance> leaves = new ArrayList<>();
      collect(instance, code, leaves);
      Stage stage = model.stageOf(stageActivity).orElseThrow();
      // a branch whose open steps belong to a later stage inside the stage sub-process (同检查 in 同落实) is there
      for (ActivityInstance leaf : leaves) {
        Stage step = model.stageOf(leaf.getActivityId()).orElse(stage);
        if (step.compareTo(stage) > 0) {
          stage = step;
        }
      }
      branches.put(code, new Position(stage, steps(leaves), false, instance.getId(), stageActivity));
    }

    private void collect(ActivityInstance instance, String code, List<ActivityInstance> leaves) {
      for (String executionId : instance.getExecutionIds()) {
        branchOfExecution.put(executionId, code);
      }
      for (TransitionInstance transition : instance.getChildTransitionInstances()) {
        branchOfExecution.put(transition.getExecutionId(), code);
      }
      if (instance.getChildActivityInstances().length == 0) {
        leaves.add(instance);
      }
      for (ActivityInstance child : instance.getChildActivityInstances()) {
        collect(child, code, leaves);
      }
    }

    Progress progress() {
      ActivityInstance first = agencyLeaves.isEmpty() ? null : agencyLeaves.get(0);
      Position agency = new Position(agencyStage, steps(agencyLeaves), false,
          first == null ? null : first.getId(), first == null ? null : first.getActivityId());
      return new Progress(agency, branches, branchStage, branchOfExecution, model, Set.copyOf(running));
    }

    /** The open steps by name; a step open for several members at once is named once, with the count. */
    private static List<String> steps(List<ActivityInstance> leaves) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (ActivityInstance leaf : leaves) {
        String name = leaf.getActivityName() == null ? leaf.getActivityId() : leaf.getActivityName();
        if (ActivityTypes.INTERMEDIATE_EVENT_TIMER.equals(leaf.getActivityType())) {
          name = "等待：" + name;
        }
        counts.merge(name, 1, Integer::sum);
      }
      return counts.entrySet().stream()
          .map(e -> e.getValue() > 1 ? e.getKey() + "（" + e.getValue() + "项）" : e.getKey()).toList();
    }
  }

  /** The branches fixed when the committee decomposed the goals; empty before that. */
  List<BranchRef> participants(String processInstanceId) {
    return runtime.createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
        .variableName(CycleProcess.Var.BRANCH_OPTIONS).list().stream()
        .filter(v -> processInstanceId.equals(v.getExecutionId()))
        .findFirst()
        .map(v -> {
          List<BranchRef> refs = new ArrayList<>();
          for (JsonNode option : json.tree(v.getValue())) {
            refs.add(new BranchRef(option.path("value").asText(), option.path("label").asText()));
          }
          return refs;
        })
        .orElse(List.of());
  }

  /** Which of these process instances still run. */
  Set<String> running(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Set.of();
    }
    return runtime.createProcessInstanceQuery().processInstanceIds(new HashSet<>(processInstanceIds)).list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
  }

  /**
   * An open user task past its due date, with who has to act (a person, or the groups that may) and the
   * candidate groups, which stay on the task after someone claims it.
   */
  record PastDueTask(String id, String name, String processInstanceId, String executionId, Date due, String handler,
      Set<String> candidateGroups) {
  }

  List<PastDueTask> pastDueTasks(Collection<String> processInstanceIds, Date now) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    List<Task> late = tasks.createTaskQuery().processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .dueBefore(now).orderByDueDate().asc().orderByTaskName().asc().list();
    Map<String, Set<String>> groupsOfTask = new HashMap<>();
    Set<String> groupIds = new HashSet<>();
    Set<String> userIds = new HashSet<>();
    for (Task task : late) {
      if (task.getAssignee() != null) {
        userIds.add(task.getAssignee());
      }
      Set<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).collect(Collectors.toCollection(LinkedHashSet::new));
      groupsOfTask.put(task.getId(), groups);
      groupIds.addAll(groups);
    }
    Map<String, String> groupNames = groupIds.isEmpty() ? Map.of()
        : identity.createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).list().stream()
            .collect(Collectors.toMap(Group::getId, g -> g.getName() == null ? g.getId() : g.getName()));
    Map<String, String> userNames = userNames(userIds);
    return late.stream().map(task -> {
      Set<String> groups = groupsOfTask.getOrDefault(task.getId(), Set.of());
      String handler = task.getAssignee() != null ? userNames.getOrDefault(task.getAssignee(), task.getAssignee())
          : groups.stream().map(id -> groupNames.getOrDefault(id, id)).collect(Collectors.joining("、"));
      // the dashboard's rows name the branch and cycle themselves: the step is enough
      return new PastDueTask(task.getId(), TaskTitles.step(task.getName()), task.getProcessInstanceId(), task.getExecutionId(),
          task.getDueDate(), handler, groups);
    }).toList();
  }

  /** The open steps of these process instances by name, per instance, the earliest first. */
  Map<String, List<String>> openSteps(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    return tasks.createTaskQuery().processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .orderByTaskCreateTime().asc().list().stream()
        .collect(Collectors.groupingBy(Task::getProcessInstanceId,
            Collectors.mapping(task -> TaskTitles.step(task.getName()), Collectors.toList())));
  }

  /** The authentication of the caller, taken before {@link #unrestricted} clears it. */
  Authentication caller() {
    return identity.getCurrentAuthentication();
  }

  /**
   * Which of these tasks the caller could open in Tasklist: the engine's own task query as the caller,
   * with their authorizations and tenants, so that a link is offered only where it leads somewhere.
   */
  Set<String> readableTasks(Authentication caller, Collection<String> taskIds) {
    if (caller == null || taskIds.isEmpty()) {
      return Set.of();
    }
    Authentication current = identity.getCurrentAuthentication();
    identity.setAuthentication(caller);
    try {
      return tasks.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).list().stream()
          .map(Task::getId).collect(Collectors.toSet());
    } finally {
      if (current == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(current);
      }
    }
  }

  /** People's names by user id, as {@link OrganisationDirectory#userNames} reads them. */
  Map<String, String> userNames(Collection<String> userIds) {
    return organisation.userNames(userIds);
  }

  Map<String, String> agencyNames(Collection<String> agencyIds) {
    return organisation.agencyNames(agencyIds);
  }
}
