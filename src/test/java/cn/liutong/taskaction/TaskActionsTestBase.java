package cn.liutong.taskaction;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.Rest;

/**
 * The real application on an in-memory database with the demo organisation: a finance cycle brought to the
 * members' pledges of 预算处党支部 (chenjing secretary; liwei, zhanghua members), every branch's sign-for done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
abstract class TaskActionsTestBase {

  static final String BRANCH = "financeBudget";

  @Autowired
  protected ProcessEngine engine;

  @Autowired
  protected JdbcTemplate jdbc;

  @LocalServerPort
  protected int port;

  protected CycleDriver cycle;
  protected Rest rest;

  @BeforeEach
  void newDriver() {
    BpmnAwareTests.init(engine);
    cycle = new CycleDriver(engine);
    rest = new Rest(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** A cycle at the pledges of the budget branch. */
  protected void atPledges() {
    cycle.start().plan().deploy().planImplementation(BRANCH);
  }

  protected Task pledgeOf(String member) {
    return engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId()).taskDefinitionKey("Task_Pledge")
        .taskAssignee(member).singleResult();
  }

  protected Task task(String id) {
    return engine.getTaskService().createTaskQuery().taskId(id).singleResult();
  }

  protected Rest.Response act(String taskId, String action, Object body, String user) {
    return rest.post("/api/tasks/" + taskId + "/actions/" + action, body, user, user);
  }

  protected int actions(String taskId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM lt_task_action WHERE task_id = ?", Integer.class, taskId);
  }

  protected static Map<String, Object> to(String userId) {
    return Map.of("userId", userId);
  }
}
