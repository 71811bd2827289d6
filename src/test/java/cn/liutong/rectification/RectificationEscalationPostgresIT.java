package cn.liutong.rectification;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link RectificationEscalationTest} on PostgreSQL, in a database this test run creates: the weekly timer, the
 * extension ledger and the REST attacks (another branch's secretary, forged dates and decisions) on the production
 * database.
 */
@DirtiesContext // closed before the JVM drops the test database
class RectificationEscalationPostgresIT extends RectificationEscalationTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
