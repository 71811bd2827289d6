package cn.liutong.cycle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link AgencyAssessmentTest} on PostgreSQL, in a database this test run creates: the owners' 述职 (refusals, the
 * REST attempts of everyone but the owner, three owners at once), the committee's agency scoring worked out by hand,
 * and the skip when no item names an owner, on the production database.
 */
@DirtiesContext // closed before the JVM drops the test database
class AgencyAssessmentPostgresIT extends AgencyAssessmentTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
