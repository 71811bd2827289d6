package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleProcess.Activity;
import cn.liutong.demo.CycleScenario;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestYear;

/**
 * 同考核 of the agency's own levels (#12, point 1's 述职 and point 2's "per agency"): beside the branches, every owner
 * of a party group or committee item reports on their own items (述职, item by item), the committee scores the
 * agency goal by goal with those items and statements in view, the year's decision grades it, and the party group
 * reads the result when it approves. The default list ({@link CycleDriver#items()}) gives 赵敏 (党组书记) item 4
 * (预算执行率), 李明 (分管) item 5 (支部标准化规范化建设) and 王强 (机关党委) item 6 (党建引领预算绩效改革).
 * Every expected value is worked out by hand beside it.
 */
class AgencyAssessmentTest extends CycleTestBase {

  @RegisterExtension
  static final TestAgency otherAgency = TestAgency.fresh();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASIC = "支部标准化规范化建设";
  private static final String KEY = "党建引领预算绩效改革";
  private static final String INNOVATION = "“书香机关”品牌创建";
  private static final String BUSINESS = "预算执行率";

  @LocalServerPort
  int port;

  @Test
  void eachOwnerReportsOnTheirItemsAndTheCommitteeScoresTheAgencyGoalByGoal() throws Exception {
    cycle.start().plan().deploy().implementAndInspect();

    // a branch's 述职 shows the branch's own items, as the owners' 述职 shows theirs
    Task branchReport = cycle.branchTask(Activity.DUTY_REPORT, agency.branch(BUDGET));
    List<Integer> budgetItems = jdbc.queryForList("select position from lt_responsibility_item where cycle_id = ?"
        + " and branch_code = ? order by position", Integer.class, cycle.cycleId(), agency.branch(BUDGET));
    assertThat(budgetItems).isNotEmpty();
    assertThat((String) engine.getTaskService().getVariableLocal(branchReport.getId(), "branchItemsRecord"))
        .contains("第" + budgetItems.get(0) + "项：第二季度完成阶段任务").doesNotContain("第4项", "第5项", "第6项");

    List<Task> reports = cycle.tasks(Activity.OWNER_DUTY_REPORT);
    assertThat(reports).extracting(Task::getAssignee).as("one 述职 per owner, assigned to them")
        .containsExactlyInAnyOrder(agency.partyGroup(), agency.partyGroup2(), agency.committee());
    Task second = reports.stream().filter(t -> agency.partyGroup2().equals(t.getAssignee())).findFirst().orElseThrow();
    JsonNode rows = JSON.readTree(String.valueOf(engine.getTaskService().getVariableLocal(second.getId(), "ownItems")));
    assertThat(rows).as("李明's own item only").hasSize(1);
    assertThat(rows.get(0).path("itemNo").asInt()).isEqualTo(5);
    assertThat(rows.get(0).path("goalName").asText()).isEqualTo(BASIC);
    assertThat(rows.get(0).path("milestone").asText()).isEqualTo("第二季度完成阶段任务（节点日期 " + TestYear.date("06-30") + "）");

    Rest rest = new Rest(port);
    String summary = "分管支部建设工作，督促各支部规范开展三会一课，年度目标按节点完成";
    // refused with the reason, nothing written
    Rest.Response empty = report(rest, second, List.of(row(5, " ")), summary, agency.partyGroup2());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).contains("请填写第5项责任事项的履职情况");
    Rest.Response foreign = report(rest, second, List.of(row(5, "按月督促"), row(4, "抓预算执行")), summary,
        agency.partyGroup2());
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.body()).contains("序号4不是本人本周期的责任事项");
    Rest.Response missing = report(rest, second, List.of(), summary, agency.partyGroup2());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("请就第5项责任事项（" + BASIC + "）述职");
    Rest.Response tooLong = report(rest, second, List.of(row(5, "很".repeat(501))), summary, agency.partyGroup2());
    assertThat(tooLong.status()).isEqualTo(400);
    Rest.Response noSummary = report(rest, second, List.of(row(5, "按月督促")), "", agency.partyGroup2());
    assertThat(noSummary.status()).isEqualTo(400);
    // nobody but the owner: another owner, the committee, a secretary, a member, another agency
    for (String stranger : List.of(agency.partyGroup(), agency.committee(), agency.secretary(BUDGET),
        agency.member(AUDIT, 0), otherAgency.partyGroup2(), otherAgency.committee())) {
      assertThat(report(rest, second, List.of(row(5, "代为述职")), summary, stranger).status())
          .as(stranger + " completes 李明's 述职").isIn(403, 404);
    }
    assertThat(count("select count(*) from lt_owner_duty_report where cycle_id = ?")).isZero();
    assertThat(cycle.tasks(Activity.OWNER_DUTY_REPORT)).hasSize(3);

    Rest.Response done = report(rest, second, List.of(row(5, "每月听取支部建设汇报，推动三会一课规范化")), summary,
        agency.partyGroup2());
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(jdbc.queryForMap("select r.owner_id, r.summary, d.statement from lt_owner_duty_report r"
        + " join lt_owner_duty_item d on d.report_id = r.id join lt_responsibility_item i on i.id = d.item_id"
        + " where r.cycle_id = ? and i.position = 5", cycle.cycleId()))
        .containsEntry("OWNER_ID", agency.partyGroup2()).containsEntry("SUMMARY", summary)
        .containsEntry("STATEMENT", "每月听取支部建设汇报，推动三会一课规范化");
    assertThat(cycle.tasks(Activity.SCORE_AGENCY)).as("the committee scores once every owner has reported").isEmpty();

    cycle.scenario().ownerDutyReport(agency.partyGroup(), "履行第一责任人职责，党组会议定期研究党建与业务工作",
        r -> "季度调度预算执行，预算执行率按序时进度推进");
    cycle.scenario().ownerDutyReport(agency.committee(), "机关党委统筹推进党建引领预算绩效改革，按季度督查",
        r -> "组织党员先锋岗进驻重点项目");
    Task scoring = cycle.task(Activity.SCORE_AGENCY);
    assertThat(scoring.getAssignee()).isNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(scoring.getId())).extracting(l -> l.getGroupId())
        .containsExactly(agency.committeeGroup());
    JsonNode sheet = JSON.readTree(String.valueOf(engine.getTaskService().getVariableLocal(scoring.getId(), "goalScores")));
    assertThat(sheet).extracting(r -> r.path("name").asText() + "|" + r.path("weight").asInt())
        .containsExactly(BASIC + "|20", KEY + "|15", INNOVATION + "|5", BUSINESS + "|60");
    assertThat(sheet.get(0).path("material").asText()).startsWith("第5项：第二季度完成阶段任务")
        .contains("责任人：", "李明", "述职：每月听取支部建设汇报，推动三会一课规范化");
    assertThat(sheet.get(2).path("material").asText()).startsWith("党组、机关党委在此目标下没有责任事项");
    assertThat(sheet.get(3).path("material").asText()).startsWith("第4项").contains("述职：季度调度预算执行");
    assertThat((String) engine.getTaskService().getVariable(scoring.getId(), "ownerDutyRecord"))
        .contains(summary, "履行第一责任人职责", "机关党委统筹推进");
    for (String stranger : List.of(agency.secretary(BUDGET), agency.partyGroup(), otherAgency.committee())) {
      assertThat(rest.post("/engine-rest/task/" + scoring.getId() + "/submit-form", Map.of("variables",
          Rest.formVariables(Map.of("goalScores", List.of()))), stranger).status())
          .as(stranger + " scores the agency").isIn(403, 404);
    }

    // the committee scores in its own name, as Tasklist submits the sheet
    List<Map<String, Object>> scored = cycle.scenario().scoredSheet(scoring,
        CycleScenario.byGoal(Map.of(BASIC, 90, KEY, 80, INNOVATION, 70, BUSINESS, 85)),
        r -> "对照“" + r.get("indicator") + "”评分");
    Rest.Response scoredByCommittee = rest.post("/engine-rest/task/" + scoring.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("goalScores", scored))), agency.committee());
    assertThat(scoredByCommittee.status()).as(scoredByCommittee.body()).isEqualTo(204);
    cycle.continuations();
    // (90*20 + 80*15 + 70*5 + 85*60)/100 = (1800 + 1200 + 350 + 5100)/100 = 84.5; no member evaluation for the
    // agency and no 社会评价 given: 84.5 -> 良好; 党建 (1800 + 1200 + 350)/40 = 83.75 -> 83.8 (half-even); 业务 85.0
    assertThat(jdbc.queryForMap("select weighted_score, party_score, business_score, grade, scored_by"
        + " from lt_agency_assessment where cycle_id = ?", cycle.cycleId()))
        .containsEntry("WEIGHTED_SCORE", new BigDecimal("84.5")).containsEntry("PARTY_SCORE", new BigDecimal("83.8"))
        .containsEntry("BUSINESS_SCORE", new BigDecimal("85.0")).containsEntry("GRADE", "良好")
        .containsEntry("SCORED_BY", agency.committee());
    assertThat(jdbc.queryForList("select score from lt_goal_score where cycle_id = ? and branch_code = ?"
        + " order by position", BigDecimal.class, cycle.cycleId(), agency.id()))
        .containsExactly(new BigDecimal("90.0"), new BigDecimal("80.0"), new BigDecimal("70.0"), new BigDecimal("85.0"));
    assertThat(cycle.tasks(Activity.APPROVE_RESULTS)).as("the branches are still being assessed").isEmpty();

    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    Task approve = cycle.task(Activity.APPROVE_RESULTS);
    assertThat((String) engine.getTaskService().getVariable(approve.getId(), "agencyAssessment"))
        .startsWith("综合得分 84.5，等次：良好（党建目标 83.8，业务目标 85.0）")
        .contains(BASIC + "（权重20%）：90.0，对照“三会一课按期召开率”评分", "述职 · 李明：" + summary);
    assertThat(String.valueOf(engine.getTaskService().getVariable(approve.getId(), "branchOptions")))
        .as("the agency's own levels can be returned like a branch").contains("机关层面（党组、机关党委）", agency.id());

    // the party group returns the agency-level score only: the committee scores the agency again from its scores
    String reason = "党组成员分管事项的述职与督查记录不符，请复核支部标准化规范化建设的评分";
    cycle.scenario().returnResults(reason, agency.id());
    assertThat(cycle.tasks(Activity.RESCORE_BRANCH)).as("no branch returned").isEmpty();
    Task rescoring = cycle.task(Activity.RESCORE_AGENCY);
    assertThat((String) engine.getTaskService().getVariable(rescoring.getId(), "agencyReturnNote"))
        .isEqualTo("党组退回理由：" + reason + "。原等次 良好（84.5 分）。以下为原评分，请对照理由逐个目标复核。");
    JsonNode before = JSON.readTree(String.valueOf(engine.getTaskService().getVariableLocal(rescoring.getId(), "goalScores")));
    assertThat(before).extracting(r -> r.path("score").decimalValue().intValue()).containsExactly(90, 80, 70, 85);
    List<Map<String, Object>> rescored = cycle.scenario().scoredSheet(rescoring,
        CycleScenario.byGoal(Map.of(BASIC, 95, KEY, 80, INNOVATION, 70, BUSINESS, 85)), r -> (String) r.get("basis"));
    Rest.Response again = rest.post("/engine-rest/task/" + rescoring.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("goalScores", rescored))), agency.committee());
    assertThat(again.status()).as(again.body()).isEqualTo(204);
    cycle.continuations();
    // (95*20 + 80*15 + 70*5 + 85*60)/100 = (1900 + 1200 + 350 + 5100)/100 = 85.5 -> 良好; 党建 3450/40 = 86.25 -> 86.2
    assertThat(jdbc.queryForMap("select weighted_score, party_score, grade, previous_weighted_score, previous_grade,"
        + " return_reason from lt_agency_assessment where cycle_id = ?", cycle.cycleId()))
        .containsEntry("WEIGHTED_SCORE", new BigDecimal("85.5")).containsEntry("PARTY_SCORE", new BigDecimal("86.2"))
        .containsEntry("GRADE", "良好").containsEntry("PREVIOUS_WEIGHTED_SCORE", new BigDecimal("84.5"))
        .containsEntry("PREVIOUS_GRADE", "良好").containsEntry("RETURN_REASON", reason);
    Task approveAgain = cycle.task(Activity.APPROVE_RESULTS);
    assertThat((String) engine.getTaskService().getVariable(approveAgain.getId(), "agencyAssessment"))
        .startsWith("综合得分 85.5，等次：良好（党建目标 86.2，业务目标 85.0）\n党组退回重新评分：" + reason
            + "。原等次 良好（84.5 分）");
    cycle.approveResults();
    assertThat(cycle.instance()).isEnded();
  }

  @Test
  void ownersReportingAtOnceAllCountAndTheCommitteeScoresOnce() throws Exception {
    cycle.start().plan().deploy().implementAndInspect();
    Rest rest = new Rest(port);
    // a branch's 述职 shows the branch's own items, as the owners' 述职 shows theirs
    Task branchReport = cycle.branchTask(Activity.DUTY_REPORT, agency.branch(BUDGET));
    List<Integer> budgetItems = jdbc.queryForList("select position from lt_responsibility_item where cycle_id = ?"
        + " and branch_code = ? order by position", Integer.class, cycle.cycleId(), agency.branch(BUDGET));
    assertThat(budgetItems).isNotEmpty();
    assertThat((String) engine.getTaskService().getVariableLocal(branchReport.getId(), "branchItemsRecord"))
        .contains("第" + budgetItems.get(0) + "项：第二季度完成阶段任务").doesNotContain("第4项", "第5项", "第6项");

    List<Task> reports = cycle.tasks(Activity.OWNER_DUTY_REPORT);
    ExecutorService pool = Executors.newFixedThreadPool(reports.size());
    try {
      List<Callable<Rest.Response>> calls = new ArrayList<>();
      for (Task task : reports) {
        JsonNode rows = JSON.readTree(String.valueOf(engine.getTaskService().getVariableLocal(task.getId(), "ownItems")));
        List<Map<String, Object>> answers = new ArrayList<>();
        rows.forEach(r -> answers.add(row(r.path("itemNo").asInt(), "按节点推进，定期听取汇报")));
        calls.add(() -> report(rest, task, answers, "认真履行一岗双责，分管事项按节点完成", task.getAssignee()));
      }
      for (Future<Rest.Response> answer : pool.invokeAll(calls)) {
        assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(204);
      }
    } finally {
      pool.shutdownNow();
    }
    cycle.continuations();
    assertThat(count("select count(*) from lt_owner_duty_report where cycle_id = ?")).isEqualTo(3);
    assertThat(cycle.tasks(Activity.SCORE_AGENCY)).hasSize(1);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.instance().getId()).count())
        .isZero();
  }

  @Test
  void aCycleWhoseItemsNameNoOwnersIsAssessedByBranchesOnly() {
    // items recorded without owners (as before owners were named): nothing to report on at the agency's levels
    cycle.start().plan().deploy();
    jdbc.update("update lt_responsibility_item set owner_id = null where cycle_id = ? and level <> 'branch'",
        cycle.cycleId());
    cycle.implementAndInspect();
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b).score(b));
    assertThat(cycle.tasks(Activity.OWNER_DUTY_REPORT)).isEmpty();
    assertThat(cycle.tasks(Activity.SCORE_AGENCY)).isEmpty();
    Task approve = cycle.task(Activity.APPROVE_RESULTS);
    assertThat((String) engine.getTaskService().getVariable(approve.getId(), "agencyAssessment"))
        .isEqualTo("本周期党组、机关党委没有责任事项，不进行机关层面考核。");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.instance().getId())
        .activityId("EndEvent_NoAgencyItems").count()).isEqualTo(1);
    assertThat(String.valueOf(engine.getTaskService().getVariable(approve.getId(), "branchOptions")))
        .doesNotContain("机关层面");
    assertThatThrownBy(() -> cycle.scenario().returnResults("请复核机关层面评分", agency.id()))
        .hasMessageContaining("本周期没有机关层面考核结果，不能退回机关层面评分");
    assertThat(cycle.tasks(Activity.APPROVE_RESULTS)).as("nothing changed").hasSize(1);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class, cycle.cycleId());
  }

  private static Map<String, Object> row(int itemNo, String statement) {
    return Map.of("itemNo", itemNo, "statement", statement);
  }

  private static Rest.Response report(Rest rest, Task task, List<Map<String, Object>> rows, String summary, String user) {
    return rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables",
        Rest.formVariables(Map.of("ownItems", rows, "ownerDutySummary", summary))), user);
  }
}
