package cn.liutong.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestCityCommittee;
import cn.liutong.support.WebappSession;

/**
 * The city committee reads the agencies' dashboards and nothing else: asked directly, Camunda's REST API and
 * Cockpit's own engine API show its member no task, form, variable, instance or history of an agency's cycle,
 * and let it take no task, while the same requests as the agency's committee succeed (so that each refusal is
 * the city committee's, not a wrong address).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CityCommitteeAttackTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @RegisterExtension
  static final TestCityCommittee city = TestCityCommittee.fresh();

  @Autowired
  ProcessEngine engine;

  @LocalServerPort
  int port;

  @Test
  void theEngineShowsTheCityCommitteeNothingOfAnAgencysCycle() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String instance = cycle.cycleId();
    Task signFor = cycle.branchTask(CycleProcess.Activity.SIGN_FOR, agency.branch(TestAgency.BUDGET));
    String task = signFor.getId();
    Rest rest = new Rest(port);

    List<String> lists = List.of("/engine-rest/task?processInstanceId=" + instance, "/engine-rest/task",
        "/engine-rest/process-instance?processInstanceIds=" + instance, "/engine-rest/process-definition",
        "/engine-rest/history/process-instance?processInstanceId=" + instance,
        "/engine-rest/history/task?processInstanceId=" + instance,
        "/engine-rest/history/variable-instance?processInstanceId=" + instance,
        "/engine-rest/variable-instance?processInstanceIdIn=" + instance);
    for (String path : lists) {
      assertThat(rest.get(path, agency.committee()).status()).as("the agency's committee: " + path).isEqualTo(200);
      Rest.Response answer = rest.get(path, city.member());
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.json()).as(path).isEmpty();
    }
    assertThat(rest.get("/engine-rest/task/count", city.member()).json().path("count").asInt()).isZero();

    List<String> reads = List.of("/engine-rest/task/" + task, "/engine-rest/task/" + task + "/form-variables",
        "/engine-rest/task/" + task + "/variables", "/engine-rest/task/" + task + "/form",
        "/engine-rest/process-instance/" + instance, "/engine-rest/process-instance/" + instance + "/variables",
        "/engine-rest/process-instance/" + instance + "/activity-instances",
        "/engine-rest/history/process-instance/" + instance);
    for (String path : reads) {
      assertThat(rest.get(path, agency.committee()).status()).as("the agency's committee: " + path).isEqualTo(200);
      Rest.Response answer = rest.get(path, city.member());
      assertThat(answer.status()).as(path + " " + answer.body()).isIn(403, 404);
      assertThat(answer.body()).as(path).doesNotContain("市财政局", "支部");
    }

    // nor may it take or complete the task
    for (String action : List.of("/claim", "/complete", "/submit-form")) {
      Rest.Response answer = rest.post("/engine-rest/task/" + task + action,
          action.equals("/claim") ? Map.of("userId", city.member()) : Map.of(), city.member());
      assertThat(answer.status()).as(action).isIn(403, 404);
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult()).as("the task is untouched")
        .satisfies(t -> assertThat(t.getAssignee()).isNull());

    // Cockpit's own engine API, with the webapp session the 六同看板 is read with
    WebappSession cockpit = new WebappSession(port);
    assertThat(cockpit.login(city.member(), "cockpit").status()).isEqualTo(200);
    String engineApi = "/camunda/api/engine/engine/default";
    assertThat(cockpit.get(engineApi + "/task?processInstanceId=" + instance).json()).isEmpty();
    assertThat(cockpit.get(engineApi + "/process-instance/" + instance + "/variables").status()).isIn(403, 404);
    assertThat(cockpit.get(engineApi + "/task/" + task + "/form-variables").status()).isIn(403, 404);
    assertThat(cockpit.get("/camunda/api/cockpit/plugin/liutong-dashboard/default/dashboard?agency=" + agency.id())
        .status()).as("while its dashboard is open to it").isEqualTo(200);
    WebappSession tasklist = new WebappSession(port);
    assertThat(tasklist.login(city.member(), "tasklist").status()).as("no Tasklist for the city committee")
        .isIn(401, 403);
  }
}
