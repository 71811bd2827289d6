package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess.Activity;
import cn.liutong.support.FrozenClock;

/**
 * From the committee's scores to final results: the party group's return reopens the scoring of the branches it
 * chooses; approved results go on 公示, where each branch may appeal once before the period ends (机关党委复核,
 * 党组审定); then they are circulated (通报).
 */
class ResultReviewTest extends CycleTestBase {

  private static final String RETURN_REASON = "预算处党支部业务得分偏低，请对照督查记录重新评分";
  private static final String APPEAL_REASON = "本支部预算执行率全年第一，业务指标得分未体现该项成绩，请求复核";

  @Test
  void theReturnReopensTheScoringOfTheBranchesChosenWithItsReason() {
    cycle.throughAssessment();
    cycle.scenario().returnResults(RETURN_REASON, agency.branch(BUDGET));

    var rescore = cycle.task(Activity.RESCORE_BRANCH);
    assertThat(rescore).hasCandidateGroup(agency.committeeGroup());
    var task = engine.getTaskService();
    assertThat(task.getVariable(rescore.getId(), "branchCode")).isEqualTo(agency.branch(BUDGET));
    assertThat(task.getVariable(rescore.getId(), "reviewReason")).isEqualTo(RETURN_REASON);
    assertThat(task.getVariable(rescore.getId(), "reviewSource")).isEqualTo("党组退回重新评分");
    // the form opens with the earlier scores, goal by goal: party-building goals (20 + 15 + 5 %) 85, the business goal
    // (60 %) 88: (85*40 + 88*60)/100 = 86.8; * 0.8 + 100 * 0.2 = 89.44
    assertThat(sheet(rescore.getId())).containsExactly("支部标准化规范化建设 20% 85.0", "党建引领预算绩效改革 15% 85.0",
        "“书香机关”品牌创建 5% 85.0", "预算执行率 60% 88.0");
    assertThat(task.getVariable(rescore.getId(), "previousResult").toString()).startsWith("良好，综合得分 89.4");
    assertThat(count("select count(*) from lt_assessment_result where cycle_id = ? and approved = true", cycle.cycleId())).isZero();

    cycle.scenario().rescore(Activity.RESCORE_BRANCH, agency.branch(BUDGET), 95, 95, "核对督查记录后，该支部整改已按期完成，业务得分上调");
    // 95*0.8 + 100*0.2 = 96.0
    assertThat(result(BUDGET, "grade")).isEqualTo("优秀");
    assertThat(result(BUDGET, "weighted_score")).isEqualTo(new BigDecimal("96.0"));
    assertThat(result(AUDIT, "grade")).as("a branch not returned keeps its result").isEqualTo("良好");
    var review = jdbc.queryForMap("select * from lt_assessment_review where cycle_id = ?", cycle.cycleId());
    assertThat(review).containsEntry("kind", "returned").containsEntry("branch_code", agency.branch(BUDGET))
        .containsEntry("reason", RETURN_REASON).containsEntry("grade_before", "良好").containsEntry("grade_after", "优秀");
    assertThat((BigDecimal) review.get("score_before")).isEqualByComparingTo("89.4");

    var approveAgain = cycle.task(Activity.APPROVE_RESULTS);
    assertThat(task.getVariable(approveAgain.getId(), "rescoreNotes").toString())
        .contains(agency.unitName(BUDGET), "原等次 良好（89.4 分），现等次 优秀（96.0 分）", "业务得分上调");
    cycle.approveResults().decideMeasure(agency.branch(BUDGET), "commend"); // 优秀: recognition
    assertThat(cycle.instance()).isEnded();
    assertThat(passes(Activity.RESCORE_BRANCH)).isEqualTo(1);
    assertThat(count("select count(*) from lt_assessment_result where cycle_id = ? and approved = true", cycle.cycleId())).isEqualTo(3);
  }

