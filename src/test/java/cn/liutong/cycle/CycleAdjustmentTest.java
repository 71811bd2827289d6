package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.support.Rest;
import cn.liutong.support.TestYear;

/**
 * 周期中调整目标和责任清单 ({@code cycle-adjustment}) over the REST API as Tasklist sends it: the committee asks and
 * changes the goals and items, the party group approves, returns or refuses; the running cycle takes the approved
 * version and the ledger keeps the earlier one.
 */
class CycleAdjustmentTest extends CycleTestBase {

  static final String REASON = "市委部署优化营商环境专项行动，需增设业务目标并调整相关支部责任事项";
  static final String NEW_GOAL = "优化营商环境";
  static final String NEW_MEASURES = "梳理审计发现的营商环境问题，按月跟踪整改";

  @LocalServerPort
  int port;

  Rest rest;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeEach
  void rest() {
    rest = new Rest(port);
  }

  /** An agency runs one cycle at a time here: each test's cycle and request end with it. */
  @AfterEach
  void endCycles() {
    var runtime = engine.getRuntimeService();
    runtime.createProcessInstanceQuery().tenantIdIn(agency.id()).processDefinitionKey("cycle-adjustment").list()
        .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test over", true));
    runtime.createProcessInstanceQuery().tenantIdIn(agency.id()).processDefinitionKey("integrated-cycle").list()
        .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test over", true));
    jdbc.update("update lt_cycle set status = 'closed' where agency_id = ?", agency.id());
    jdbc.update("update lt_cycle_adjustment set status = 'rejected' where agency_id = ?", agency.id());
  }

