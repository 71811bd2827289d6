package cn.liutong.cycle;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

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

  protected int count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Integer.class, args);
  }
}
