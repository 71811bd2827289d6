package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * Process tests on the real application (models, delegates, ledger) with an in-memory database and no job
 * executor: a test fires due timers itself. Each test class acts in an agency of its own, a copy of the demo
 * agency ({@link TestAgency}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
abstract class CycleTestBase {

  @Autowired
  protected ProcessEngine engine;

  @Autowired
  protected JdbcTemplate jdbc;

  @Autowired
  private ApplicationContext context;

  /** The test class's own agency. */
  protected final TestAgency agency = TestAgency.forClass(getClass());

  protected CycleDriver cycle;

  @BeforeEach
  void newDriver() {
    // Several Spring contexts (H2, PostgreSQL) run engines named "default": bind the assertions to ours.
    BpmnAwareTests.init(engine);
    cycle = new CycleDriver(engine, agency.importInto(context));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** How often the cycle passed an activity (a loop shows as more than one pass). */
  protected long passes(String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(cycle.cycleId()).activityId(activityId).count();
  }

  /**
   * The holder of a task tries, through the REST API, every way to write a value the task only shows: the form
   * (with the task's own fields otherwise right), the task's and its execution's variables, the process
   * instance's. Each is refused and the value stays what the engine computed.
   */
  protected void cannotRewrite(Rest rest, String user, Task task, String name, Object forged, Map<String, Object> form) {
    Object before = engine.getTaskService().getVariable(task.getId(), name);
    Map<String, Object> forgedForm = new LinkedHashMap<>(form);
    forgedForm.put(name, forged);
    Map<String, Object> variable = Rest.formVariables(Map.of(name, forged));
    List<Rest.Response> answers = List.of(
        rest.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Rest.formVariables(forgedForm)), user),
        rest.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Rest.formVariables(forgedForm)), user),
        rest.put("/engine-rest/task/" + task.getId() + "/variables/" + name, variable.get(name), user),
        rest.put("/engine-rest/task/" + task.getId() + "/localVariables/" + name, variable.get(name), user),
        rest.post("/engine-rest/task/" + task.getId() + "/variables", Map.of("modifications", variable), user),
        rest.put("/engine-rest/execution/" + task.getExecutionId() + "/localVariables/" + name, variable.get(name), user),
        rest.put("/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/" + name, variable.get(name), user),
        rest.post("/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables", Map.of("modifications", variable),
            user));
    assertThat(answers).as("every write of %s", name).allSatisfy(answer -> assertThat(answer.status()).as(answer.body())
        .isBetween(400, 499));
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isOne();
    // (a Json value compares by its text)
    assertThat(String.valueOf(engine.getTaskService().getVariable(task.getId(), name))).as(name).isEqualTo(String.valueOf(before));
  }

  protected int count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Integer.class, args);
  }
}
