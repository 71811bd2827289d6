package cn.liutong.cycle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link DemocraticEvaluationTest} on PostgreSQL, in a database this test run creates: the anonymous graded 民主测评 (party-building and business apart, no grade tied to a person) and the department's 社会评价 every branch receives, on the production
 * database (#12's process tests by role).
 */
@DirtiesContext // closed before the JVM drops the test database
class DemocraticEvaluationPostgresIT extends DemocraticEvaluationTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
