package cn.liutong.metrics;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.event.TaskEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.liutong.cycle.Stage;
import cn.liutong.rectification.RectificationProcess;
import cn.liutong.rectification.RectificationVerified;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Metrics for operations, read at {@code /actuator/prometheus}.
 *
 * <p>Gauges ({@code liutong.tasks.open}, {@code liutong.tasks.overdue}, {@code liutong.jobs.*}) are computed
 * on scrape from the engine's runtime data (open tasks in one grouped query), never from history. One
 * snapshot serves every gauge and is reused for {@code liutong.metrics.snapshot-ttl} (15 s): a scrape reads
 * dozens of series, and Prometheus servers in a pair scrape the same target, so the queries run at most
 * once per interval whatever the number of series or scrapers, and no scrape waits for another's refresh. They run without the scraper's authentication: a {@code monitoring} member
 * has no tenant, and its authorizations must not shrink the counts.
 *
 * <p>Timers are recorded after the engine's transaction commits: a completion refused by a form check or
 * rolled back by an optimistic-locking conflict (two secretaries at once) is not counted, a retry once.
 * Task completions arrive as the Spring events Camunda publishes for every task
 * ({@code camunda.bpm.eventing.task}, on by default), so no listener has to be drawn in the models.
 */
@Component
class OperationsMetrics {

  static final String NO_AGENCY = "none";
  /** Bucket bounds in the units people plan in: due dates are whole days, rectifications weeks. */
  private static final Duration[] SLOS = Stream.of("PT1H", "P1D", "P3D", "P7D", "P14D", "P30D", "P60D", "P90D")
      .map(Duration::parse).toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final TaskStages stages;
  private final Duration snapshotTtl;
  private final Set<String> knownStages;

  record StageOfAgency(String stage, String agency) {
  }

  record Snapshot(Map<StageOfAgency, Long> open, Map<String, Long> overdue, long jobsDue, long jobsFailed) {
  }

  private final JdbcTemplate jdbc;
  private final String tablePrefix;
  private final ReentrantLock refreshing = new ReentrantLock();
  /** Series registered once each: registering a gauge again only logs a warning per series and scrape. */
  private final Set<Object> registered = ConcurrentHashMap.newKeySet();
  private volatile Snapshot snapshot;
  private volatile long takenAt;

  OperationsMetrics(MeterRegistry registry, ProcessEngine engine, TaskStages stages,
      @Value("${liutong.metrics.snapshot-ttl:15s}") Duration snapshotTtl) {
    this.registry = registry;
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.jdbc = new JdbcTemplate(configuration.getDataSource());
    this.tablePrefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
    this.stages = stages;
    this.snapshotTtl = snapshotTtl;
    this.knownStages = Set.copyOf(Stream.concat(Stage.loop().stream().map(Stage::key), Stream.of(RectificationProcess.KEY)).toList());
    Gauge.builder("liutong.jobs.backlog", () -> snapshot().jobsDue())
        .description("Jobs (timers, asynchronous continuations) due now and not yet executed").register(registry);
    Gauge.builder("liutong.jobs.failed", () -> snapshot().jobsFailed())
        .description("Jobs that failed and have no retries left (an incident to resolve in Cockpit)").register(registry);
  }

  /** Every agency's series from the start (zeros included), so that a scrape never misses one. */
  @EventListener(ApplicationReadyEvent.class)
  void registerAgencies() {
    snapshot();
  }

  @TransactionalEventListener(condition = "#task.eventName == 'complete'")
  void taskCompleted(TaskEvent task) {
    if (task.getProcessDefinitionId() == null) {
      return;
    }
    String process = asSystem(() -> stages.of(task.getProcessDefinitionId()).processKey());
    Timer.builder("liutong.task.completion")
        .description("Time from a user task's creation to its completion")
        .tags("process", process, "task", task.getTaskDefinitionKey())
        .serviceLevelObjectives(SLOS).register(registry)
        .record(Duration.between(task.getCreateTime().toInstant(), ClockUtil.getCurrentTime().toInstant()));
  }

