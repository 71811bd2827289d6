package cn.liutong.meeting;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/** {@link BranchMeetingTest} on PostgreSQL, in a database this test run creates (the ledger's SQL and dates on the production database). */
@DirtiesContext // closed before the JVM drops the test database
class BranchMeetingPostgresIT extends BranchMeetingTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