  @Test
  void aReturnNamesBranchesOfTheCycleAndGivesItsReason() {
    cycle.throughAssessment();
    assertThatThrownBy(() -> cycle.scenario().returnResults(RETURN_REASON))
        .hasMessageContaining("请选择退回重新评分的支部");
    assertThatThrownBy(() -> cycle.scenario().returnResults(RETURN_REASON, agency.branch(BUDGET), "otherAgencyBranch"))
        .hasMessageContaining("只能退回本周期已评分的支部");
    assertThatThrownBy(() -> cycle.scenario().submit(cycle.task(Activity.APPROVE_RESULTS), Map.of("resultsDecision",
        "returned", "returnedBranches", cn.liutong.demo.CycleScenario.json(java.util.List.of(agency.branch(BUDGET))))))
        .hasMessageContaining("退回理由不能为空");
    assertThat(count("select count(*) from lt_assessment_review where cycle_id = ?", cycle.cycleId())).isZero();
    assertThat(cycle.tasks(Activity.APPROVE_RESULTS)).hasSize(1);
    assertThat(cycle.tasks(Activity.RESCORE_BRANCH)).isEmpty();
  }

  @Test
  @FrozenClock("2026-12-20T10:00+08:00")
  void aBranchAppealsOnceWithinThePublicityAndThePartyGroupDecidesTheReview() {
    cycle.throughAssessment();
    cycle.scenario().publishResults();

    // 公示 for seven days, to the end of the last one (Asia/Shanghai)
    Date ends = Date.from(OffsetDateTime.of(2026, 12, 27, 23, 59, 59, 0, ZoneOffset.ofHours(8)).toInstant());
    var publication = jdbc.queryForMap("select * from lt_assessment_publication where cycle_id = ?", cycle.cycleId());
    assertThat(((java.sql.Timestamp) publication.get("publicity_ends")).getTime() / 1000).isEqualTo(ends.getTime() / 1000);
    assertThat(publication.get("circulated_at")).isNull();
    assertThat(cycle.tasks(Activity.CONFIRM_RESULT)).hasSize(3).allSatisfy(t -> {
      assertThat(t.getDueDate().getTime() / 1000).isEqualTo(ends.getTime() / 1000);
      assertThat(t.getName()).contains("确认考核结果或提出申诉");
    });
    assertThat(cycle.scenario().taskOfBranch(Activity.CONFIRM_RESULT, agency.branch(BUDGET)))
        .hasCandidateGroup(agency.secretariesGroup(BUDGET));
    assertThat(notifications("RESULT_PUBLISHED")).isGreaterThan(0);

    cycle.scenario().acceptResult(agency.branch(AUDIT)).acceptResult(agency.branch(TREASURY))
        .appeal(agency.branch(BUDGET), APPEAL_REASON);
    var review = cycle.task(Activity.REVIEW_APPEAL);
    assertThat(review).hasCandidateGroup(agency.committeeGroup());
    assertThat(engine.getTaskService().getVariable(review.getId(), "reviewReason")).isEqualTo(APPEAL_REASON);
    assertThat(engine.getTaskService().getVariable(review.getId(), "reviewSource")).isEqualTo("支部申诉复核");
    assertThat(cycle.tasks(Activity.CONFIRM_RESULT)).as("the appeal was the branch's one chance").isEmpty();

    // (90*40 + 92*60)/100 = 91.2; * 0.8 + 20 = 92.96 -> 93.0
    cycle.scenario().rescore(Activity.REVIEW_APPEAL, agency.branch(BUDGET), 90, 92, "预算执行率全年第一属实，业务指标得分上调");
    var approve = cycle.task(Activity.APPROVE_REVIEW);
    assertThat(approve).hasCandidateGroup(agency.partyGroupGroup());
    assertThat(engine.getTaskService().getVariable(approve.getId(), "grade")).isEqualTo("优秀");
    assertThat(result(BUDGET, "grade")).as("nothing changes before the party group decides").isEqualTo("良好");

    cycle.scenario().decideReview(agency.branch(BUDGET), "returned", "业务得分调整幅度过大，请说明依据");
    var again = cycle.task(Activity.REVIEW_APPEAL);
    assertThat(engine.getTaskService().getVariable(again.getId(), "reviewReturnReason")).isEqualTo("业务得分调整幅度过大，请说明依据");
    // (88*40 + 90*60)/100 = 89.2; * 0.8 + 20 = 91.36 -> 91.4
    cycle.scenario().rescore(Activity.REVIEW_APPEAL, agency.branch(BUDGET), 88, 90, "依据财政部门考核通报，业务得分调整为90分");
    cycle.scenario().decideReview(agency.branch(BUDGET), "approved", null);

    assertThat(result(BUDGET, "grade")).isEqualTo("优秀");
    assertThat(result(BUDGET, "weighted_score")).isEqualTo(new BigDecimal("91.4"));
    assertThat(result(BUDGET, "approved")).isEqualTo(true);
    var appeal = jdbc.queryForMap("select * from lt_assessment_review where cycle_id = ?", cycle.cycleId());
    assertThat(appeal).containsEntry("kind", "appeal").containsEntry("reason", APPEAL_REASON)
        .containsEntry("grade_before", "良好").containsEntry("grade_after", "优秀");
    assertThat(jdbc.queryForObject("select circulated_at from lt_assessment_publication where cycle_id = ?", Object.class,
        cycle.cycleId())).isNotNull();
    assertThat(notifications("RESULT_CIRCULATED")).isGreaterThan(0);
    assertThat(jdbc.queryForList("select body from lt_notification where kind = 'RESULT_CIRCULATED' and agency_id = ?",
        String.class, agency.id())).anySatisfy(body -> assertThat(body)
            .contains(agency.unitName(BUDGET) + "申诉：" + APPEAL_REASON + "。复核结果：优秀（原良好）"));
    cycle.decideMeasure(agency.branch(BUDGET), "commend"); // 优秀 after the review: recognition
    assertThat(cycle.instance()).isEnded();
    assertThat(cycle.instance()).hasPassed("Task_PublicizeResults", "EndEvent_AppealDecided", "EndEvent_ResultAccepted",
        "Task_CirculateResults", "SubProcess_Accountability");
  }

