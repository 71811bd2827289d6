package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleProcess.Activity;
import cn.liutong.demo.CycleScenario;
import cn.liutong.support.Rest;

/**
 * 双考 scores the plan: the committee scores every goal of the goal system the party group approved, with the
 * branch's items, milestones, progress reports and findings in view; each goal counts with its approved weight (the
 * party-building goals' weights are the party-building share); a sheet that is not the plan is refused and nothing
 * is written; only the committee scores. Every expected value is worked out by hand beside it.
 */
class GoalScoringTest extends CycleTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The goal system {@link CycleDriver#goals()} drafts, in its order. */
  private static final String BASIC = "支部标准化规范化建设";
  private static final String KEY = "党建引领预算绩效改革";
  private static final String INNOVATION = "“书香机关”品牌创建";
  private static final String BUSINESS = "预算执行率";

  @LocalServerPort
  private int port;

  private Rest rest;
  private String budget;

  @BeforeEach
  void rest() {
    rest = new Rest(port);
    budget = agency.branch(BUDGET);
  }

  @Test
  void theCommitteeScoresEachGoalOfThePlanWithTheBranchsWorkInView() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.dutyReport(budget).evaluateAll(budget);
    Task task = scoringTask();

    JsonNode sheet = sheet(task);
    assertThat(sheet).extracting(r -> r.path("name").asText() + "|" + r.path("categoryLabel").asText() + "|"
        + r.path("indicator").asText() + "|" + r.path("target").asText() + "|" + r.path("weight").asInt())
        .containsExactly(BASIC + "|党建基础工作目标|三会一课按期召开率|100%|20", KEY + "|党建重点工作目标|党员先锋岗覆盖重点项目数|12个|15",
            INNOVATION + "|党建创新工作目标|读书分享活动次数|6次|5", BUSINESS + "|业务工作目标|年度预算执行率|≥95%|60");
    Set<String> withItems = new HashSet<>(jdbc.queryForList(
        "select goal_name from lt_responsibility_item where cycle_id = ? and branch_code = ?", String.class,
        cycle.cycleId(), budget));
    assertThat(withItems).isNotEmpty();
    sheet.forEach(row -> assertThat(row.path("material").asText()).as(row.path("name").asText())
        .startsWith(withItems.contains(row.path("name").asText()) ? "第" : "本支部在此目标下没有责任事项"));
    assertThat(sheet).as("nothing is scored before the committee scores").allSatisfy(r -> assertThat(r.path("score").isNull()).isTrue());
    assertThat((String) engine.getTaskService().getVariable(task.getId(), "inspectionRecord"))
        .contains("第1轮进展报告", "第1轮督查发现");

    cycle.scenario().scoreGoals(budget, CycleScenario.byGoal(Map.of(BASIC, 90, KEY, 80, INNOVATION, 70, BUSINESS, 85)),
        row -> "对照“" + row.get("indicator") + "”评分", false, null, null);