  @TransactionalEventListener
  void rectificationVerified(RectificationVerified verified) {
    Timer.builder("liutong.rectification.lead.time")
        .description("Time from a rectification's opening to its verification")
        .tags("agency", verified.agencyId())
        .serviceLevelObjectives(SLOS).register(registry)
        .record(verified.leadTime());
  }

  /**
   * The current snapshot; a stale one is refreshed by one scrape while concurrent scrapes get the stale one
   * instead of waiting (only the very first waits).
   */
  private Snapshot snapshot() {
    Snapshot current = snapshot;
    if (current != null && System.nanoTime() - takenAt < snapshotTtl.toNanos()) {
      return current;
    }
    if (current != null && !refreshing.tryLock()) {
      return current;
    }
    if (current == null) {
      refreshing.lock();
    }
    try {
      if (snapshot == null || System.nanoTime() - takenAt >= snapshotTtl.toNanos()) {
        Snapshot fresh = asSystem(this::read);
        fresh.open().keySet().forEach(this::registerOpen);
        fresh.overdue().keySet().forEach(this::registerOverdue);
        takenAt = System.nanoTime();
        snapshot = fresh;
      }
      return snapshot;
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Counted in the database, one grouped query over the engine's runtime task table: exact at any number
   * of open tasks, and as fast as the count itself (the engine's task query has no group-by; paging
   * through every task was seconds at 50,000).
   */
  private Snapshot read() {
    Map<StageOfAgency, Long> open = new HashMap<>();
    Map<String, Long> overdue = new HashMap<>();
    for (Tenant agency : identityService.createTenantQuery().list()) {
      knownStages.forEach(stage -> open.put(new StageOfAgency(stage, agency.getId()), 0L));
      overdue.put(agency.getId(), 0L);
    }
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.query("select TENANT_ID_, PROC_DEF_ID_, TASK_DEF_KEY_, count(*) as OPEN_COUNT,"
        + " sum(case when DUE_DATE_ < ? then 1 else 0 end) as OVERDUE_COUNT from " + tablePrefix + "ACT_RU_TASK"
        + " group by TENANT_ID_, PROC_DEF_ID_, TASK_DEF_KEY_", row -> {
          String agency = row.getString("TENANT_ID_") == null ? NO_AGENCY : row.getString("TENANT_ID_");
          String definition = row.getString("PROC_DEF_ID_");
          if (definition != null) {
            String stage = stages.of(definition).stageOf(row.getString("TASK_DEF_KEY_"));
            open.merge(new StageOfAgency(stage, agency), row.getLong("OPEN_COUNT"), Long::sum);
          }
          long late = row.getLong("OVERDUE_COUNT");
          if (late > 0) {
            overdue.merge(agency, late, Long::sum);
          }
        }, now);
    return new Snapshot(open, overdue, managementService.createJobQuery().executable().count(),
        managementService.createJobQuery().withException().noRetriesLeft().count());
  }

  private void registerOpen(StageOfAgency key) {
    if (!registered.add(key)) {
      return;
    }
    Gauge.builder("liutong.tasks.open", () -> snapshot().open().getOrDefault(key, 0L))
        .description("Open user tasks per stage of the cycle and per agency")
        .tags("stage", key.stage(), "agency", key.agency()).register(registry);
  }

  private void registerOverdue(String agency) {
    if (!registered.add(agency)) {
      return;
    }
    Gauge.builder("liutong.tasks.overdue", () -> snapshot().overdue().getOrDefault(agency, 0L))
        .description("Open user tasks past their due date per agency")
        .tags("agency", agency).register(registry);
  }

  /** Engine queries as the system, not as whoever triggered the scrape or completed the task. */
  private <T> T asSystem(Supplier<T> work) {
    var caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
