package cn.liutong.cycle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link ResultReviewTest} on PostgreSQL, in a database this test run creates: the party group's return with its reason, the branch's one appeal within the period and its review, 公示 and 通报, on the production
 * database (#12's process tests by role).
 */
@DirtiesContext // closed before the JVM drops the test database
class ResultReviewPostgresIT extends ResultReviewTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
