package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.meeting.MeetingProcess;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.TestAgency;
import cn.liutong.support.StandaloneApplication;

/**
 * Issue #13, "history stays bounded": twenty yearly cycles of one agency, one per year with the engine clock
 * moved, and Camunda's removal-time history cleanup after each. Every model keeps its history for 1,826 days
 * (five years), so from the sixth year on each cleanup removes one finished cycle as the next one finishes:
 * the history tables stop growing and hold the same number of rows year after year. The ledger, which must
 * outlive history, keeps every cycle.
 */
class HistoryCleanupPostgresIT {

  private static final int YEARS = 20;
  /** historyTimeToLive of the models, in years (1,826 days). */
  private static final int KEPT_YEARS = 5;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void historyTablesStayFlatOverTwentyYearlyCyclesAndTheLedgerKeepsThemAll() {
    try (ConfigurableApplicationContext application = StandaloneApplication.onPostgres(PostgresDatabase.freshDatabase(), "historyCleanupTest")) {
      ProcessEngine engine = application.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
      Map<Integer, Map<String, Long>> historyByYear = new LinkedHashMap<>();

      for (int year = 2026; year < 2026 + YEARS; year++) {
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(year, 1, 5).atStartOfDay().toInstant(ZoneOffset.UTC)));
        Map<String, Object> form = CycleDriver.startForm();
        form.put("cycleName", year + "年度党建与业务融合工作");
        form.put("periodStart", year + "-01-01");
        form.put("periodEnd", year + "-12-31");
        String milestoneDate = year + "-06-30";
        List<Map<String, Object>> items = CycleDriver.items(TestAgency.demo().owners());
        items.forEach(item -> item.put("milestoneDate", milestoneDate));
        List<Map<String, Object>> meetings = List.of(Map.of("type", "themeDay", "plannedDate", year + "-03-15", "topicSource", "planDifficulties", "topic", "研讨预算绩效评价难点"));
        CycleDriver cycle = new CycleDriver(engine).start(form).plan().decompose(items).deploy_signAll();
        CycleDriver.BRANCHES.forEach(branch -> cycle.planImplementation(branch, meetings).pledgeAll(branch));
        cycle.inspectionDue();
        CycleDriver.BRANCHES.forEach(branch -> cycle.reportProgress(branch).inspect(branch, null));
        cycle.assess().approveResults();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycle.cycleId()).count())
            .as("the %d cycle finished", year).isZero();

        // the planned meetings fall due, nobody records them, and 30 days later they end as 未召开
        for (LocalDate day : List.of(LocalDate.of(year, 3, 16), LocalDate.of(year, 4, 20))) {
          ClockUtil.setCurrentTime(Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC)));
          runDueJobs(engine.getManagementService(), MeetingProcess.KEY);
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MeetingProcess.KEY).count())
            .as("the year's meetings ended").isZero();

        ClockUtil.setCurrentTime(Date.from(LocalDate.of(year, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC)));
        Map<String, Long> ledgerBefore = sizes(jdbc, "lt\\_%");
        cleanUpHistory(engine.getManagementService(), engine);
        assertThat(sizes(jdbc, "lt\\_%")).as("the cleanup leaves the ledger alone").isEqualTo(ledgerBefore);
        Map<String, Long> sizes = sizes(jdbc, "act\\_hi\\_%");
        sizes.putAll(sizes(jdbc, "act\\_ge\\_bytearray"));
        sizes.putAll(sizes(jdbc, "act\\_ru\\_task\\_meter\\_log"));
        historyByYear.put(year, sizes);
      }

      int full = 2026 + KEPT_YEARS;
      System.out.printf("History rows after each year's cleanup (%d cycles):%n", YEARS);
      historyByYear.forEach((year, sizes) -> System.out.printf("  %d  %,d rows%n", year,
          sizes.values().stream().mapToLong(Long::longValue).sum()));
      assertThat(total(historyByYear.get(full))).as("history grows while it is younger than five years")
          .isGreaterThan(total(historyByYear.get(2026)));
      for (int year = full + 1; year < 2026 + YEARS; year++) {
        assertThat(historyByYear.get(year)).as("history tables in %d, as in %d", year, full).isEqualTo(historyByYear.get(full));
      }
      assertThat(jdbc.queryForObject("select count(*) from lt_cycle", Integer.class)).as("every cycle in the ledger")
          .isEqualTo(YEARS);
      assertThat(jdbc.queryForObject("select count(*) from lt_assessment_result", Integer.class))
          .isEqualTo(YEARS * CycleDriver.BRANCHES.size());
    }
  }

  private static void runDueJobs(ManagementService management, String processKey) {
    for (int run = 0; run < 1000; run++) {
      // one at a time: a job may remove others (an interrupting timer its sibling reminder)
      List<Job> due = management.createJobQuery().processDefinitionKey(processKey).executable().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs of " + processKey + " kept falling due");
  }

  /** Runs Camunda's history cleanup now, as often as it reschedules itself for more work. */
  private static void cleanUpHistory(ManagementService management, ProcessEngine engine) {
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    for (int run = 0; run < 100; run++) {
      Job job = management.createJobQuery().jobId(cleanup.getId()).singleResult();
      if (job == null || job.getDuedate().after(ClockUtil.getCurrentTime())) {
        return;
      }
      management.executeJob(job.getId());
    }
    throw new AssertionError("the history cleanup did not finish in 100 runs");
  }

  private static Map<String, Long> sizes(JdbcTemplate jdbc, String tablePattern) {
    Map<String, Long> sizes = new TreeMap<>();
    jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'"
        + " and table_type = 'BASE TABLE' and table_name like ?", String.class, tablePattern)
        .forEach(table -> sizes.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class)));
    return sizes;
  }

  private static long total(Map<String, Long> sizes) {
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }
}
