package cn.liutong.dashboard;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/**
 * {@link CityCommitteeTest} on PostgreSQL, in a database this test run creates: the overview's SQL aggregates
 * (quarters by timestamp and date ranges, sums of booleans and scores) on the production database.
 */
@DirtiesContext // closed before the JVM drops the test database
class CityCommitteePostgresIT extends CityCommitteeTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }
}
