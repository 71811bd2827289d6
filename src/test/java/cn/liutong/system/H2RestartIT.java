package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.liutong.LiutongApplication;

/**
 * The embedded default, as `./mvnw spring-boot:run` runs it: the demo profile on an H2 file database.
 * Liquibase creates the whole schema on the first start; a restart changes nothing and loses nothing.
 */
class H2RestartIT {

  @TempDir
  Path data;

  @Test
  void firstStartCreatesSchemaWithLiquibaseAndRestartKeepsEverything() {
    String url = "jdbc:h2:file:" + data.resolve("liutong").toAbsolutePath();
    long changeSets;
    try (ConfigurableApplicationContext first = start(url)) {
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject(
          "select count(*) from DATABASECHANGELOG where FILENAME like '%org/camunda/bpm/engine/db/liquibase/camunda-changelog.xml'",
          Integer.class)).as("Camunda's own changesets, applied by Liquibase").isPositive();
      assertThat(jdbc.queryForList("select VERSION_ from ACT_GE_SCHEMA_LOG", String.class)).contains("7.24.0");
      assertThat(jdbc.queryForObject("select count(*) from lt_cycle", Integer.class)).as("the demo cycles").isEqualTo(4);
      changeSets = jdbc.queryForObject("select count(*) from DATABASECHANGELOG", Long.class);

      ProcessEngine engine = first.getBean(ProcessEngine.class);
      assertThat(versions(engine, "integrated-cycle")).containsExactly(1);
      assertThat(versions(engine, "rectification")).containsExactly(1);
      var probe = engine.getIdentityService().newUser("restartprobe");
      probe.setPassword("restartprobe-secret");
      engine.getIdentityService().saveUser(probe);
    }
    assertThat(Files.exists(data.resolve("liutong.mv.db"))).isTrue();

    try (ConfigurableApplicationContext second = start(url)) {
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select count(*) from DATABASECHANGELOG", Long.class)).isEqualTo(changeSets);
      assertThat(jdbc.queryForObject("select count(*) from lt_cycle", Integer.class)).as("demo data only once").isEqualTo(4);
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(versions(engine, "integrated-cycle")).as("an unchanged restart deploys no new version").containsExactly(1);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
      assertThat(engine.getIdentityService().checkPassword("restartprobe", "restartprobe-secret")).isTrue();
      assertThat(engine.getIdentityService().createUserQuery().userId("chenjing").count()).isEqualTo(1);
    }
  }

  private static java.util.List<Integer> versions(ProcessEngine engine, String key) {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).list().stream()
        .map(d -> d.getVersion()).toList();
  }

  private static ConfigurableApplicationContext start(String url) {
    return new SpringApplicationBuilder(LiutongApplication.class).run(
        "--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        // not "default": the shared test context's REST API looks its engine up by that name
        "--camunda.bpm.process-engine-name=restartTest",
        "--logging.level.liquibase=warn");
  }
}
