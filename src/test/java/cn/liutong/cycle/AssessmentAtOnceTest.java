package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleProcess.Activity;
import cn.liutong.demo.CycleScenario;
import cn.liutong.support.Rest;

/**
 * 同考核 with everyone acting at once, over REST as Tasklist sends it: every branch's secretary and every owner of the
 * party group's and committee's items report on duty (述职) in the same moment, the committee scores every branch and
 * the agency at once, and on 公示 every secretary accepts the result at once. Nobody sees an error for someone else's
 * work, each answer is recorded once, and the cycle moves on once.
 */
class AssessmentAtOnceTest extends CycleTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Test
  void dutyReportsScoresAndAcceptancesAtOnceAllCountOnce() throws Exception {
    Rest rest = new Rest(port);
    cycle.start().plan().deploy().implementAndInspect();

    List<Callable<Rest.Response>> reports = new ArrayList<>();
    for (String branch : agency.branches()) {
      Task task = cycle.branchTask(Activity.DUTY_REPORT, branch);
      List<Map<String, Object>> ratings = Collections.nCopies(cycle.scenario().pledgesToRate(branch), Map.of("rating", "good"));
      String secretary = agency.secretary(branch.substring(agency.id().length()));
      reports.add(() -> submit(rest, task, Map.of("dutyReportParty", "本年度支部党建工作按计划完成，三会一课规范",
          "dutyReportBusiness", "本年度业务工作按计划完成", "pledgeRatings", ratings), secretary));
    }
    for (Task task : cycle.tasks(Activity.OWNER_DUTY_REPORT)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      JSON.readTree(String.valueOf(engine.getTaskService().getVariableLocal(task.getId(), "ownItems")))
          .forEach(r -> rows.add(Map.of("itemNo", r.path("itemNo").asInt(), "statement", "按节点推进，定期听取汇报")));
      reports.add(() -> submit(rest, task, Map.of("ownItems", rows, "ownerDutySummary", "认真履行一岗双责，分管事项按节点完成"),
          task.getAssignee()));
    }
    assertThat(reports).hasSize(6);
    allAnswered204(reports);
    cycle.continuations();
    assertThat(count("select count(*) from lt_owner_duty_report where cycle_id = ?")).isEqualTo(3);
    assertThat(cycle.tasks(Activity.DUTY_REPORT)).isEmpty();
    agency.branches().forEach(cycle::evaluateAll);

    List<Callable<Rest.Response>> scores = new ArrayList<>();
    for (Task task : cycle.tasks(Activity.SCORE_BRANCH)) {
      List<Map<String, Object>> sheet = cycle.scenario().scoredSheet(task, CycleScenario.byKind(85, 88), null);
      scores.add(() -> submit(rest, task, Map.of("goalScores", sheet, "veto", false), agency.committee()));
    }
    Task agencyScoring = cycle.task(Activity.SCORE_AGENCY);
    List<Map<String, Object>> agencySheet = cycle.scenario().scoredSheet(agencyScoring, row -> 90, null);
    scores.add(() -> submit(rest, agencyScoring, Map.of("goalScores", agencySheet), agency.committee()));
    assertThat(scores).hasSize(4);
    allAnswered204(scores);
    cycle.continuations();
    // each branch's four goals and the agency's four, once
    assertThat(count("select count(*) from lt_goal_score where cycle_id = ?")).isEqualTo(4 * 4);
    assertThat(count("select count(*) from lt_agency_assessment where cycle_id = ?")).isEqualTo(1);
    assertThat(cycle.tasks(Activity.APPROVE_RESULTS)).as("the party group's approval, once").hasSize(1);

    cycle.scenario().publishResults();
    List<Callable<Rest.Response>> acceptances = new ArrayList<>();
    for (String branch : agency.branches()) {
      Task task = cycle.branchTask(Activity.CONFIRM_RESULT, branch);
      String secretary = agency.secretary(branch.substring(agency.id().length()));
      acceptances.add(() -> submit(rest, task, Map.of("appealDecision", "accepted"), secretary));
    }
    allAnswered204(acceptances);
    cycle.continuations();
    assertThat(cycle.tasks(Activity.CONFIRM_RESULT)).isEmpty();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.instance().getId())
        .activityId(Activity.CIRCULATE_RESULTS).count()).as("the results circulated once").isEqualTo(1);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.instance().getId()).count())
        .isZero();
  }

  private void allAnswered204(List<Callable<Rest.Response>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      for (Future<Rest.Response> answer : pool.invokeAll(calls)) {
        assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(204);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class, cycle.cycleId());
  }

  private static Rest.Response submit(Rest rest, Task task, Map<String, Object> form, String user) {
    return rest.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(form)), user);
  }
}