  @Test
  @FrozenClock("2026-12-20T10:00+08:00")
  void thePublicityEndsTheAppealsAndALateAppealIsRefused() {
    cycle.throughAssessment();
    cycle.scenario().publishResults().acceptResult(agency.branch(AUDIT));

    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.of(2026, 12, 28, 0, 30, 0, 0, ZoneOffset.ofHours(8)).toInstant()));
    assertThatThrownBy(() -> cycle.scenario().appeal(agency.branch(BUDGET), APPEAL_REASON))
        .hasMessageContaining("公示期已满，不能再提出申诉");
    assertThat(count("select count(*) from lt_assessment_review where cycle_id = ?", cycle.cycleId())).isZero();

    assertThat(cycle.dueTimers(Activity.PUBLICITY_ENDED)).hasSize(2);
    cycle.scenario().fireTimers(Activity.PUBLICITY_ENDED).continuations();
    assertThat(passes("EndEvent_NoAppeal")).isEqualTo(2);
    assertThat(cycle.instance()).isEnded();
    assertThat(cycle.instance()).hasPassed("Task_CirculateResults");
  }

  private Object result(String branch, String column) {
    return jdbc.queryForObject("select " + column + " from lt_assessment_result where cycle_id = ? and branch_code = ?",
        Object.class, cycle.cycleId(), agency.branch(branch));
  }

  private int notifications(String kind) {
    return count("select count(*) from lt_notification where kind = ? and subject like ?", kind,
        "%" + engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(cycle.cycleId())
            .variableName("cycleName").singleResult().getValue() + "%");
  }

  /** The scoring sheet a task shows: each goal's name, weight and score as it opens. */
  private List<String> sheet(String taskId) {
    List<String> rows = new java.util.ArrayList<>();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.valueOf(engine.getTaskService().getVariable(taskId,
          "goalScores"))).forEach(r -> rows.add(r.path("name").asText() + " " + r.path("weight").asInt() + "% "
              + r.path("score").asDouble()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
