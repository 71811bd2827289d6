package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.TestAgency;
import cn.liutong.support.Rest;

/**
 * A whole cycle of the demo agency on PostgreSQL, cleared through the REST API exactly as Tasklist does
 * ({@code submit-form}), each step by the demo user whose role it is, with authorization checks on. Each
 * user finds their task through the task list they are allowed to see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class CycleOverRestPostgresIT {

  /** Demo users by role (passwords equal user ids). */
  static final String COMMITTEE = "wangqiang";
  static final String PARTY_GROUP = "zhaomin";
  static final Map<String, String> SECRETARIES = Map.of(
      "financeAudit", "zhengyu", "financeBudget", "chenjing", "financeTreasury", "sunli");
  static final Map<String, List<String>> MEMBERS = Map.of(
      "financeAudit", List.of("fengxue", "hanmei", "zhengyu"),
      "financeBudget", List.of("chenjing", "liwei", "zhanghua"),
      "financeTreasury", List.of("sunli", "zhoujie", "wuhao"));

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @LocalServerPort
  int port;

  private final Map<String, Integer> tasksByRole = new TreeMap<>();
  private Rest rest;
  private String cycleId;

  @Test
  void threeBranchesClearACycleThroughTheRestApi() throws Exception {
    rest = new Rest(port);
    var started = rest.post("/engine-rest/process-definition/key/integrated-cycle/submit-form",
        Map.of("variables", Rest.formVariables(CycleDriver.startForm())), COMMITTEE);
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    cycleId = started.json().path("id").asText();
    assertThat(started.json().path("tenantId").asText()).isEqualTo("finance");

    // 同规划, with a refused draft first: 400 and a Chinese message, nothing kept
    var badGoals = List.of(CycleDriver.goal("business", "预算执行率", "年度预算执行率", "≥95%", 100));
    var refused = rest.post("/engine-rest/task/" + taskOf(COMMITTEE, "Task_DraftGoals") + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("goals", badGoals))), COMMITTEE);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("党建目标权重合计不得低于30%");
    complete("committee", COMMITTEE, "Task_DraftGoals", Map.of("goals", CycleDriver.goals()));
    complete("partyGroup", PARTY_GROUP, "Task_ApproveGoals", Map.of("goalsDecision", "approved"));

    // 同部署
    complete("committee", COMMITTEE, "Task_DecomposeGoals", Map.of("items", CycleDriver.items(TestAgency.demo().owners())));
    assertThat(visibleTasks("liwei", "Task_SignFor")).as("a member does not act for the branch").isEmpty();
    assertThat(visibleTasks("chenjing", "Task_SignFor")).as("a secretary sees their own branch only").hasSize(1);
    SECRETARIES.forEach((branch, secretary) ->
        complete("secretary", secretary, "Task_SignFor", Map.of("signForDecision", "signed")));

    // 同落实 + 同检查 (the inspection timer is fired as the job executor would)
    SECRETARIES.forEach((branch, secretary) -> {
      complete("secretary", secretary, "Task_PlanImplementation", Map.of(
          "partyTopics", "把业务难点作为主题党日议题", "meetings", CycleDriver.meetings(),
          "implementationPlan", "每月推进，季度报告"));
      MEMBERS.get(branch).forEach(member ->
          complete("member", member, "Task_Pledge", Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false)));
    });
    fireInspectionTimer();
    SECRETARIES.forEach((branch, secretary) -> {
      complete("secretary", secretary, "Task_ReportProgress", Map.of(
          "partyProgress", "按期召开三会一课", "businessProgress", "业务工作按进度推进"));
      complete("committee", COMMITTEE, "Task_Inspect", Map.of("findings", "同步推进，情况良好", "problemsFound", false));
    });
    // the party group's and the committee's items: each owner reports on their own (the list as the form shows it)
    reportOwnItems("partyGroup", PARTY_GROUP);
    reportOwnItems("partyGroup", "liming"); // 分管 items of the party group's other member
    reportOwnItems("committee", COMMITTEE);
    complete("committee", COMMITTEE, "Task_PublishBulletin", Map.of("bulletinSummary", "第一季度督查：各支部同步推进，情况良好"));

    // 同考核
    SECRETARIES.forEach((branch, secretary) -> {
      complete("secretary", secretary, "Task_DutyReport", Map.of(
          "dutyReportParty", "本年度支部党建工作按计划完成", "dutyReportBusiness", "本年度业务工作按计划完成",
          "pledgeRatings", MEMBERS.get(branch).stream().map(m -> Map.of("rating", "good")).toList()));
      MEMBERS.get(branch).forEach(member ->
          complete("member", member, "Task_EvaluateBranch", Map.of("partyGrade", "good", "businessGrade", "good")));
      completeScoring(85, 88);
    });
    // the agency's own levels: each owner's 述职 on their items, then the committee scores the agency
    ownerDutyReport("partyGroup", PARTY_GROUP);
    ownerDutyReport("partyGroup", "liming");
    ownerDutyReport("committee", COMMITTEE);
    completeScoring("Task_ScoreAgency", 90, 90);
    JsonNode agencyResult = rest.get("/engine-rest/task/" + taskOf(PARTY_GROUP, "Task_ApproveResults")
        + "/form-variables?variableNames=agencyAssessment", PARTY_GROUP).json();
    // every goal 90: 90 -> 优秀 (no member evaluation and no 社会评价 for the agency in this walk)
    assertThat(agencyResult.path("agencyAssessment").path("value").asText())
        .startsWith("综合得分 90.0，等次：优秀（党建目标 90.0，业务目标 90.0）").contains("述职 · ");
    complete("partyGroup", PARTY_GROUP, "Task_ApproveResults", Map.of("resultsDecision", "approved"));
    // 公示: every secretary accepts the branch's result
    SECRETARIES.forEach((branch, secretary) ->
        complete("secretary", secretary, "Task_ConfirmResult", Map.of("appealDecision", "accepted")));

    // 同问责 decided nothing for 良好 branches; the cycle is closed and the ledger tells the story.
    var history = rest.get("/engine-rest/history/process-instance/" + cycleId, COMMITTEE).json();
    assertThat(history.path("state").asText()).isEqualTo("COMPLETED");
    JsonNode cycle = rest.get("/api/cycles/" + cycleId, COMMITTEE).json();
    assertThat(cycle.path("cycle").path("status").asText()).isEqualTo("closed");
    assertThat(cycle.path("goals")).hasSize(4);
    assertThat(cycle.path("items").findValuesAsText("level")).as("the three levels, each item with its owner")
        .containsExactly("branch", "branch", "branch", "partyGroup", "partyGroup", "committee");
    assertThat(cycle.path("items").findValuesAsText("ownerId")).doesNotContain("", "null");
    JsonNode results = rest.get("/api/cycles/" + cycleId + "/assessments", PARTY_GROUP).json();
    assertThat(results).hasSize(3);
    results.forEach(r -> {
      assertThat(r.path("grade").asText()).isEqualTo("良好");
      // party-building goals 85 (weights 20 + 15 + 5), the business goal 88 (60): (85*40 + 88*60)/100 = 86.8;
      // 86.8*0.8 + 100*0.2 = 89.44 -> 89.4
      assertThat(r.path("partyScore").decimalValue()).isEqualByComparingTo("85.0");
      assertThat(r.path("businessScore").decimalValue()).isEqualByComparingTo("88.0");
      assertThat(r.path("weightedScore").decimalValue()).isEqualByComparingTo("89.4");
      assertThat(r.path("approved").asBoolean()).isTrue();
    });
    assertThat(rest.get("/api/cycles/" + cycleId + "/progress", COMMITTEE).json().path("findings")).hasSize(3);

    // tasks per role in a three-branch cycle (one inspection round, nothing returned, nothing appealed): per branch
    // the secretary signs, plans, reports, reports on duty and accepts the published result; each owner of the
    // party group's and committee's items reports on them each round and on duty (述职), the committee scores the agency
    assertThat(tasksByRole).containsExactlyInAnyOrderEntriesOf(Map.of(
        "committee", 12, "partyGroup", 6, "secretary", 15, "member", 18));
  }

  /** The owner's own report of the round (assigned to them), each item with the status the form pre-fills. */
  private void reportOwnItems(String role, String owner) {
    String taskId = visibleTasks(owner, "Task_ReportOwnItems").stream().filter(t -> owner.equals(t.path("assignee").asText()))
        .findFirst().orElseThrow().path("id").asText();
    JsonNode rows = rest.get("/engine-rest/task/" + taskId + "/localVariables/itemProgress?deserializeValue=false", owner).json();
    List<?> list;
    try {
      list = new com.fasterxml.jackson.databind.ObjectMapper().readValue(rows.path("value").asText(), List.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(rows.toString(), e);
    }
    assertThat(list).as(owner + "'s own items").hasSize(1);
    var response = rest.post("/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("itemProgress", list))), owner);
    assertThat(response.status()).as(owner + " reports on their items: " + response.body()).isEqualTo(204);
    tasksByRole.merge(role, 1, Integer::sum);
    runContinuations();
  }

  private void complete(String role, String user, String activityId, Map<String, Object> form) {
    String taskId = taskOf(user, activityId);
    var response = rest.post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
    assertThat(response.status()).as(user + " completes " + activityId + ": " + response.body()).isEqualTo(204);
    tasksByRole.merge(role, 1, Integer::sum);
    runContinuations();
  }

  /**
   * 考核评分 as Tasklist does it: the committee reads the scoring sheet (the goals with their material) through the
   * task's form variables and sends it back with a score for each goal: party-building goals one, business another.
   */
  private void completeScoring(int party, int business) {
    completeScoring("Task_ScoreBranch", party, business);
  }

  /** 述职 of a party group or committee owner: a statement on each own item as the form lists them, and a summary. */
  private void ownerDutyReport(String role, String owner) {
    String taskId = visibleTasks(owner, "Task_OwnerDutyReport").stream()
        .filter(t -> owner.equals(t.path("assignee").asText())).findFirst().orElseThrow().path("id").asText();
    JsonNode rows = rest.get("/engine-rest/task/" + taskId + "/form-variables?variableNames=ownItems&deserializeValues=false",
        owner).json();
    List<Map<String, Object>> answers = new java.util.ArrayList<>();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(rows.path("ownItems").path("value").asText())
          .forEach(row -> answers.add(Map.of("itemNo", row.path("itemNo").asInt(), "statement", "按节点推进，定期听取汇报")));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    assertThat(answers).as(owner + "'s own items").hasSize(1);
    var response = rest.post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Rest.formVariables(
        Map.of("ownItems", answers, "ownerDutySummary", "认真履行一岗双责，分管事项按节点完成"))), owner);
    assertThat(response.status()).as(owner + " reports on duty: " + response.body()).isEqualTo(204);
    tasksByRole.merge(role, 1, Integer::sum);
    runContinuations();
  }

  private void completeScoring(String activityId, int party, int business) {
    String taskId = taskOf(COMMITTEE, activityId);
    JsonNode sheet = rest.get("/engine-rest/task/" + taskId + "/form-variables?variableNames=goalScores&deserializeValues=false", COMMITTEE).json();
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(sheet.path("goalScores").path("value").asText()).forEach(row -> {
        Map<String, Object> scored = new java.util.LinkedHashMap<>(new com.fasterxml.jackson.databind.ObjectMapper()
            .convertValue(row, Map.class));
        scored.put("score", "业务工作目标".equals(row.path("categoryLabel").asText()) ? business : party);
        rows.add(scored);
      });
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    assertThat(rows).as("one row per goal of the plan: " + sheet).hasSize(4);
    complete("committee", COMMITTEE, activityId, activityId.equals("Task_ScoreBranch")
        ? Map.of("goalScores", rows, "veto", false) : Map.of("goalScores", rows));
  }

  /** Each branch's (member's) end of a stage is a job ({@link CycleContinuations}): run them as the job executor would. */
  private void runContinuations() {
    for (JsonNode jobs; (jobs = rest.get("/engine-rest/job?processInstanceId=" + cycleId + "&messages=true&executable=true",
        "admin").json()).size() > 0;) {
      jobs.forEach(job -> assertThat(rest.post("/engine-rest/job/" + job.path("id").asText() + "/execute", "{}", "admin")
          .status()).isEqualTo(204));
    }
  }

  /** The first of the user's visible tasks at that activity (a committee member sees every branch's). */
  private String taskOf(String user, String activityId) {
    List<JsonNode> tasks = visibleTasks(user, activityId);
    assertThat(tasks).as(user + " sees a task at " + activityId).isNotEmpty();
    return tasks.get(0).path("id").asText();
  }

  private List<JsonNode> visibleTasks(String user, String activityId) {
    var response = rest.get("/engine-rest/task?processInstanceId=" + cycleId + "&taskDefinitionKey=" + activityId, user);
    assertThat(response.status()).isEqualTo(200);
    var tasks = new java.util.ArrayList<JsonNode>();
    response.json().forEach(tasks::add);
    return tasks.stream().filter(t -> !t.path("assignee").isTextual() || user.equals(t.path("assignee").asText())).toList();
  }

  private void fireInspectionTimer() {
    var jobs = rest.get("/engine-rest/job?processInstanceId=" + cycleId + "&activityId=TimerEvent_InspectionDue", "admin").json();
    assertThat(jobs).as("one round for all branches").hasSize(1);
    jobs.forEach(job -> assertThat(rest.post("/engine-rest/job/" + job.path("id").asText() + "/execute", "{}", "admin").status())
        .isEqualTo(204));
  }

}