    // (90*20 + 80*15 + 70*5 + 85*60)/100 = (1800 + 1200 + 350 + 5100)/100 = 84.5; members' 好评率 100, no public
    // rating: 84.5*0.8 + 100*0.2 = 67.6 + 20 = 87.6 -> 良好; 党建 (1800 + 1200 + 350)/40 = 83.75 -> 83.8 (half-even);
    // 业务 5100/60 = 85.0
    Map<String, Object> result = result();
    assertThat((BigDecimal) result.get("weighted_score")).isEqualByComparingTo("87.6");
    assertThat((BigDecimal) result.get("party_score")).isEqualByComparingTo("83.8");
    assertThat((BigDecimal) result.get("business_score")).isEqualByComparingTo("85.0");
    assertThat(result.get("grade")).isEqualTo("良好");
    assertThat(jdbc.queryForList("select goal_name, category, weight, score, basis from lt_goal_score where cycle_id = ?"
        + " and branch_code = ? order by position", cycle.cycleId(), budget))
        .extracting(r -> r.get("goal_name") + "|" + r.get("category") + "|" + r.get("weight") + "|"
            + ((BigDecimal) r.get("score")).stripTrailingZeros().toPlainString() + "|" + r.get("basis"))
        .containsExactly(BASIC + "|partyBasic|20|90|对照“三会一课按期召开率”评分", KEY + "|partyKey|15|80|对照“党员先锋岗覆盖重点项目数”评分",
            INNOVATION + "|partyInnovation|5|70|对照“读书分享活动次数”评分", BUSINESS + "|business|60|85|对照“年度预算执行率”评分");
  }

  @Test
  void theWeightsThePartyGroupApprovedMakeTheScore() {
    // the same goals, party-building weighted 30 + 10 + 10 = 50 % instead of 40 %
    List<Map<String, Object>> goals = List.of(
        CycleDriver.goal("partyBasic", BASIC, "三会一课按期召开率", "100%", 30),
        CycleDriver.goal("partyKey", KEY, "党员先锋岗覆盖重点项目数", "12个", 10),
        CycleDriver.goal("partyInnovation", INNOVATION, "读书分享活动次数", "6次", 10),
        CycleDriver.goal("business", BUSINESS, "年度预算执行率", "≥95%", 50));
    cycle.start().draftGoals(goals).approveGoals().deploy().implementAndInspect();
    cycle.dutyReport(budget).evaluateAll(budget);
    assertThat(sheet(scoringTask())).extracting(r -> r.path("weight").asInt()).containsExactly(30, 10, 10, 50);

    cycle.scenario().scoreGoals(budget, CycleScenario.byGoal(Map.of(BASIC, 90, KEY, 60, INNOVATION, 60, BUSINESS, 80)),
        null, false, null, null);

    // (90*30 + 60*10 + 60*10 + 80*50)/100 = (2700 + 600 + 600 + 4000)/100 = 79.0; 79*0.8 + 100*0.2 = 83.2
    // (with the plan's default weights 20/15/5/60 it would be (1800 + 900 + 300 + 4800)/100 = 78.0 -> 82.4)
    // 党建 (2700 + 600 + 600)/50 = 78.0; 业务 80.0
    Map<String, Object> result = result();
    assertThat((BigDecimal) result.get("weighted_score")).isEqualByComparingTo("83.2");
    assertThat((BigDecimal) result.get("party_score")).isEqualByComparingTo("78.0");
    assertThat((BigDecimal) result.get("business_score")).isEqualByComparingTo("80.0");
  }

  @Test
  void aSheetThatIsNotThePlanIsRefusedAndNothingIsWritten() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.dutyReport(budget).evaluateAll(budget);
    Task task = scoringTask();
    List<Map<String, Object>> honest = cycle.scenario().scoredSheet(task, CycleScenario.byKind(85, 88), null);

    List<Map<String, Object>> extra = copy(honest);
    extra.add(new LinkedHashMap<>(Map.of("name", "自拟目标", "weight", 100, "score", 100)));
    refused(task, extra, "评分表中的目标与本周期现行目标体系不一致");
    refused(task, copy(honest).subList(0, 3), "评分表中的目标与本周期现行目标体系不一致");
    List<Map<String, Object>> renamed = copy(honest);
    renamed.get(3).put("name", "预算执行率（调整后）");
    refused(task, renamed, "评分表中的目标与本周期现行目标体系不一致");
    List<Map<String, Object>> twice = copy(honest);
    twice.set(3, new LinkedHashMap<>(twice.get(0)));
    refused(task, twice, "评分表中的目标与本周期现行目标体系不一致");
    List<Map<String, Object>> text = copy(honest);
    text.get(0).put("score", "95");
    refused(task, text, "目标“" + BASIC + "”的得分应为数字");
    List<Map<String, Object>> fine = copy(honest);
    fine.get(3).put("score", 85.25);
    refused(task, fine, "目标“" + BUSINESS + "”的得分最多保留一位小数");
    List<Map<String, Object>> over = copy(honest);
    over.get(1).put("score", 100.5);
    refused(task, over, "得分应在0至100之间");
    assertThat(jdbc.queryForObject("select count(*) from lt_goal_score where cycle_id = ?", Integer.class, cycle.cycleId())).isZero();
    assertThat(jdbc.queryForObject("select count(*) from lt_assessment_result where cycle_id = ?", Integer.class,
        cycle.cycleId())).isZero();

    // forged weights and categories are the client's words only: the ledger's goal system decides
    List<Map<String, Object>> forged = copy(honest);
    forged.forEach(row -> row.put("weight", 1));
    forged.get(3).put("weight", 97);
    forged.get(0).put("categoryLabel", "业务工作目标");
    forged.get(0).put("category", "business");
    cycle.submit(task, Map.of("goalScores", CycleScenario.json(forged), "veto", false));
    // as honest: (85*40 + 88*60)/100 = 86.8; 86.8*0.8 + 100*0.2 = 89.44 -> 89.4
    assertThat((BigDecimal) result().get("weighted_score")).isEqualByComparingTo("89.4");
    assertThat(jdbc.queryForList("select weight from lt_goal_score where cycle_id = ? and branch_code = ? order by position",
        Integer.class, cycle.cycleId(), budget)).containsExactly(20, 15, 5, 60);
  }

  @Test
  void onlyTheCommitteeScoresAndTheLedgerNamesWhoDid() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.dutyReport(budget).evaluateAll(budget);
    Task task = scoringTask();
    Map<String, Object> form = Map.of("goalScores", cycle.scenario().scoredSheet(task, CycleScenario.byKind(100, 100), null),
        "veto", false);

    for (String other : List.of(agency.secretary(BUDGET), agency.member(BUDGET, 1), agency.partyGroup())) {
      assertThat(rest.get("/engine-rest/task/" + task.getId() + "/form-variables", other).status()).as(other)
          .isIn(403, 404);
      assertThat(rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Rest.formVariables(form)),
          other).status()).as(other).isIn(403, 404);
    }
    assertThat(jdbc.queryForObject("select count(*) from lt_goal_score where cycle_id = ?", Integer.class, cycle.cycleId())).isZero();

    Rest.Response scored = rest.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("goalScores", cycle.scenario().scoredSheet(task,
            CycleScenario.byKind(85, 88), null), "veto", false))), agency.committee());
    assertThat(scored.status()).as(scored.body()).isEqualTo(204);
    assertThat(jdbc.queryForList("select distinct scored_by from lt_goal_score where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), budget)).containsExactly(agency.committee());
  }

  private Task scoringTask() {
    return cycle.tasks(Activity.SCORE_BRANCH).stream()
        .filter(t -> budget.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst().orElseThrow();
  }

  private JsonNode sheet(Task task) {
    try {
      return JSON.readTree(String.valueOf(engine.getTaskService().getVariableLocal(task.getId(), "goalScores")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> result() {
    return jdbc.queryForMap("select * from lt_assessment_result where cycle_id = ? and branch_code = ?", cycle.cycleId(),
        budget);
  }

  private void refused(Task task, List<Map<String, Object>> rows, String reason) {
    assertThatThrownBy(() -> cycle.submit(task, Map.of("goalScores", CycleScenario.json(rows), "veto", false)))
        .hasMessageContaining(reason);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("still open").isOne();
  }

  private static List<Map<String, Object>> copy(List<Map<String, Object>> rows) {
    List<Map<String, Object>> copy = new ArrayList<>();
    rows.forEach(r -> copy.add(new LinkedHashMap<>(r)));
    return copy;
  }
}
