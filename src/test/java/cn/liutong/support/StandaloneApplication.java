package cn.liutong.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.liutong.LiutongApplication;

/**
 * The whole application started by a test on a PostgreSQL database of its own (demo organisation, no demo
 * cycles, job executor off), beside the shared test context: for tests that stop and start it or move the
 * engine clock far.
 */
public final class StandaloneApplication {

  private StandaloneApplication() {
  }

  /** @param engineName anything but "default": the shared test context's REST API looks its engine up by that name */
  public static ConfigurableApplicationContext onPostgres(String database, String engineName) {
    return new SpringApplicationBuilder(LiutongApplication.class).run(
        "--spring.datasource.url=" + PostgresDatabase.url(database),
        "--spring.datasource.username=" + PostgresDatabase.user(),
        "--spring.datasource.password=" + PostgresDatabase.password(),
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false", "--liutong.demo.cycles=false",
        "--camunda.bpm.process-engine-name=" + engineName,
        "--logging.level.liquibase=warn");
  }
}
