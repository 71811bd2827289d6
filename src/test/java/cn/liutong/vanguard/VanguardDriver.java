package cn.liutong.vanguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Drives one {@code vanguard-post} application as the people do: each step submitted as its owner. */
public final class VanguardDriver {

  public static final String DUTIES = "负责预算编审窗口的政策解答和材料预审，做到一次告知、限时办结";
  public static final String PLEDGE = "全年预算编审零差错，群众咨询当日答复，带头攻坚绩效评价难题";

  private final ProcessEngine engine;
  private ProcessInstance instance;

  public VanguardDriver(ProcessEngine engine) {
    this.engine = engine;
  }

  public static Map<String, Object> application(String postName) {
    return new HashMap<>(Map.of("postType", "pioneer", "postName", postName, "duties", DUTIES, "pledge", PLEDGE));
  }

  /** The member submits the start form in their own name (the engine sets the initiator). */
  public VanguardDriver apply(String member, Map<String, Object> form) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(VanguardProcess.KEY).latestVersion().singleResult().getId();
    instance = as(member, () -> engine.getFormService().submitStartForm(definitionId, form));
    return this;
  }

  public VanguardDriver apply(String member) {
    return apply(member, application("预算编审党员先锋岗"));
  }

  public ProcessInstance instance() {
    return instance;
  }

  public String postId() {
    return instance.getId();
  }

  public Task task(String activityId) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).list();
    assertThat(tasks).as("open tasks at " + activityId).hasSize(1);
    return tasks.get(0);
  }

  /** Submits the open task at {@code activityId} as {@code user}, with the engine's authorization checks. */
  public VanguardDriver submit(String user, String activityId, Map<String, Object> form) {
    String taskId = task(activityId).getId();
    as(user, () -> {
      engine.getFormService().submitTaskForm(taskId, form);
      return null;
    });
    return this;
  }

  public VanguardDriver reviewByBranch(String secretary, String decision, String reason) {
    return submit(secretary, VanguardProcess.Activity.REVIEW_BY_BRANCH, decision("branch", decision, reason));
  }

  public VanguardDriver reviewByCommittee(String member, String decision, String reason) {
    return submit(member, VanguardProcess.Activity.REVIEW_BY_COMMITTEE, decision("committee", decision, reason));
  }

  private static Map<String, Object> decision(String prefix, String decision, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put(prefix + "ReviewDecision", decision);
    if (reason != null) {
      form.put(prefix + "ReviewReason", reason);
    }
    return form;
  }

  /** Runs {@code work} authenticated as {@code user} with their groups and agencies, as the REST API would. */
  public <T> T as(String user, java.util.function.Supplier<T> work) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
        .map(Tenant::getId).toList();
    identity.setAuthentication(user, groups, tenants);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Removes the application (instance and register rows), so the member may apply again in another test. */
  public void remove(org.springframework.jdbc.core.JdbcTemplate jdbc) {
    if (instance == null) {
      return;
    }
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test finished");
    }
    jdbc.update("delete from lt_vanguard_fulfilment where post_id = ?", instance.getId());
    jdbc.update("delete from lt_vanguard_post where id = ?", instance.getId());
  }
}
