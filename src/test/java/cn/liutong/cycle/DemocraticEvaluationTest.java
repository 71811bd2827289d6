package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.liutong.support.Rest;

/**
 * 民主测评 (#12 point 3): members grade the branch's party-building and business work 好/较好/一般/差, each
 * separately, anonymously. The ballot is kept without its member; the engine's history, though at level full,
 * keeps neither the grades nor the comment, only that the member took part. The committee scores with the counts
 * and the 好评率.
 */
class DemocraticEvaluationTest extends CycleTestBase {

  private static final List<String> BALLOT = List.of("partyGrade", "businessGrade", "evaluationComment");

  @LocalServerPort
  private int port;

  private Rest rest;
  private String branch;
  private List<String> members;

  @BeforeEach
  void untilEvaluation() {
    rest = new Rest(port);
    branch = agency.branch(BUDGET);
    members = cycle.members(branch);
    cycle.start().plan().deploy().implementAndInspect();
    agency.branches().forEach(b -> cycle.dutyReport(b));
  }

  @Test
  void ballotsAreCountedButTiedToNobody() {
    assertThat(members).as("the budget branch's members").hasSize(3);
    String comment = "业务工作推进有力，党建活动形式可以更丰富";
    submit(members.get(0), Map.of("partyGrade", "good", "businessGrade", "good", "evaluationComment", comment));
    submit(members.get(1), Map.of("partyGrade", "fairlyGood", "businessGrade", "good"));
    submit(members.get(2), Map.of("partyGrade", "average", "businessGrade", "poor"));
    cycle.continuations();

    // the ballots: three, with the grades given, and nothing that could name a member
    assertThat(jdbc.queryForList("select party_grade || '/' || business_grade from lt_evaluation_ballot"
        + " where cycle_id = ? and branch_code = ?", String.class, cycle.cycleId(), branch))
        .containsExactlyInAnyOrder("good/good", "fairlyGood/good", "average/poor");
    assertThat(jdbc.queryForList("select lower(column_name) from information_schema.columns where lower(table_name) ="
        + " 'lt_evaluation_ballot'", String.class))
        .containsExactlyInAnyOrder("id", "cycle_id", "branch_code", "party_grade", "business_grade", "comment");

    // the history: every member took part (their task, completed, with their name) ...
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(cycle.cycleId())
        .taskDefinitionKey("Task_EvaluateBranch").finished().list())
        .extracting(t -> t.getAssignee()).containsAll(members);
    // ... but no grade or comment, as a variable, a variable update or a form field
    assertThat(count("select count(*) from act_hi_varinst where proc_inst_id_ = ? and name_ in (?, ?, ?)",
        cycle.cycleId(), BALLOT.get(0), BALLOT.get(1), BALLOT.get(2))).as("ballot variables in the history").isZero();
    assertThat(count("select count(*) from act_hi_detail where proc_inst_id_ = ? and (name_ in (?, ?, ?)"
        + " or text_ = ? or text_ in ('good', 'fairlyGood', 'average', 'poor'))",
        cycle.cycleId(), BALLOT.get(0), BALLOT.get(1), BALLOT.get(2), comment)).as("ballot details in the history").isZero();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(cycle.cycleId())
        .variableNameIn(BALLOT.toArray(String[]::new)).count()).as("the history API").isZero();
    // the level is still full for everything else: the duty reports' texts are in the history
    assertThat(count("select count(*) from act_hi_varinst where proc_inst_id_ = ? and name_ = 'dutyReportParty'",
        cycle.cycleId())).as("other variables keep their history").isPositive();
    assertThat(engine.getManagementService().getHistoryLevel()).as("the history level the database records").isEqualTo(3);

    // the committee scores with the counts and the 好评率: 4 of 6 grades 好 or 较好 = 66.7 %
    Task score = cycle.tasks("Task_ScoreBranch").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst().orElseThrow();
    assertThat(engine.getTaskService().getVariable(score.getId(), "memberEvaluation")).isEqualTo(66.7);
    assertThat((String) engine.getTaskService().getVariable(score.getId(), "evaluationSummary"))
        .isEqualTo("共 3 票。党建工作：好 1、较好 1、一般 1、差 0；业务工作：好 2、较好 0、一般 0、差 1。好评率（好与较好所占比例）：66.7%。");
  }

  @Test
  void aGradeOutsideTheFourIsRefusedAndNothingIsKept() {
    String member = members.get(0);
    Task task = cycle.memberTask("Task_EvaluateBranch", member);
    Rest.Response refused = rest.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("partyGrade", "excellent", "businessGrade", "good"))), member);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("党建工作测评等次");

    Rest.Response missing = rest.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("partyGrade", "good"))), member);
    assertThat(missing.status()).as(missing.body()).isEqualTo(400);
    assertThat(missing.body()).contains("业务工作测评等次");

    assertThat(count("select count(*) from lt_evaluation_ballot where cycle_id = ?", cycle.cycleId())).isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isOne();
  }

  @Test
  void aMemberCannotCastAnotherMembersBallot() {
    Task othersTask = cycle.memberTask("Task_EvaluateBranch", members.get(1));
    Rest.Response forged = rest.post("/engine-rest/task/" + othersTask.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of("partyGrade", "poor", "businessGrade", "poor"))), members.get(0));
    assertThat(forged.status()).as(forged.body()).isIn(403, 404);
    assertThat(count("select count(*) from lt_evaluation_ballot where cycle_id = ?", cycle.cycleId())).isZero();
  }

  @Test
  void theCommitteeCannotRewriteTheTallyItScores() {
    members.forEach(member -> submit(member, Map.of("partyGrade", "average", "businessGrade", "poor")));
    cycle.continuations();
    Task score = cycle.tasks("Task_ScoreBranch").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst().orElseThrow();
    Map<String, Object> form = Map.of("goalScores", cycle.scenario().scoredSheet(score,
        cn.liutong.demo.CycleScenario.byKind(70, 70), null), "veto", false);

    cannotRewrite(rest, agency.committee(), score, "evaluationSummary",
        "共 3 票。党建工作：好 3、较好 0、一般 0、差 0；业务工作：好 3、较好 0、一般 0、差 0。好评率（好与较好所占比例）：100.0%。", form);
    cannotRewrite(rest, agency.committee(), score, "memberEvaluation", 100.0, form);
    assertThat(engine.getTaskService().getVariable(score.getId(), "memberEvaluation")).isEqualTo(0.0);

    Rest.Response scored = rest.post("/engine-rest/task/" + score.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(form)), agency.committee());
    assertThat(scored.status()).as(scored.body()).isEqualTo(204);
    // 70 * 0.8 + 0 (the members' 好评率, not the forged 100) * 0.2
    assertThat(jdbc.queryForObject("select weighted_score from lt_assessment_result where cycle_id = ? and branch_code = ?",
        java.math.BigDecimal.class, cycle.cycleId(), branch)).isEqualByComparingTo("56.0");
  }

  private void submit(String member, Map<String, Object> form) {
    Task task = cycle.memberTask("Task_EvaluateBranch", member);
    Rest.Response done = rest.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(form)), member);
    assertThat(done.status()).as(member + ": " + done.body()).isEqualTo(204);
  }
}
