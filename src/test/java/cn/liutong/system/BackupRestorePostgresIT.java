package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.StandaloneApplication;

/**
 * Issue #13, backup and restore as the README documents it: {@code pg_dump} of a running system, restored
 * with {@code pg_restore} into an empty database, and the application started on the restored database.
 * Every table comes back row for row (cycles, tasks, timers, history, ledger), and the restored system
 * continues the cycle: its inspection timers, set before the backup, fire once, and the cycle runs to its end.
 */
class BackupRestorePostgresIT {

  @TempDir
  Path backupDirectory;

  @Test
  void aBackupOfARunningSystemRestoresEveryRowAndTheCycleContinues() throws Exception {
    String original = PostgresDatabase.freshDatabase();
    Path backup = backupDirectory.resolve("liutong.dump");
    String cycleId;
    Map<String, String> before;
    try (ConfigurableApplicationContext running = StandaloneApplication.onPostgres(original, "backupTest")) {
      ProcessEngine engine = running.getBean(ProcessEngine.class);
      CycleDriver cycle = new CycleDriver(engine).start().plan().deploy();
      CycleDriver.BRANCHES.forEach(branch -> cycle.planImplementation(branch).pledgeAll(branch));
      cycleId = cycle.cycleId();
      assertThat(cycle.dueTimers("TimerEvent_InspectionDue")).as("the agency's inspection round waits for its date").hasSize(1);

      before = contents(running.getBean(JdbcTemplate.class));
      run("pg_dump", "--format=custom", "--file=" + backup, original);
    }
    assertThat(Files.size(backup)).isPositive();

    String restored = PostgresDatabase.freshDatabase();
    run("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + restored, backup.toString());

    try (ConfigurableApplicationContext restarted = StandaloneApplication.onPostgres(restored, "backupTest")) {
      assertThat(contents(restarted.getBean(JdbcTemplate.class))).as("every table, row for row")
          .containsExactlyInAnyOrderEntriesOf(before);

      ProcessEngine engine = restarted.getBean(ProcessEngine.class);
      CycleDriver cycle = CycleDriver.resume(engine, cycleId);
      cycle.inspectionDue();
      assertThat(cycle.dueTimers("TimerEvent_InspectionDue")).as("the restored timer fired once").isEmpty();
      assertThat(cycle.tasks("Task_ReportProgress")).as("one progress report per branch").hasSize(3);

      CycleDriver.BRANCHES.forEach(branch -> cycle.reportProgress(branch).inspect(branch, null));
      cycle.assess().approveResults();
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycleId).count())
          .as("the restored cycle ran to its end").isZero();
      assertThat(restarted.getBean(JdbcTemplate.class)
          .queryForObject("select count(*) from lt_assessment_result where cycle_id = ?", Integer.class, cycleId))
          .as("a result per branch in the ledger").isEqualTo(3);
    }
  }

  /** Per table of the schema: the number of rows and a digest of all of them. */
  private static Map<String, String> contents(JdbcTemplate jdbc) {
    Map<String, String> contents = new TreeMap<>();
    for (String table : jdbc.queryForList(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
        String.class)) {
      contents.put(table, jdbc.queryForObject("select count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') from "
          + table + " t", String.class));
    }
    return contents;
  }

  private static void run(String tool, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tool));
    command.addAll(PostgresDatabase.commandLineConnection());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", PostgresDatabase.password());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