  @Test
  void theCommitteeAdjustsThePartyGroupApprovesAndTheCycleRunsOnTheNewVersion() throws Exception {
    String budget = agency.branch(BUDGET);
    String audit = agency.branch(AUDIT);
    cycle.start().plan().decompose().signFor(budget); // the budget branch has signed, the others are signing
    List<Map<String, Object>> before = jdbc.queryForList(
        "select position, branch_code, measures, signed_at from lt_responsibility_item where cycle_id = ? and level = 'branch'"
            + " order by position", cycle.cycleId()); // the branches' items: the party group's and committee's stay as they are
    int budgetItem = number(before, budget);
    int removed = before.stream().filter(r -> audit.equals(r.get("BRANCH_CODE"))).mapToInt(r -> ((Number) r.get("POSITION")).intValue())
        .max().orElseThrow();
    int last = jdbc.queryForObject("select max(position) from lt_responsibility_item where cycle_id = ?", Integer.class,
        cycle.cycleId());

    String id = ask(agency.committee());
    Task goalsTask = task(id, "Task_AdjustGoals");
    assertThat(goalsTask.getAssignee()).as("the one who asked adjusts").isEqualTo(agency.committee());
    assertThat(engine.getTaskService().getIdentityLinksForTask(goalsTask.getId())).extracting(l -> l.getGroupId())
        .as("a committee task: given back to the committee if need be, escalated to the party group when late")
        .contains(agency.committeeGroup());
    submit(goalsTask, agency.committee(), Map.of("goals", adjustedGoals()));

    Task itemsTask = task(id, "Task_AdjustItems");
    List<Map<String, Object>> items = rows(itemsTask, "items");
    assertThat(items).as("the form starts from the current items, numbered").hasSize(before.size())
        .allSatisfy(row -> assertThat((String) row.get("itemNo")).isNotBlank());
    List<Map<String, Object>> adjusted = new ArrayList<>();
    for (Map<String, Object> row : items) {
      int no = Integer.parseInt((String) row.get("itemNo"));
      if (no == removed) {
        continue;
      }
      Map<String, Object> copy = form(row);
      if (no == budgetItem) {
        copy.put("measures", "压缩预算编审周期，按季度通报执行进度");
        copy.put("milestoneDate", TestYear.date("09-30"));
      }
      adjusted.add(copy);
    }
    adjusted.add(item(NEW_GOAL, audit, NEW_MEASURES));
    // the removed item was the audit branch's last: the goal it carried must still be covered
    String removedGoal = (String) items.stream().filter(r -> Integer.parseInt((String) r.get("itemNo")) == removed)
        .findFirst().orElseThrow().get("goalName");
    adjusted.add(item(removedGoal, agency.branch(TREASURY), "牵头落实" + removedGoal + "相关措施，按季报告"));
    submit(itemsTask, agency.committee(), Map.of("items", adjusted));

    Task approval = task(id, "Task_ApproveAdjustment");
    assertThat(approval).extracting(Task::getAssignee).isNull();
    assertThat((String) engine.getTaskService().getVariable(approval.getId(), "adjustmentSummary"))
        .isEqualTo("目标体系：新增“" + NEW_GOAL + "”；修改“预算执行率”。责任事项：新增2项（" + name(audit) + "、" + name(agency.branch(TREASURY))
            + "）；修改第" + budgetItem + "项；删除第" + removed + "项。");
    submit(approval, agency.partyGroup(), Map.of("adjustmentDecision", "approved"));

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
        .activityId("EndEvent_Adjusted").count()).isOne();
    // the ledger: the new goal, the item kept with its number and signature, new ones after the last, one removed
    assertThat(jdbc.queryForList("select name from lt_goal where cycle_id = ? order by position", String.class, cycle.cycleId()))
        .contains(NEW_GOAL).hasSize(5);
    Map<String, Object> kept = jdbc.queryForMap("select measures, milestone_date, signed_at from lt_responsibility_item"
        + " where cycle_id = ? and position = ?", cycle.cycleId(), budgetItem);
    assertThat(kept.get("MEASURES")).isEqualTo("压缩预算编审周期，按季度通报执行进度");
    assertThat(kept.get("MILESTONE_DATE").toString()).isEqualTo(TestYear.date("09-30"));
    assertThat(kept.get("SIGNED_AT")).as("the budget branch's signature stays").isNotNull();
    assertThat(jdbc.queryForList("select position from lt_responsibility_item where cycle_id = ? and position > ? order by position",
        Integer.class, cycle.cycleId(), last)).containsExactly(last + 1, last + 2);
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and position = ?", cycle.cycleId(), removed)).isZero();
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and position > ? and signed_at is not null",
        cycle.cycleId(), last)).as("new items of branches still signing wait for their signature").isZero();
    Map<String, Object> row = jdbc.queryForMap("select * from lt_cycle_adjustment where id = ?", id);
    assertThat(row.get("STATUS")).isEqualTo("approved");
    assertThat(row.get("REQUESTED_BY")).isEqualTo(agency.committee());
    assertThat(row.get("DECIDED_BY")).isEqualTo(agency.partyGroup());
    assertThat((String) row.get("GOALS_BEFORE")).as("the earlier version is kept").contains("\"weight\":60").doesNotContain(NEW_GOAL);
    assertThat((String) row.get("ITEMS_BEFORE")).contains("结合处室职能制定具体措施并按月推进");
    assertThat((String) row.get("ITEMS_AFTER")).contains(NEW_MEASURES);

    // the running cycle: options for later forms, and the audit branch (still signing) signs the new list
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "goalOptions").toString()).contains(NEW_GOAL);
    Task auditSigns = cycle.branchTask("Task_SignFor", audit);
    assertThat(engine.getTaskService().getVariable(auditSigns.getId(), "branchItems").toString()).contains(NEW_MEASURES);
    assertThat(messages(cycle.cycleId())).as("the committee and the changed branches' secretaries hear it")
        .contains(agency.committee(), agency.secretary(AUDIT), agency.secretary(BUDGET), agency.secretary(TREASURY));

    cycle.signFor(audit).signFor(agency.branch(TREASURY));
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and level = 'branch' and signed_at is null",
        cycle.cycleId())).isZero();
    assertThat(engine.getTaskService().getVariable(cycle.branchTask("Task_PlanImplementation", audit).getId(), "branchItems")
        .toString()).as("同落实 works on the new list").contains(NEW_MEASURES);
  }

  @Test
  void thePartyGroupReturnsThenRefusesAndNothingChanges() throws Exception {
    cycle.start().plan().deploy();
    String goalsBefore = jdbc.queryForList("select name || ':' || weight from lt_goal where cycle_id = ? order by position",
        String.class, cycle.cycleId()).toString();
    String id = ask(agency.committee());
    submit(task(id, "Task_AdjustGoals"), agency.committee(), Map.of("goals", adjustedGoals()));
    submit(task(id, "Task_AdjustItems"), agency.committee(), Map.of("items", withNewItem(task(id, "Task_AdjustItems"))));
    submit(task(id, "Task_ApproveAdjustment"), agency.partyGroup(),
        Map.of("adjustmentDecision", "returned", "decisionNote", "新增目标的权重过高，请与分管领导商定后再报"));

    Task again = task(id, "Task_AdjustGoals");
    assertThat(engine.getTaskService().getVariable(again.getId(), "decisionNote")).isEqualTo("新增目标的权重过高，请与分管领导商定后再报");
    assertThat(jdbc.queryForObject("select status from lt_cycle_adjustment where id = ?", String.class, id)).isEqualTo("open");
    submit(again, agency.committee(), Map.of("goals", adjustedGoals()));
    submit(task(id, "Task_AdjustItems"), agency.committee(), Map.of("items", rows(task(id, "Task_AdjustItems"), "items")
        .stream().map(this::form).toList()));
    Task approval = task(id, "Task_ApproveAdjustment");
    assertThat(engine.getTaskService().getVariable(approval.getId(), "adjustmentDecision")).as("decided afresh").isNull();
    submit(approval, agency.partyGroup(), Map.of("adjustmentDecision", "rejected", "decisionNote", "年中不宜调整目标体系，请在下一周期统筹"));

    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
        .activityId("EndEvent_NotAdjusted").count()).isOne();
    assertThat(jdbc.queryForList("select name || ':' || weight from lt_goal where cycle_id = ? order by position",
        String.class, cycle.cycleId()).toString()).isEqualTo(goalsBefore);
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and measures = ?", cycle.cycleId(), NEW_MEASURES)).isZero();
    assertThat(jdbc.queryForMap("select status, decision_note from lt_cycle_adjustment where id = ?", id))
        .containsEntry("STATUS", "rejected").containsEntry("DECISION_NOTE", "年中不宜调整目标体系，请在下一周期统筹");
    assertThat(messages(cycle.cycleId())).containsExactly(agency.committee());
  }

  @Test
  void refusedWithAReasonAndNothingWritten() throws Exception {
    cycle.start().plan();
    assertThat(refusedStart(agency.committee())).contains("尚未分解责任清单");
    cycle.decompose();
    assertThat(rest.post(START, Map.of("variables", Rest.formVariables(Map.of("adjustmentReason", REASON))), agency.secretary(BUDGET))
        .status()).as("a secretary may not ask").isEqualTo(403);
    assertThat(rest.post(START, Map.of("variables", Rest.formVariables(Map.of("adjustmentReason", REASON))), agency.partyGroup())
        .status()).as("nor the party group").isEqualTo(403);
    assertThat(rest.post(START, Map.of("variables", Rest.formVariables(Map.of("adjustmentReason", REASON, "cycleId", "forged"))),
        agency.committee()).status()).as("start form fields only").isEqualTo(403);
    assertThat(rest.post(START, Map.of("variables", Rest.formVariables(Map.of("adjustmentReason", "调整"))), agency.committee())
        .status()).as("the form's own rule").isEqualTo(400);

    String id = ask(agency.committee());
    assertThat(refusedStart(agency.committee2())).contains("已有一项调整申请正在办理");

    Task goals = task(id, "Task_AdjustGoals");
    List<Map<String, Object>> heavy = new ArrayList<>(adjustedGoals());
    heavy.set(0, CycleDriver.goal("partyBasic", "支部标准化规范化建设", "三会一课按期召开率", "100%", 30));
    assertThat(refused(goals, agency.committee(), Map.of("goals", heavy))).contains("权重合计须为100%");
    assertThat(rest.post("/engine-rest/task/" + goals.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("goals", adjustedGoals()))), agency.secretary(BUDGET)).status())
        .as("not the secretary's task").isBetween(403, 404);
    submit(goals, agency.committee(), Map.of("goals", adjustedGoals()));

    Task itemsTask = task(id, "Task_AdjustItems");
    List<Map<String, Object>> items = rows(itemsTask, "items").stream().map(this::form).toList();
    assertThat(refused(itemsTask, agency.committee(), Map.of("items", items))).as("the new goal has no item")
        .contains("目标“" + NEW_GOAL + "”还没有分解为责任事项");
    List<Map<String, Object>> moved = withNewItem(itemsTask);
    moved.get(0).put("branchCode", moved.get(0).get("branchCode").equals(agency.branch(BUDGET)) ? agency.branch(AUDIT) : agency.branch(BUDGET));
    assertThat(refused(itemsTask, agency.committee(), Map.of("items", moved))).contains("已有事项不能改换责任支部");
    List<Map<String, Object>> twice = withNewItem(itemsTask);
    twice.get(1).put("itemNo", twice.get(0).get("itemNo"));
    assertThat(refused(itemsTask, agency.committee(), Map.of("items", twice))).contains("重复");
    List<Map<String, Object>> unknown = withNewItem(itemsTask);
    unknown.get(0).put("itemNo", "99");
    assertThat(refused(itemsTask, agency.committee(), Map.of("items", unknown))).contains("编号99不是本周期现行的责任事项");
    assertThat(jdbc.queryForObject("select items_after from lt_cycle_adjustment where id = ?", String.class, id)).isNull();

    submit(itemsTask, agency.committee(), Map.of("items", withNewItem(itemsTask)));
    Task approval = task(id, "Task_ApproveAdjustment");
    cannotRewrite(rest, agency.partyGroup(), approval, "items", List.of(item(NEW_GOAL, agency.branch(BUDGET), "党组成员自行改写的责任措施")),
        Map.of("adjustmentDecision", "approved"));
    assertThat(refused(approval, agency.partyGroup(), Map.of("adjustmentDecision", "rejected"))).as("a refusal gives its reason")
        .isNotBlank();
    Rest.Response ownApproval = rest.post("/engine-rest/task/" + approval.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("adjustmentDecision", "approved"))), agency.committee());
    assertThat(ownApproval.status()).as("the committee cannot approve its own request").isEqualTo(403);
    assertThat(ownApproval.json().path("message").asText()).contains("此任务不由您办理");
    assertThat(jdbc.queryForObject("select status from lt_cycle_adjustment where id = ?", String.class, id)).isEqualTo("open");
    assertThat(count("select count(*) from lt_goal where cycle_id = ? and name = ?", cycle.cycleId(), NEW_GOAL)).isZero();
  }

  @Test
  void aCycleInAssessmentIsNoLongerAdjusted() throws Exception {
    cycle.start().plan().deploy();
    String id = ask(agency.committee());
    submit(task(id, "Task_AdjustGoals"), agency.committee(), Map.of("goals", adjustedGoals()));
    submit(task(id, "Task_AdjustItems"), agency.committee(), Map.of("items", withNewItem(task(id, "Task_AdjustItems"))));
    cycle.implementAndInspect(); // meanwhile the cycle reaches 同考核
    assertThat(cycle.tasks("Task_DutyReport")).isNotEmpty();

    assertThat(refused(task(id, "Task_ApproveAdjustment"), agency.partyGroup(), Map.of("adjustmentDecision", "approved")))
        .contains("本周期已进入同考核");
    assertThat(count("select count(*) from lt_goal where cycle_id = ? and name = ?", cycle.cycleId(), NEW_GOAL)).isZero();
    submit(task(id, "Task_ApproveAdjustment"), agency.partyGroup(), Map.of("adjustmentDecision", "rejected", "decisionNote", "已进入同考核，不再调整"));
    assertThat(refusedStart(agency.committee())).contains("本周期已进入同考核");
  }

  // ------------------------------------------------------------------ helpers

  static final String START = "/engine-rest/process-definition/key/cycle-adjustment/submit-form";

  private String ask(String user) {
    Rest.Response started = rest.post(START, Map.of("variables", Rest.formVariables(Map.of("adjustmentReason", REASON))), user);
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("id").asText();
  }

  private String refusedStart(String user) {
    Rest.Response refused = rest.post(START, Map.of("variables", Rest.formVariables(Map.of("adjustmentReason", REASON))), user);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    return refused.json().path("message").asText();
  }

  private Task task(String processInstanceId, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId).singleResult();
  }

  private void submit(Task task, String user, Map<String, Object> form) {
    Rest.Response done = rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  private String refused(Task task, String user, Map<String, Object> form) {
    Rest.Response refused = rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("the task stays").isOne();
    return refused.json().path("message").asText();
  }

  private List<Map<String, Object>> rows(Task task, String name) throws Exception {
    return mapper.readValue(String.valueOf(engine.getTaskService().getVariable(task.getId(), name)), new TypeReference<>() { });
  }

  /** A row as the form sends it back: its number and the editable fields. */
  private Map<String, Object> form(Map<String, Object> row) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (String key : List.of("itemNo", "goalName", "branchCode", "measures", "milestone", "milestoneDate")) {
      copy.put(key, row.get(key));
    }
    return copy;
  }

  /** The current items and one for the new goal (for the audit branch). */
  private List<Map<String, Object>> withNewItem(Task itemsTask) throws Exception {
    List<Map<String, Object>> items = new ArrayList<>(rows(itemsTask, "items").stream().map(this::form).toList());
    items.add(item(NEW_GOAL, agency.branch(AUDIT), NEW_MEASURES));
    return items;
  }

  private static Map<String, Object> item(String goal, String branch, String measures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("itemNo", "");
    row.put("goalName", goal);
    row.put("branchCode", branch);
    row.put("measures", measures);
    row.put("milestone", "完成阶段任务");
    row.put("milestoneDate", TestYear.date("10-31"));
    return row;
  }

  /** The default goals with a new business goal taking 10 of 预算执行率's 60. */
  static List<Map<String, Object>> adjustedGoals() {
    List<Map<String, Object>> goals = new ArrayList<>(CycleDriver.goals().subList(0, 3));
    goals.add(CycleDriver.goal("business", "预算执行率", "年度预算执行率", "≥95%", 50));
    goals.add(CycleDriver.goal("business", NEW_GOAL, "企业反映问题办结率", "100%", 10));
    return goals;
  }

  private int number(List<Map<String, Object>> items, String branch) {
    return items.stream().filter(r -> branch.equals(r.get("BRANCH_CODE"))).mapToInt(r -> ((Number) r.get("POSITION")).intValue())
        .min().orElseThrow();
  }

  private String name(String branch) {
    return jdbc.queryForList("select branch_name from lt_responsibility_item where branch_code = ?", String.class, branch).get(0);
  }

  /** Who was told of this cycle's adjustment (the event names the cycle: other tests' cycles do not count). */
  private List<String> messages(String cycleId) {
    return jdbc.queryForList("select distinct recipient from lt_notification where kind = 'ADJUSTMENT' and channel = 'EMAIL'"
        + " and dedup_key like ?", String.class, "ADJUSTMENT:" + cycleId + ":%");
  }
}
