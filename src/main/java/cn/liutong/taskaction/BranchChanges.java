package cn.liutong.taskaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.OrganisationImported;
import cn.liutong.system.EngineReads;
import cn.liutong.system.JsonVariables;

/**
 * A branch founded or detached while a cycle runs (an organisation import), by one rule:
 * <ul>
 * <li><b>founded</b> (联合党支部, a temporary branch for a project): it joins the cycle's branch stages that start
 * from now on (同落实, the next inspection round, 同考核, 同问责); a stage already running does not fan out again.
 * Before the committee has decomposed the goals it is offered in the decomposition like any branch.</li>
 * <li><b>detached</b> (merged, dissolved): it takes part in no stage that starts from now on; in the stage that
 * runs, its part ends where the stage can stop waiting for a branch (同部署's sign-for, 同落实: as with 推进),
 * and any other open task of it (a round's report, its assessment) goes to the agency's committee, so nothing
 * is left without someone who can do it.</li>
 * </ul>
 * Followed right after an organisation import and, for changes made in Camunda Admin, on the due-scan schedule.
 * Both are the cycle's participants ({@code branchOptions}), which every branch stage fans out over. Each task
 * ended or handed on is recorded like a person's action ({@code detach}, actor {@code system}) with a comment.
 */
@Component
class BranchChanges {

  private static final Logger LOG = LoggerFactory.getLogger(BranchChanges.class);
  static final String VALUE = "value";
  static final String LABEL = "label";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final OrganisationDirectory organisation;
  private final TaskActions actions;
  private final JsonVariables json;

  BranchChanges(RuntimeService runtime, TaskService tasks, IdentityService identity, OrganisationDirectory organisation,
      TaskActions actions, JsonVariables json) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.organisation = organisation;
    this.actions = actions;
    this.json = json;
  }

  /** Right after an import has committed, for its agencies' running cycles. */
  @EventListener
  void imported(OrganisationImported imported) {
    follow(imported.agencyIds());
  }

  /**
   * On the due-scan schedule, for changes made elsewhere (a branch group detached from its agency's tenant in
   * Camunda Admin): every agency with a running cycle.
   */
  @Scheduled(cron = "${liutong.notifications.due-scan-cron}", zone = "${liutong.time-zone}")
  void scheduled() {
    follow(engine(() -> runtime.createProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY).active().list())
        .stream().map(ProcessInstance::getTenantId).filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
  }

  void follow(java.util.Collection<String> agencyIds) {
    for (String agencyId : agencyIds) {
      try {
        engine(() -> {
          runningCycles(agencyId).forEach(cycle -> follow(cycle, agencyId));
          return null;
        });
      } catch (RuntimeException e) { // the import stands; the committee still sees the cycle as it was
        LOG.warn("Running cycles of {} did not follow the organisation import: {}", agencyId, e.toString());
      }
    }
  }

  private List<ProcessInstance> runningCycles(String agencyId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY).tenantIdIn(agencyId).active().list();
  }

  /** The cycle's participants follow the organisation; a detached branch's open work ends or goes to the committee. */
  private void follow(ProcessInstance cycle, String agencyId) {
    Object options = runtime.getVariable(cycle.getId(), CycleProcess.Var.BRANCH_OPTIONS);
    if (options == null) {
      return; // before 同部署 loads the branches: the cycle takes them as they will be then
    }
    Map<String, String> now = new LinkedHashMap<>();
    organisation.branches(agencyId).forEach(b -> now.put(b.code(), b.name()));
    Map<String, String> participants = new LinkedHashMap<>();
    Set<String> detached = new LinkedHashSet<>();
    for (JsonNode option : json.tree(options)) {
      String code = option.path(VALUE).asText();
      if (now.containsKey(code)) {
        participants.put(code, option.path(LABEL).asText());
      } else {
        detached.add(code);
      }
    }
    List<String> founded = now.keySet().stream().filter(code -> !participants.containsKey(code) && !detached.contains(code))
        .toList();
    if (detached.isEmpty() && founded.isEmpty()) {
      return;
    }
    founded.forEach(code -> participants.put(code, now.get(code)));
    List<Map<String, String>> list = new ArrayList<>();
    participants.forEach((code, name) -> list.add(Map.of(LABEL, name, VALUE, code)));
    runtime.setVariable(cycle.getId(), CycleProcess.Var.BRANCH_OPTIONS, json.json(list));
    LOG.info("Cycle {}: branches {} joined, {} left its coming stages", cycle.getId(), founded, detached);
    detached.forEach(code -> leave(cycle.getId(), code));
  }

  private void leave(String cycleId, String branchCode) {
    for (Task task : tasks.createTaskQuery().processInstanceId(cycleId).active().list()) {
      if (!branchCode.equals(tasks.getVariable(task.getId(), CycleProcess.Var.BRANCH_CODE))) {
        continue;
      }
      TaskActions.Work work = new TaskActions.Work(task, task.getTenantId(), branchCode, TaskActions.Level.BRANCH, List.of());
      String stage = TaskActions.waitingStage(runtime, cycleId, branchCode);
      if (stage != null) {
        actions.record(work, TaskAction.DETACH, TaskEscalations.SYSTEM, List.of(), "支部已撤销", "撤销：本支部已撤销，"
            + "其在本阶段未办结的事项随之结束", id -> {
              runtime.messageEventReceived(CycleProcess.BRANCH_PROCEEDED, stage);
              return 0;
            });
        continue;
      }
      if (tasks.createTaskQuery().taskId(task.getId()).active().count() == 0) {
        continue; // ended with the stage above
      }
      String committee = GroupIds.committee(task.getTenantId());
      actions.record(work, TaskAction.DETACH, TaskEscalations.SYSTEM, List.of(), "支部已撤销",
          "撤销：本支部已撤销，此项任务交由机关党委办理", id -> {
            tasks.setAssignee(task.getId(), null);
            tasks.addCandidateGroup(task.getId(), committee);
            return 0;
          });
    }
  }

  private <T> T engine(java.util.function.Supplier<T> work) {
    return EngineReads.withoutCaller(identity, work);
  }
}
