package cn.liutong.taskaction;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.liutong.notification.TaskMessages;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.OrganisationImported;
import cn.liutong.system.EngineReads;

/**
 * Nothing waits on someone who has gone: a member who left their branch or moved to another (an organisation
 * import, Camunda Admin) hands their open member tasks of that branch to the branch's secretary; a secretary who is
 * no longer one gives a branch's task they had claimed back to the branch's secretaries. Checked as soon as an
 * organisation import has committed ({@link OrganisationImported}, for its agencies), and on the due-scan schedule
 * ({@code liutong.notifications.due-scan-cron}) for changes made elsewhere (Camunda Admin); each handover is
 * recorded like a person's action (a {@code handover} row of {@code lt_task_action}, actor {@code system}, and a
 * comment on the task), and the secretary is told (转办).
 */
@Component
class TaskHandovers {

  private static final Logger LOG = LoggerFactory.getLogger(TaskHandovers.class);
  private static final int MAX_TASKS = 20000;

  private final TaskService tasks;
  private final IdentityService identity;
  private final TaskActions actions;
  private final TaskMessages messages;
  private final OrganisationDirectory organisation;

  TaskHandovers(TaskService tasks, IdentityService identity, TaskActions actions, TaskMessages messages,
      OrganisationDirectory organisation) {
    this.tasks = tasks;
    this.identity = identity;
    this.actions = actions;
    this.messages = messages;
    this.organisation = organisation;
  }

  @Scheduled(cron = "${liutong.notifications.due-scan-cron}", zone = "${liutong.time-zone}")
  void scheduled() {
    try {
      LOG.debug("Handover scan: {} tasks handed over", scan());
    } catch (RuntimeException e) {
      LOG.warn("Handover scan failed: {}", e.toString());
    }
  }

  /** Right after an import, before it returns: the imported agencies' tasks. */
  @EventListener
  void imported(OrganisationImported imported) {
    if (imported.agencyIds().isEmpty()) {
      return;
    }
    try {
      LOG.debug("Handover after the organisation import: {} tasks handed over",
          scan(tasks.createTaskQuery().tenantIdIn(imported.agencyIds().toArray(String[]::new))));
    } catch (RuntimeException e) { // the import stands; the scheduled scan tries again
      LOG.warn("Handover after the organisation import failed: {}", e.toString());
    }
  }

  /** One scan over the claimed open tasks; the number handed over. */
  int scan() {
    return scan(tasks.createTaskQuery());
  }

  private int scan(TaskQuery query) {
    List<Task> claimed = engine(() -> query.active().taskAssigned().orderByTaskCreateTime().asc()
        .listPage(0, MAX_TASKS));
    int handed = 0;
    for (Task task : claimed) {
      if (task.getTenantId() == null) {
        continue;
      }
      try {
        handed += handOver(task) ? 1 : 0;
      } catch (RuntimeException e) { // completed meanwhile: the next scan sees it no more
        LOG.debug("Handover of task {} skipped: {}", task.getId(), e.toString());
      }
    }
    return handed;
  }

  private boolean handOver(Task task) {
    TaskActions.Work work = engine(() -> actions.classify(task));
    String person = task.getAssignee();
    String branch = work.branchCode();
    return switch (work.level()) {
      case MEMBER -> !inGroup(person, GroupIds.branchMembers(branch)) && toSecretary(work, person);
      case BRANCH -> !inGroup(person, GroupIds.branchSecretaries(branch)) && backToBranch(work, person);
      case AGENCY, COSIGN -> false;
    };
  }

  private boolean toSecretary(TaskActions.Work work, String leaver) {
    List<String> secretaries = engine(() -> identity.createUserQuery()
        .memberOfGroup(GroupIds.branchSecretaries(work.branchCode())).orderByUserId().asc().list())
        .stream().map(User::getId).filter(id -> !id.equals(leaver)).toList();
    if (secretaries.isEmpty()) {
      LOG.warn("Task {} of {} who left branch {}: the branch has no secretary to take it", work.task().getId(), leaver,
          work.branchCode());
      return false;
    }
    String secretary = secretaries.get(0);
    String comment = "交接：" + name(leaver) + "已不在" + branchName(work) + "，任务交由支部书记" + name(secretary) + "办理";
    actions.record(work, TaskAction.HANDOVER, TaskEscalations.SYSTEM, List.of(secretary), "原办理人已不在本支部", comment,
        id -> {
          tasks.setAssignee(work.task().getId(), secretary);
          return messages.handedOver(work.task(), secretary, id);
        });
    return true;
  }

  private boolean backToBranch(TaskActions.Work work, String former) {
    String comment = "交接：" + name(former) + "已不是" + branchName(work) + "的支部委员，任务退回本支部待认领";
    actions.record(work, TaskAction.HANDOVER, TaskEscalations.SYSTEM, List.of(), "原办理人已不是支部委员", comment, id -> {
      tasks.setAssignee(work.task().getId(), null);
      return 0;
    });
    return true;
  }

  private boolean inGroup(String userId, String groupId) {
    return engine(() -> identity.createUserQuery().userId(userId).memberOfGroup(groupId).count()) > 0;
  }

  private String branchName(TaskActions.Work work) {
    return engine(() -> organisation.branches(work.agencyId())).stream().filter(b -> b.code().equals(work.branchCode()))
        .map(OrganisationDirectory.BranchRef::name).findFirst().orElse(work.branchCode());
  }

  private String name(String userId) {
    return engine(() -> organisation.userNames(List.of(userId))).getOrDefault(userId, userId);
  }

  private <T> T engine(java.util.function.Supplier<T> read) {
    return EngineReads.withoutCaller(identity, read);
  }
}
