package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.StandaloneApplication;

/**
 * Issue #13, a model upgrade with cycles running, as the README describes it for administrators: a new
 * version of {@code integrated-cycle} is deployed together with its forms and decisions (they are bound to
 * the deployment); running cycles stay on their version and go on; Camunda's migration API, called over REST
 * as an administrator, moves a running cycle to the new version where the change allows it (the same
 * activity ids) and refuses, changing nothing, where it does not (an active step that no longer exists).
 */
class ModelMigrationPostgresIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGN_FOR_NAME = "name=\"支部签收责任清单\"";

  @Test
  void runningCyclesStayOnTheirVersionAndMigrateWhereTheChangeAllows() throws Exception {
    try (ConfigurableApplicationContext application =
        StandaloneApplication.onPostgres(PostgresDatabase.freshDatabase(), "migrationTest")) {
      ProcessEngine engine = application.getBean(ProcessEngine.class);
      Admin admin = new Admin(Integer.parseInt(application.getEnvironment().getProperty("local.server.port")));

      CycleDriver cycle = new CycleDriver(engine).start().plan().decompose();
      String v1 = cycle.instance().getProcessDefinitionId();
      assertThat(cycle.tasks("Task_SignFor")).as("each branch signs for its list").hasSize(3);

      // v2: a renamed step (the same ids); v3: the active step replaced by one with another id
      String v2 = deploy(engine, bpmn -> bpmn.replace(SIGN_FOR_NAME, "name=\"支部签收责任清单（修订）\""));
      String v3 = deploy(engine, bpmn -> bpmn.replace("\"Task_SignFor\"", "\"Task_SignForRevised\""));
      assertThat(definition(engine, v3).getVersion()).isEqualTo(definition(engine, v1).getVersion() + 2);

      cycle.signFor(CycleDriver.BRANCHES.get(0));
      assertThat(currentDefinition(engine, cycle)).as("a deployment moves no running cycle").isEqualTo(v1);

      HttpResponse<String> refused = admin.migrate(v1, v3, cycle.cycleId());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(currentDefinition(engine, cycle)).as("a refused migration changes nothing").isEqualTo(v1);
      assertThat(cycle.tasks("Task_SignFor")).hasSize(2);

      HttpResponse<String> migrated = admin.migrate(v1, v2, cycle.cycleId());
      assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(204);
      assertThat(currentDefinition(engine, cycle)).isEqualTo(v2);
      assertThat(cycle.tasks("Task_SignFor")).as("the open steps keep their people and their place").hasSize(2);

      CycleDriver.BRANCHES.subList(1, 3).forEach(cycle::signFor);
      CycleDriver.BRANCHES.forEach(branch -> cycle.planImplementation(branch).pledgeAll(branch));
      cycle.inspectionDue();
      CycleDriver.BRANCHES.forEach(branch -> cycle.reportProgress(branch).inspect(branch, null));
      cycle.assess().approveResults();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(cycle.cycleId())
          .singleResult()).satisfies(done -> {
            assertThat(done.getEndTime()).as("the migrated cycle ran to its end").isNotNull();
            assertThat(done.getProcessDefinitionId()).isEqualTo(v2);
          });
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(cycle.cycleId())
          .taskDefinitionKey("Task_PlanImplementation").list())
          .as("steps after the migration come from the new version").hasSize(3)
          .allSatisfy(task -> assertThat(task.getProcessDefinitionId()).isEqualTo(v2));
    }
  }

  /** Deploys every model, form and decision together, as an administrator does from Modeler, one BPMN changed. */
  private static String deploy(ProcessEngine engine, UnaryOperator<String> change) throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("integrated-cycle revised");
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:models/**/*.*")) {
      String text = resource.getContentAsString(StandardCharsets.UTF_8);
      if ("integrated-cycle.bpmn".equals(resource.getFilename())) {
        String changed = change.apply(text);
        assertThat(changed).as("the change applies").isNotEqualTo(text);
        text = changed;
      }
      deployment.addString(resource.getFilename(), text);
    }
    String deploymentId = deployment.deploy().getId();
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId)
        .processDefinitionKey(CycleProcess.KEY).singleResult().getId();
  }

  private static ProcessDefinition definition(ProcessEngine engine, String id) {
    return engine.getRepositoryService().getProcessDefinition(id);
  }

  private static String currentDefinition(ProcessEngine engine, CycleDriver cycle) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycle.cycleId()).singleResult()
        .getProcessDefinitionId();
  }

  /**
   * The administrator's calls, as the README gives them: generate a plan, then execute it (addressed to this
   * test's engine by name; a real installation has only the default engine).
   */
  private record Admin(int port) {

    HttpResponse<String> migrate(String source, String target, String instanceId) throws Exception {
      ObjectNode generate = JSON.createObjectNode().put("sourceProcessDefinitionId", source)
          .put("targetProcessDefinitionId", target).put("updateEventTriggers", true);
      HttpResponse<String> plan = post("/migration/generate", generate);
      if (plan.statusCode() != 200) {
        return plan;
      }
      ObjectNode execute = JSON.createObjectNode();
      execute.set("migrationPlan", JSON.readTree(plan.body()));
      execute.set("processInstanceIds", JSON.valueToTree(List.of(instanceId)));
      return post("/migration/execute", execute);
    }

    private HttpResponse<String> post(String path, JsonNode body) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/engine/migrationTest" + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
