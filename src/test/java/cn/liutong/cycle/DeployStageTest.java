package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.support.FrozenClock;
import cn.liutong.support.Rest;
import cn.liutong.support.TestYear;

/** 同部署: decomposition into the responsibility list and each branch signing for its items. */
class DeployStageTest extends CycleTestBase {

  @LocalServerPort
  int port;

  @Test
  void aBranchObjectsTheCommitteeAnswersAndTheBranchSigns() {
    cycle.start().plan().decompose().objectTo(agency.branch(BUDGET), "预算绩效改革措施超出本处职责，建议调整");

    Task answer = cycle.task("Task_AnswerObjection");
    assertThat(answer).hasCandidateGroup(agency.committeeGroup());
    assertThat(engine.getTaskService().getVariable(answer.getId(), "objection")).isEqualTo("预算绩效改革措施超出本处职责，建议调整");

    cycle.answerObjection(agency.branch(BUDGET), "措施已与分管领导确认，属本处职责，请签收");
    Task again = cycle.branchTask("Task_SignFor", agency.branch(BUDGET));
    assertThat(engine.getTaskService().getVariable(again.getId(), "objectionAnswer")).isEqualTo("措施已与分管领导确认，属本处职责，请签收");
    assertThat(engine.getTaskService().getVariable(again.getId(), "signForDecision")).as("decides afresh").isNull();

    cycle.deploy_signAll();
    assertThat(cycle.instance()).hasPassed("Task_AnswerObjection", "EndEvent_DeployDone");
    assertThat(cycle.tasks("Task_PlanImplementation")).hasSize(3);
  }

  @Test
  void anObjectionChangesTheBranchsItemsWhichItSignsAndTheEarlierListIsKept() throws Exception {
    String budget = agency.branch(BUDGET);
    cycle.start().plan().decompose().objectTo(budget, "预算绩效改革措施超出本处职责，建议调整");
    Task answer = cycle.task("Task_AnswerObjection");
    var offered = new ObjectMapper().readTree(String.valueOf(engine.getTaskService().getVariable(answer.getId(), "revisedItems")));
    assertThat(offered.size()).as("the form starts from the branch's current items").isEqualTo(count(
        "select count(*) from lt_responsibility_item where cycle_id = ? and branch_code = ?", cycle.cycleId(), budget));
    int otherNumbers = count("select coalesce(sum(position), 0) from lt_responsibility_item where cycle_id = ? and branch_code <> ?",
        cycle.cycleId(), budget);
    String goal = (String) CycleDriver.goals().get(0).get("name");
    Map<String, Object> revised = Map.of("goalName", goal, "measures", "牵头梳理本处预算绩效目标，按季度报告执行情况",
        "milestone", "完成绩效目标梳理", "milestoneDate", TestYear.date("09-30"));
    Rest rest = new Rest(port);

    // refused, with the form's and the cycle's reasons, and nothing changed
    for (var bad : List.of(
        Map.<String, Object>of("adjustItems", true, "revisedItems", List.of(), "objectionAnswer", "同意调整，按新清单签收"),
        Map.<String, Object>of("adjustItems", true, "revisedItems", List.of(Map.of("goalName", "不存在的目标", "measures",
            "牵头梳理本处预算绩效目标", "milestone", "完成梳理", "milestoneDate", TestYear.date("09-30"))),
            "objectionAnswer", "同意调整，按新清单签收"),
        Map.<String, Object>of("adjustItems", true, "revisedItems", List.of(Map.of("goalName", goal, "measures",
            "牵头梳理本处预算绩效目标", "milestone", "完成梳理", "milestoneDate", (TestYear.year() + 2) + "-01-31")),
            "objectionAnswer", "同意调整，按新清单签收"))) {
      var refused = rest.post("/engine-rest/task/" + answer.getId() + "/submit-form", Map.of("variables", Rest.formVariables(bad)),
          agency.committee());
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).matches(".*(责任事项|目标|周期内).*");
    }
    assertThat(count("select count(*) from lt_item_revision where cycle_id = ?", cycle.cycleId())).isZero();

    var done = rest.post("/engine-rest/task/" + answer.getId() + "/submit-form", Map.of("variables", Rest.formVariables(Map.of(
        "adjustItems", true, "revisedItems", List.of(revised), "objectionAnswer", "同意调整：改为牵头梳理绩效目标，请按新清单签收"))),
        agency.committee());
    assertThat(done.status()).as(done.body()).isEqualTo(204);

