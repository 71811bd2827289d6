package cn.liutong.metrics;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.spring.boot.starter.event.TaskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.rectification.RectificationProcess;
import cn.liutong.rectification.RectificationVerified;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Metrics for operations, read at {@code /actuator/prometheus}.
 *
 * <p>Gauges ({@code liutong.tasks.open}, {@code liutong.tasks.overdue}, {@code liutong.jobs.*}) are computed
 * on scrape from the engine's runtime queries, never from history. One snapshot serves every gauge and is
 * reused for {@code liutong.metrics.snapshot-ttl} (15 s): a scrape reads dozens of series, and Prometheus
 * servers in a pair scrape the same target, so the queries run at most once per interval whatever the
 * number of series or scrapers. They run without the scraper's authentication: a {@code monitoring} member
 * has no tenant, and its authorizations must not shrink the counts.
 *
 * <p>Timers are recorded after the engine's transaction commits: a completion refused by a form check or
 * rolled back by an optimistic-locking conflict (two secretaries at once) is not counted, a retry once.
 * Task completions arrive as the Spring events Camunda publishes for every task
 * ({@code camunda.bpm.eventing.task}, on by default), so no listener has to be drawn in the models.
 */
@Component
class OperationsMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);
  static final String NO_AGENCY = "none";
  /** Open tasks are read in pages and counted up to this many; beyond it the counts are too low (logged). */
  static final int MAX_OPEN_TASKS = 50_000;
  private static final int PAGE = 1_000;
  /** Bucket bounds in the units people plan in: due dates are whole days, rectifications weeks. */
  private static final Duration[] SLOS = Stream.of("PT1H", "P1D", "P3D", "P7D", "P14D", "P30D", "P60D", "P90D")
      .map(Duration::parse).toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final TaskStages stages;
  private final Duration snapshotTtl;
  private final Set<String> knownStages;

  record StageOfAgency(String stage, String agency) {
  }

  record Snapshot(Map<StageOfAgency, Long> open, Map<String, Long> overdue, long jobsDue, long jobsFailed) {
  }

  private Snapshot snapshot;
  private long takenAt;
  private boolean warnedTooMany;

  OperationsMetrics(MeterRegistry registry, ProcessEngine engine, TaskStages stages,
      @Value("${liutong.metrics.snapshot-ttl:15s}") Duration snapshotTtl) {
    this.registry = registry;
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
    this.stages = stages;
    this.snapshotTtl = snapshotTtl;
    this.knownStages = Set.copyOf(Stream.concat(CycleProcess.STAGES.values().stream(), Stream.of(RectificationProcess.KEY)).toList());
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

  private synchronized Snapshot snapshot() {
    long now = System.nanoTime();
    if (snapshot == null || now - takenAt >= snapshotTtl.toNanos()) {
      snapshot = asSystem(this::read);
      takenAt = now;
      snapshot.open().keySet().forEach(this::registerOpen);
      snapshot.overdue().keySet().forEach(this::registerOverdue);
    }
    return snapshot;
  }

  private Snapshot read() {
    Map<StageOfAgency, Long> open = new HashMap<>();
    Map<String, Long> overdue = new HashMap<>();
    for (Tenant agency : identityService.createTenantQuery().list()) {
      knownStages.forEach(stage -> open.put(new StageOfAgency(stage, agency.getId()), 0L));
      overdue.put(agency.getId(), 0L);
    }
    Date now = ClockUtil.getCurrentTime();
    int read = 0;
    List<Task> page;
    do {
      page = taskService.createTaskQuery().orderByTaskId().asc().listPage(read, PAGE);
      for (Task task : page) {
        String agency = task.getTenantId() == null ? NO_AGENCY : task.getTenantId();
        if (task.getProcessDefinitionId() != null) {
          String stage = stages.of(task.getProcessDefinitionId()).stageOf(task.getTaskDefinitionKey());
          open.merge(new StageOfAgency(stage, agency), 1L, Long::sum);
        }
        if (task.getDueDate() != null && task.getDueDate().before(now)) {
          overdue.merge(agency, 1L, Long::sum);
        }
      }
      read += page.size();
    } while (page.size() == PAGE && read < MAX_OPEN_TASKS);
    if (page.size() == PAGE && !warnedTooMany) {
      warnedTooMany = true;
      LOG.warn("More than {} open tasks: liutong.tasks.open and liutong.tasks.overdue count only the first {}",
          MAX_OPEN_TASKS, read);
    }
    return new Snapshot(open, overdue, managementService.createJobQuery().executable().count(),
        managementService.createJobQuery().withException().noRetriesLeft().count());
  }

  private void registerOpen(StageOfAgency key) {
    Gauge.builder("liutong.tasks.open", () -> snapshot().open().getOrDefault(key, 0L))
        .description("Open user tasks per stage of the cycle and per agency")
        .tags("stage", key.stage(), "agency", key.agency()).register(registry);
  }

  private void registerOverdue(String agency) {
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
