package cn.liutong.taskaction;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;

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
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * The real application on an in-memory database, each test class in an agency of its own ({@link TestAgency}, a
 * copy of the demo agency): a cycle brought to the members' pledges of 预算处党支部 (陈静 secretary; 李伟, 张华
 * members), every branch's sign-for done. Another agency (a copy too, shared by the subclasses and only read)
 * stands for the people who must not reach the class's agency.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
abstract class TaskActionsTestBase {

  /** Another agency, whose people must neither see nor touch the class's agency's tasks. */
  protected static final TestAgency otherAgency = TestAgency.fresh();

  @Autowired
  protected ProcessEngine engine;

  @Autowired
  protected JdbcTemplate jdbc;

  @Autowired
  private ApplicationContext context;

  @LocalServerPort
  protected int port;

  /** The test class's own agency. */
  protected final TestAgency agency = TestAgency.forClass(getClass());

  /** 预算处党支部, whose members' pledges the tests act on. */
  protected final String branch = agency.branch(BUDGET);
  /** 王强 and 刘洋 of the agency party committee, 赵敏 of the party group. */
  protected final String committee = agency.committee();
  protected final String committee2 = agency.committee2();
  protected final String partyGroup = agency.partyGroup();
  /** 陈静, the branch's secretary; 李伟 and 张华, its members. */
  protected final String secretary = agency.secretary(BUDGET);
  protected final String member = agency.member(BUDGET, 0);
  protected final String member2 = agency.member(BUDGET, 1);
  /** 孙丽, secretary of 国库处党支部, and 周杰, its member: the agency's people outside the branch. */
  protected final String treasurySecretary = agency.secretary(TREASURY);
  protected final String treasuryMember = agency.member(TREASURY, 0);
  /** 钱峰 of the other agency's party committee, 何平 of its party group. */
  protected final String outsider = otherAgency.committee();
  protected final String outsiderPartyGroup = otherAgency.partyGroup();

  protected CycleDriver cycle;
  protected Rest rest;

  @BeforeEach
  void newDriver() {
    BpmnAwareTests.init(engine);
    otherAgency.importInto(context);
    cycle = new CycleDriver(engine, agency.importInto(context));
    rest = new Rest(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** A cycle at the pledges of the budget branch. */
  protected void atPledges() {
    cycle.start().plan().deploy().planImplementation(branch);
  }

  protected Task pledgeOf(String assignee) {
    return engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId()).taskDefinitionKey("Task_Pledge")
        .taskAssignee(assignee).singleResult();
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
