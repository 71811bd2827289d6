package cn.liutong.cycle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link AssessmentAtOnceTest} on PostgreSQL, in a database this test run creates: 述职, scores and acceptances of
 * 同考核 sent at once, each counted once, no error and no incident, on the production database.
 */
@DirtiesContext // closed before the JVM drops the test database
class AssessmentAtOncePostgresIT extends AssessmentAtOnceTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