    Task again = cycle.branchTask("Task_SignFor", budget);
    assertThat(engine.getTaskService().getVariable(again.getId(), "branchItems").toString())
        .as("the branch signs the new list").contains("牵头梳理本处预算绩效目标").doesNotContain("结合处室职能制定具体措施");
    assertThat(jdbc.queryForList("select measures from lt_responsibility_item where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), budget)).containsExactly("牵头梳理本处预算绩效目标，按季度报告执行情况");
    assertThat(count("select coalesce(sum(position), 0) from lt_responsibility_item where cycle_id = ? and branch_code <> ?",
        cycle.cycleId(), budget)).as("the other branches' numbers stay").isEqualTo(otherNumbers);
    Map<String, Object> revision = jdbc.queryForMap("select items_before, items_after, reason, revised_by from lt_item_revision"
        + " where cycle_id = ? and branch_code = ?", cycle.cycleId(), budget);
    assertThat((String) revision.get("items_before")).contains("结合处室职能制定具体措施并按月推进");
    assertThat((String) revision.get("items_after")).contains("牵头梳理本处预算绩效目标");
    assertThat(revision.get("reason")).isEqualTo("同意调整：改为牵头梳理绩效目标，请按新清单签收");
    assertThat(revision.get("revised_by")).isEqualTo(agency.committee());

    cycle.deploy_signAll();
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and branch_code = ? and signed_at is not null",
        cycle.cycleId(), budget)).isOne();
    assertThat(engine.getTaskService().getVariable(cycle.branchTask("Task_PlanImplementation", budget).getId(), "branchItems")
        .toString()).as("同落实 works on the new list").contains("牵头梳理本处预算绩效目标");
  }

  @Test
  void itemsAtThreeLevelsEachNameAnOwnerOfTheirUnit() {
    cycle.start().plan().decompose();
    List<Map<String, Object>> rows = jdbc.queryForList("select level, branch_code, branch_name, owner_id, owner_name,"
        + " signed_at from lt_responsibility_item where cycle_id = ? order by position", cycle.cycleId());
    assertThat(rows).extracting(r -> r.get("LEVEL")).containsExactly("branch", "branch", "branch", "partyGroup",
        "partyGroup", "committee");
    assertThat(rows).extracting(r -> r.get("OWNER_ID")).containsExactly(agency.secretary(AUDIT), agency.secretary(BUDGET),
        agency.secretary(TREASURY), agency.partyGroup(), agency.partyGroup2(), agency.committee());
    assertThat(rows.get(3)).containsEntry("BRANCH_CODE", agency.partyGroupGroup()).containsEntry("BRANCH_NAME", "市财政局党组")
        .containsEntry("OWNER_NAME", "赵敏");
    assertThat(rows.get(5)).containsEntry("BRANCH_NAME", "市财政局机关党委").containsEntry("OWNER_NAME", "王强");

    cycle.deploy_signAll();
    assertThat(cycle.instance()).hasPassed("EndEvent_DeployDone");
    assertThat(jdbc.queryForList("select level from lt_responsibility_item where cycle_id = ? and signed_at is null",
        String.class, cycle.cycleId())).as("the branches signed theirs; the party group and committee sign nothing")
        .containsExactly("partyGroup", "partyGroup", "committee");
    assertThat(cycle.tasks("Task_SignFor")).isEmpty();
  }

  @Test
  void anOwnerOutsideTheItemsUnitIsRefusedAndNothingIsWritten() {
    cycle.start().plan();
    Task decompose = cycle.task("Task_DecomposeGoals");
    Rest rest = new Rest(port);
    Map<String, String> refusals = Map.of(
        agency.committee(), "第4项责任事项：责任人须是市财政局党组的成员", // a committee member owning a party group item
        agency.partyGroup(), "第6项责任事项：责任人须是市财政局机关党委的成员",
        agency.member(AUDIT, 0), "第2项责任事项：责任人须是预算处党支部的成员", // a member of another branch
        "admin", "第1项责任事项：责任人须是监督检查局党支部的成员",
        "", "第1项责任事项：请选择责任人");
    for (var refusal : refusals.entrySet()) {
      List<Map<String, Object>> items = cycle.items().stream().map(it -> (Map<String, Object>) new java.util.HashMap<>(it))
          .toList();
      int at = Integer.parseInt(refusal.getValue().replaceAll("^第(\\d+)项.*", "$1")) - 1;
      items.get(at).put("ownerId", refusal.getKey());
      var refused = rest.post("/engine-rest/task/" + decompose.getId() + "/submit-form",
          Map.of("variables", Rest.formVariables(Map.of("items", items))), agency.committee());
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).contains(refusal.getValue());
    }
    List<Map<String, Object>> withoutPartyGroup = cycle.items().stream()
        .filter(it -> !agency.partyGroupGroup().equals(it.get("branchCode"))).toList();
    assertThatThrownBy(() -> cycle.decompose(withoutPartyGroup)).hasMessageContaining("市财政局党组还没有责任事项");
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ?", cycle.cycleId())).isZero();
    assertThat(cycle.task("Task_DecomposeGoals").getId()).as("still open").isEqualTo(decompose.getId());
  }

  @Test
  void aBranchCannotChangeItsOwnItems() {
    String budget = agency.branch(BUDGET);
    cycle.start().plan().decompose();
    Task signFor = cycle.branchTask("Task_SignFor", budget);
    List<Map<String, Object>> own = List.of(Map.of("goalName", CycleDriver.goals().get(0).get("name"), "measures",
        "本支部自行减少的责任措施内容", "milestone", "年底前完成", "milestoneDate", TestYear.date("12-30")));
    cannotRewrite(new Rest(port), agency.secretary(BUDGET), signFor, "revisedItems", own,
        Map.of("signForDecision", "signed"));
    cannotRewrite(new Rest(port), agency.secretary(BUDGET), signFor, "branchItems", own,
        Map.of("signForDecision", "signed"));
    assertThat(count("select count(*) from lt_item_revision where cycle_id = ?", cycle.cycleId())).isZero();
    assertThat(jdbc.queryForList("select measures from lt_responsibility_item where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), budget)).doesNotContain("本支部自行减少的责任措施内容");
  }

  @Test
  @FrozenClock("2026-03-31T23:30+08:00") // half an hour before midnight in liutong.time-zone
  void signForIsDueAtTheEndOfTheSignForPeriod() {
    cycle.start().plan().decompose();
    // start form: 7 days to sign for
    var due = java.time.OffsetDateTime.parse("2026-04-07T23:59:59+08:00").toInstant();
    assertThat(cycle.tasks("Task_SignFor")).hasSize(3).allSatisfy(t -> assertThat(t.getDueDate().toInstant()).isEqualTo(due));
  }

  @Test
  void eachBranchSeesOnlyItsOwnItems() {
    cycle.start().plan().decompose();
    Object items = engine.getTaskService().getVariable(cycle.branchTask("Task_SignFor", agency.branch(AUDIT)).getId(), "branchItems");
    assertThat(items.toString()).contains(agency.branch(AUDIT)).doesNotContain(agency.branch(BUDGET))
        .doesNotContain(agency.branch(TREASURY));
  }

  @Test
  void unsignedItemsAreRemindedThenEscalatedToTheCommittee() {
    cycle.start().plan().decompose();
    List<Job> reminders = cycle.dueTimers("BoundaryEvent_SignForReminder");
    assertThat(reminders).hasSize(3);

    Job budgetReminder = reminders.stream().filter(job -> agency.branch(BUDGET).equals(
        engine.getRuntimeService().getVariable(job.getExecutionId(), "branchCode"))).findFirst().orElseThrow();
    engine.getManagementService().executeJob(budgetReminder.getId());
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getPriority()).isEqualTo(80);
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(AUDIT)).getPriority()).isEqualTo(50);
    assertThat(count("select count(*) from lt_supervision where cycle_id = ? and branch_code = ? and kind = 'reminder'",
        cycle.cycleId(), agency.branch(BUDGET))).isEqualTo(1);

    Job budgetEscalation = cycle.dueTimers("BoundaryEvent_SignForOverdue").stream().filter(job -> agency.branch(BUDGET).equals(
        engine.getRuntimeService().getVariable(job.getExecutionId(), "branchCode"))).findFirst().orElseThrow();
    engine.getManagementService().executeJob(budgetEscalation.getId());
    Task supervise = cycle.task("Task_SuperviseSignFor");
    assertThat(supervise).hasCandidateGroup(agency.committeeGroup());
    cycle.submit(supervise, Map.of("supervisionNote", "已电话督促预算处党支部当日签收"));
    assertThat(count("select count(*) from lt_supervision where cycle_id = ? and kind = 'escalation'", cycle.cycleId())).isEqualTo(1);

    cycle.deploy_signAll();
    assertThat(cycle.instance()).hasPassed("Task_RemindSignFor", "Task_SuperviseSignFor", "EndEvent_SignForSupervised");
    assertThat(cycle.dueTimers("BoundaryEvent_SignForOverdue")).as("timers end with the signed task").isEmpty();
  }

  @Test
  void everyBranchMustGetAnItem() {
    cycle.start().plan();
    List<Map<String, Object>> items = cycle.items().stream()
        .filter(i -> !agency.branch(TREASURY).equals(i.get("branchCode"))).toList();
    assertThatThrownBy(() -> cycle.decompose(items)).hasMessageContaining("国库处党支部还没有责任事项");
  }

  @Test
  void milestonesMustFallInsideTheCycle() {
    cycle.start().plan();
    List<Map<String, Object>> items = cycle.items();
    items.get(0).put("milestoneDate", (TestYear.year() + 1) + "-03-01");
    assertThatThrownBy(() -> cycle.decompose(items)).hasMessageContaining("第1项责任事项：节点日期须在周期内");
  }
}
