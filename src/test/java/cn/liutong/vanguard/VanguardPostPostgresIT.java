package cn.liutong.vanguard;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/** {@link VanguardPostTest} on PostgreSQL, in a database this test run creates (the register's SQL on the production database). */
@DirtiesContext // closed before the JVM drops the test database
class VanguardPostPostgresIT extends VanguardPostTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
