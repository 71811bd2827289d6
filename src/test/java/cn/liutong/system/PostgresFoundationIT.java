package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;

/** The same system on PostgreSQL, in a database this test run creates: schema by Liquibase, REST secured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class PostgresFoundationIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @Autowired
  JdbcTemplate jdbc;

  @LocalServerPort
  int port;

  @Test
  void schemaIsLiquibasesAndEngineIsCurrent() {
    assertThat(jdbc.queryForObject("select current_database()", String.class)).startsWith("liutong_test_");
    assertThat(jdbc.queryForObject("select count(*) from databasechangelog where filename like "
        + "'%org/camunda/bpm/engine/db/liquibase/camunda-changelog.xml'", Integer.class)).isPositive();
    assertThat(jdbc.queryForList("select version_ from act_ge_schema_log", String.class)).contains("7.24.0");
    assertThat(jdbc.queryForObject("select count(*) from databasechangelog where filename = "
        + "'db/changelog/liutong-changelog.xml'", Integer.class)).isPositive();
  }

  @Test
  void restIsSecuredOnPostgres() {
    Rest rest = new Rest(port);
    assertThat(rest.get("/engine-rest/task", null, null).status()).isEqualTo(401);
    assertThat(rest.get("/engine-rest/process-definition?key=integrated-cycle", "wangqiang").json().size()).isEqualTo(1);
  }
}
