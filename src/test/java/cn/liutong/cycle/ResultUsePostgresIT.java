package cn.liutong.cycle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link ResultUseTest} on PostgreSQL, in a database this test run creates: measures that name their people, executor and date, carried out and documented, recognition for 优秀, every rectification of the cycle counted, on the production
 * database (#12's process tests by role).
 */
@DirtiesContext // closed before the JVM drops the test database
class ResultUsePostgresIT extends ResultUseTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
