package cn.liutong.organisation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Saved Tasklist filters in Chinese, one set for the whole installation; each group type may read the
 * ones its people need (granted by {@link OrganisationWriter}). What a filter shows is still limited by
 * the engine's authorization and tenant checks.
 */
@Component
class TaskFilters {

  static final String MINE = "我的待办";
  static final String MY_BRANCH = "本支部待办";
  static final String TO_APPROVE = "待我审批";
  static final String OVERDUE = "已逾期";
  static final String AGENCY_OVERDUE = "本机关已逾期";
  static final String AGENCY = "本机关全部待办";

  /** Raised whenever a filter's query or properties change, so that saved filters are updated once. */
  static final int VERSION = 7;

  /** Tasks that are an approval or a verification by the party group or the committee. */
  static final List<String> APPROVAL_TASKS = List.of("Task_ApproveGoals", "Task_ApproveResults", "Task_DecideMeasure",
      "Task_ReviewRectificationPlan", "Task_VerifyRectification", "Task_ApproveReply",
      "Task_ReviewByCommittee", "Task_ApproveAdjustment", "Task_ApproveReview", "Task_ReviewExtension");

  static final Map<String, List<String>> BY_GROUP_TYPE = Map.of(
      GroupIds.TYPE_COMMITTEE, List.of(MINE, TO_APPROVE, OVERDUE, AGENCY_OVERDUE, AGENCY),
      GroupIds.TYPE_PARTY_GROUP, List.of(MINE, TO_APPROVE, OVERDUE),
      GroupIds.TYPE_BRANCH_SECRETARIES, List.of(MINE, MY_BRANCH, OVERDUE),
      GroupIds.TYPE_BRANCH, List.of(MINE));

  private final FilterService filterService;
  private final TaskService taskService;

  TaskFilters(FilterService filterService, TaskService taskService) {
    this.filterService = filterService;
    this.taskService = taskService;
  }

  /** Creates the filters that do not exist yet and brings the others' queries up to date; returns their ids. */
  Map<String, String> ensure() {
    Map<String, String> ids = new LinkedHashMap<>();
    // where everyone lands: what the user can act on now, their own tasks and their groups' unclaimed ones
    ids.put(MINE, filter(MINE, -20, "分配给我本人的任务，以及我所在组织可以认领的任务", () -> taskService.createTaskQuery()
        .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}")
        .endOr()));
    ids.put(MY_BRANCH, filter(MY_BRANCH, -15, "本支部委员会负责办理的任务", () -> taskService.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()));
    ids.put(TO_APPROVE, filter(TO_APPROVE, -10, "需要我审批、审定或销号的任务", () -> taskService.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
        .taskDefinitionKeyIn(APPROVAL_TASKS.toArray(String[]::new))));
    // the caller's own overdue work: theirs or their groups', claimed or not. Narrowed by assignee and candidate
    // group rather than left to the authorization check alone: a secretary may read 1,000 tasks among an agency's
    // 16,000 overdue ones, and the engine compares each of those with each of the secretary's grants (README
    // "Benchmark": 835 ms for the count at 50,000 open tasks, 49 ms narrowed)
    ids.put(OVERDUE, filter(OVERDUE, -5, "本人或本人所在组织负责、已超过截止日期仍未办结的任务", () -> taskService.createTaskQuery()
        .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks().endOr()
        .dueBeforeExpression("${now()}")));
    // the committee's supervision (督办): every overdue task of the agency, whoever holds it
    ids.put(AGENCY_OVERDUE, filter(AGENCY_OVERDUE, -2, "本机关单位所有已超过截止日期仍未办结的任务", () -> taskService.createTaskQuery()
        .dueBeforeExpression("${now()}")));
    ids.put(AGENCY, filter(AGENCY, 0, "本机关单位所有在办任务", taskService::createTaskQuery));
    return ids;
  }

  private String filter(String name, int priority, String description, Supplier<TaskQuery> query) {
    Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true,
        "version", VERSION);
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    if (existing == null) {
      return filterService.saveFilter(filterService.newTaskFilter(name).setQuery(query.get()).setProperties(properties))
          .getId();
    }
    if (!Integer.valueOf(VERSION).equals(existing.getProperties().get("version"))) {
      // a filter saved by an earlier release: its query and properties are brought up to date once
      filterService.saveFilter(existing.setQuery(query.get()).setProperties(properties));
    }
    return existing.getId();
  }
}
