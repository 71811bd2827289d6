package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * An upgrade with a cycle still on the model version before goal-by-goal scoring: its 考核评分 form sends the two
 * kinds' scores and its decision weighs them with the cycle's own party weight. The new code scores such a cycle as
 * its version says, so cycles running at the upgrade are not stuck. The version is the one of commit af82b26
 * ({@code src/test/resources/before-goal-scoring}: the model, its decision and the three forms that changed),
 * deployed with today's other forms; it is removed again after the test.
 */
class ScoringBeforeGoalScoresTest extends CycleTestBase {

  private static final Set<String> BEFORE = Set.of("integrated-cycle.bpmn", "assessment-grade.dmn", "score-branch.form",
      "rescore-branch.form", "cycle-start.form");

  private String deploymentId;

  @AfterEach
  void removeTheOldVersion() {
    if (deploymentId != null) {
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void aCycleOnTheEarlierVersionIsScoredAsThatVersionSays() throws IOException {
    deployTheVersionBeforeGoalScoring();
    Map<String, Object> form = new java.util.LinkedHashMap<>(CycleDriver.startForm());
    form.put("partyWeight", 30L); // that version's start form asked for the party weight
    cycle.start(form).plan().deploy().implementAndInspect();
    assertThat(engine.getRepositoryService().getProcessDefinition(cycle.instance().getProcessDefinitionId())
        .getDeploymentId()).isEqualTo(deploymentId);
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));

    cycle.tasks("Task_ScoreBranch").forEach(task -> {
      assertThat(engine.getTaskService().getVariableLocal(task.getId(), "goalScores")).as("no sheet on that version").isNull();
      cycle.submit(task, Map.of("partyScore", 85L, "businessScore", 88L, "veto", false));
    });

    // that version's rule: (85*30 + 88*70)/100 = 87.1; members' 好评率 100: 87.1*0.8 + 100*0.2 = 89.68 -> 89.7, 良好
    assertThat(jdbc.queryForList("select weighted_score from lt_assessment_result where cycle_id = ?", BigDecimal.class,
        cycle.cycleId())).hasSize(3).allSatisfy(s -> assertThat(s).isEqualByComparingTo("89.7"));
    assertThat(jdbc.queryForList("select party_score from lt_assessment_result where cycle_id = ?", BigDecimal.class,
        cycle.cycleId())).allSatisfy(s -> assertThat(s).isEqualByComparingTo("85.0"));
    assertThat(jdbc.queryForObject("select count(*) from lt_goal_score where cycle_id = ?", Integer.class, cycle.cycleId()))
        .isZero();
    cycle.approveResults();
    assertThat(cycle.instance()).isEnded();
  }

  private void deployTheVersionBeforeGoalScoring() throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("integrated-cycle before goal scoring");
    var resolver = new PathMatchingResourcePatternResolver();
    for (Resource resource : resolver.getResources("classpath*:models/**/*.*")) {
      String name = resource.getFilename();
      // the cycle with the forms and decisions it binds to its deployment; the other processes stay as they are
      if (!BEFORE.contains(name) && (name.endsWith(".form") || name.endsWith(".dmn"))) {
        deployment.addString(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
      }
    }
    for (Resource resource : resolver.getResources("classpath*:before-goal-scoring/*.*")) {
      deployment.addString(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
    }
    deploymentId = deployment.deploy().getId();
  }
}
