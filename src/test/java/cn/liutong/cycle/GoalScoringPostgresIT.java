package cn.liutong.cycle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link GoalScoringTest} on PostgreSQL, in a database this test run creates: the goal-by-goal scores, their weights
 * from the approved plan, the refusals and the REST attempts of the branch and the party group, on the production
 * database.
 */
@DirtiesContext // closed before the JVM drops the test database
class GoalScoringPostgresIT extends GoalScoringTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
