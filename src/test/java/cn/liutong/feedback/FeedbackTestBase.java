package cn.liutong.feedback;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.support.TestAgency;

/**
 * Feedback tests on the real application (the context every process test shares: in-memory H2, demo
 * organisation, job executor off), each test class in an agency of its own ({@link TestAgency}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
abstract class FeedbackTestBase {

  @Autowired
  protected ProcessEngine engine;
  @Autowired
  protected FeedbackChannel channel;
  @Autowired
  protected FeedbackLedger ledger;
  @Autowired
  protected JdbcTemplate jdbc;
  @Autowired
  private ApplicationContext context;

  /** The test class's own agency. */
  protected final TestAgency agency = TestAgency.forClass(getClass());

  @BeforeEach
  void ownAgency() {
    agency.importInto(context);
  }

  /** A driver for a new item (or, with {@code follow}, one submitted over HTTP). */
  protected FeedbackDriver feedback() {
    return new FeedbackDriver(engine, channel, ledger, agency.id());
  }
}
