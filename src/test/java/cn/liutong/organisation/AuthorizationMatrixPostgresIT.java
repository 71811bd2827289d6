package cn.liutong.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.organisation.Organisation.Agency;
import cn.liutong.organisation.Organisation.Branch;
import cn.liutong.organisation.Organisation.Person;
import cn.liutong.organisation.Organisation.Unit;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.TestAgency;
import cn.liutong.support.Rest;

/**
 * Who may see what, checked by the engine and our /api, through the REST API on PostgreSQL: every role
 * × every operation × a task of their own branch, of another branch, of another agency. A denial is 403
 * or 404 (or an empty list) and leaks nothing: no counts, no names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class AuthorizationMatrixPostgresIT {

  enum Target { OWN_BRANCH, OTHER_BRANCH, OTHER_AGENCY }

  /** A second agency, 市港航局, made by this test (its users' passwords equal their ids). */
  static final Organisation HARBOUR = new Organisation(List.of(new Agency("harbour", "市港航局",
      new Unit("市港航局机关党委", List.of(new Person("harbourcommittee", "港航委员"))),
      new Unit("市港航局党组", List.of(new Person("harbourleader", "港航党组书记"))),
      List.of(new Branch("harbourPort", "港口处党支部", Organisation.BranchKind.BRANCH, List.of(new Person("harboursecretary", "港口处书记")),
          List.of(new Person("harbourmember", "港口处党员")))))));


  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  OrganisationWriter organisationWriter;

  @Autowired
  ProcessEngine engine;

  private static Rest rest;
  private static String financeCycle;
  private static String harbourCycle;
  private static Map<Target, String> tasks;

  /** One world for all rows: finance at sign-for (one task per branch), harbour at its first task. */
  @BeforeEach
  void world() {
    if (tasks != null) {
      return;
    }
    rest = new Rest(port);
    organisationWriter.apply(HARBOUR, Person::id);
    financeCycle = start("wangqiang");
    complete("wangqiang", financeCycle, "Task_DraftGoals", Map.of("goals", CycleDriver.goals()));
    complete("zhaomin", financeCycle, "Task_ApproveGoals", Map.of("goalsDecision", "approved"));
    complete("wangqiang", financeCycle, "Task_DecomposeGoals", Map.of("items", CycleDriver.items(TestAgency.demo().owners())));
    harbourCycle = start("harbourcommittee");
    tasks = Map.of(
        Target.OWN_BRANCH, taskId(financeCycle, "Task_SignFor", "financeBudgetSecretaries"),
        Target.OTHER_BRANCH, taskId(financeCycle, "Task_SignFor", "financeTreasurySecretaries"),
        Target.OTHER_AGENCY, taskId(harbourCycle, "Task_DraftGoals", "harbourCommittee"));
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        //  user, target, may see the task, may take it (claim, complete), may read its history, the branch's ledger rows
        row("wangqiang", Target.OWN_BRANCH, true, false, true, true),  // committee: sees the whole agency, hands
        row("wangqiang", Target.OTHER_BRANCH, true, false, true, true), // tasks on (转办, 免办), never signs for a branch
        row("wangqiang", Target.OTHER_AGENCY, false, false, false, false),
        row("zhaomin", Target.OWN_BRANCH, false, false, true, true),   // party group: results, not branch tasks
        row("zhaomin", Target.OTHER_BRANCH, false, false, true, true),
        row("zhaomin", Target.OTHER_AGENCY, false, false, false, false),
        row("chenjing", Target.OWN_BRANCH, true, true, false, true),   // secretary of financeBudget
        row("chenjing", Target.OTHER_BRANCH, false, false, false, false),
        row("chenjing", Target.OTHER_AGENCY, false, false, false, false),
        row("liwei", Target.OWN_BRANCH, false, false, false, false),   // member: own tasks only
        row("liwei", Target.OTHER_BRANCH, false, false, false, false),
        row("liwei", Target.OTHER_AGENCY, false, false, false, false),
        row("harbourcommittee", Target.OWN_BRANCH, false, false, false, false), // another agency's committee
        row("harbourcommittee", Target.OTHER_BRANCH, false, false, false, false),
        row("harbourcommittee", Target.OTHER_AGENCY, true, true, true, true),
        row("admin", Target.OWN_BRANCH, true, true, true, true),
        row("admin", Target.OTHER_BRANCH, true, true, true, true),
        row("admin", Target.OTHER_AGENCY, true, true, true, true));
  }

  static Arguments row(String user, Target target, boolean task, boolean take, boolean history, boolean ledger) {
    return Arguments.of(user, target, task, take, history, ledger);
  }

  @ParameterizedTest(name = "{0} on {1}: task {2}, take {3}, history {4}, ledger {5}")
  @MethodSource("matrix")
  void eachRoleSeesAndActsOnlyOnItsOwnWork(String user, Target target, boolean task, boolean take, boolean history,
      boolean ledger) {
    String taskId = tasks.get(target);
    String cycle = target == Target.OTHER_AGENCY ? harbourCycle : financeCycle;

    // list
    assertThat(ids(rest.get("/engine-rest/task?processInstanceId=" + cycle, user)).contains(taskId)).as("list").isEqualTo(task);
    // get
    assertThat(allowed(rest.get("/engine-rest/task/" + taskId, user).status(), 200)).as("get").isEqualTo(task);
    // read variables
    assertThat(allowed(rest.get("/engine-rest/task/" + taskId + "/variables", user).status(), 200)).as("read variables")
        .isEqualTo(task);
    // claim, and give it back
    var claim = rest.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user), user);
    assertThat(allowed(claim.status(), 204)).as("claim: " + claim.body()).isEqualTo(take);
    if (claim.status() == 204) {
      assertThat(rest.post("/engine-rest/task/" + taskId + "/unclaim", "{}", user).status()).isEqualTo(204);
    }
    // complete: an authorized caller gets past the authorization check to the form check (400)
    var complete = rest.post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Map.of()), user);
    assertThat(allowed(complete.status(), 400)).as("complete: " + complete.body()).isEqualTo(take);
    // read history: denied means an empty answer, count 0
    var historic = rest.get("/engine-rest/history/task?taskId=" + taskId, user);
    assertThat(historic.status()).isEqualTo(200);
    assertThat(historic.json().size() == 1).as("read history").isEqualTo(history);
    assertThat(rest.get("/engine-rest/history/task/count?taskId=" + taskId, user).json().path("count").asInt())
        .as("history count").isEqualTo(history ? 1 : 0);
    // read ledger
    assertThat(seesLedger(user, target, cycle)).as("read ledger").isEqualTo(ledger);
  }

  @Test
  void onlyAdministratorsDeployModels() {
    String model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" targetNamespace="probe">
          <process id="deploy-probe" name="部署探针" isExecutable="true" camunda:historyTimeToLive="1"><startEvent id="StartEvent_Probe"/></process>
          <bpmndi:BPMNDiagram id="Diagram_Probe"><bpmndi:BPMNPlane id="Plane_Probe" bpmnElement="deploy-probe">
            <bpmndi:BPMNShape id="StartEvent_Probe_di" bpmnElement="StartEvent_Probe"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </definitions>""";
    for (String user : List.of("wangqiang", "zhaomin", "chenjing", "liwei", "harbourcommittee")) {
      var response = rest.postFile("/engine-rest/deployment/create", Map.of("deployment-name", "probe"), "probe.bpmn", model, user);
      assertThat(response.status()).as(user + " deploys").isEqualTo(403);
    }
    var admin = rest.postFile("/engine-rest/deployment/create", Map.of("deployment-name", "probe"), "probe.bpmn", model, "admin");
    assertThat(admin.status()).as(admin.body()).isEqualTo(200);
  }

  /**
   * The engine's "which groups hold any authorization" statement, answered on PostgreSQL by the index walk of
   * {@link AuthorizedGroupIds}, gives exactly the groups a plain distinct over the table gives.
   */
  @Test
  void authorizedGroupsAreReadByTheIndexWalkAndAreTheSame() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDbSqlSessionFactory().mapStatement(AuthorizedGroupIds.ENGINE_STATEMENT))
        .isEqualTo(AuthorizedGroupIds.STATEMENT);
    List<String> read = configuration.getCommandExecutorTxRequired().execute(context ->
        context.getDbEntityManager().selectList(AuthorizedGroupIds.ENGINE_STATEMENT).stream().map(String.class::cast).toList());
    var jdbc = new JdbcTemplate(configuration.getDataSource());
    List<String> distinct = jdbc.queryForList(
        "select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION where GROUP_ID_ is not null", String.class);
    assertThat(distinct).contains("financeBudgetSecretaries", "harbourCommittee");
    assertThat(read).containsExactlyInAnyOrderElementsOf(distinct);
  }

  @Test
  void anotherAgencysCycleIsInvisibleEverywhere() {
    assertThat(rest.get("/engine-rest/process-instance/" + harbourCycle, "wangqiang").status()).isEqualTo(404);
    assertThat(rest.get("/engine-rest/history/process-instance/" + harbourCycle, "wangqiang").status()).isEqualTo(404);
    assertThat(rest.get("/engine-rest/process-instance/count?processDefinitionKey=integrated-cycle", "harbourcommittee")
        .json().path("count").asInt()).isEqualTo(1);
    var cycles = rest.get("/api/cycles", "harbourcommittee").json();
    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0).path("id").asText()).isEqualTo(harbourCycle);
    var notFound = rest.get("/api/cycles/" + financeCycle, "harbourcommittee");
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.body()).doesNotContain("财政").doesNotContain("finance");
  }

  private boolean seesLedger(String user, Target target, String cycle) {
    var response = rest.get("/api/cycles/" + cycle, user);
    if (response.status() == 404) {
      return false;
    }
    assertThat(response.status()).isEqualTo(200);
    if (target == Target.OTHER_AGENCY) {
      return true;
    }
    String branch = target == Target.OWN_BRANCH ? "financeBudget" : "financeTreasury";
    for (JsonNode item : response.json().path("items")) {
      if (item.path("branchCode").asText().equals(branch)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allowed(int status, int success) {
    if (status == success) {
      return true;
    }
    assertThat(status).as("a denial is 403 or 404").isIn(403, 404);
    return false;
  }

  private static List<String> ids(Rest.Response response) {
    assertThat(response.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  private String start(String committeeUser) {
    var started = rest.post("/engine-rest/process-definition/key/integrated-cycle/submit-form",
        Map.of("variables", Rest.formVariables(CycleDriver.startForm())), committeeUser);
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("id").asText();
  }

  private void complete(String user, String cycle, String activityId, Map<String, Object> form) {
    String id = ids(rest.get("/engine-rest/task?processInstanceId=" + cycle + "&taskDefinitionKey=" + activityId, user)).get(0);
    var response = rest.post("/engine-rest/task/" + id + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  private String taskId(String cycle, String activityId, String candidateGroup) {
    return ids(rest.get("/engine-rest/task?processInstanceId=" + cycle + "&taskDefinitionKey=" + activityId
        + "&candidateGroup=" + candidateGroup, "admin")).get(0);
  }

}
