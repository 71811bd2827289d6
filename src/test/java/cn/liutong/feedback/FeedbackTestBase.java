package cn.liutong.feedback;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;


/**
 * Feedback tests on the real application (the context every process test shares: in-memory H2, demo
 * organisation, job executor off).
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

  /** A driver for a new item (or, with {@code follow}, one submitted over HTTP). */
  protected FeedbackDriver feedback() {
    return new FeedbackDriver(engine, channel, ledger);
  }
}
