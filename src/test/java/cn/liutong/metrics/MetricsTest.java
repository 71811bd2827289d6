package cn.liutong.metrics;

import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.RectificationDriver;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code /actuator/prometheus} on the running application. The context is shared with other tests, whose
 * instances stay open: every count is compared before and after this test's own step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class MetricsTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** A member of the monitoring group only: no tenant, no authorizations. Its password is its id. */
  private static final String MONITOR = "metricsMonitor";
  private static final String BRANCH = agency.branch(TREASURY);
  private static final String OPEN = "liutong_tasks_open";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  TaskStages stages;

  private Rest rest;
  private CycleDriver cycle;

  @BeforeEach
  void setUp() {
    rest = new Rest(port);
    cycle = new CycleDriver(engine, agency);
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(MONITOR).count() == 0) {
      var user = identity.newUser(MONITOR);
      user.setPassword(MONITOR);
      identity.saveUser(user);
      if (identity.createGroupQuery().groupId("monitoring").count() == 0) {
        identity.saveGroup(identity.newGroup("monitoring"));
      }
      identity.createMembership(MONITOR, "monitoring");
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void onlyAdministratorsAndMonitoringReadTheMetrics() {
    assertThat(rest.get("/actuator/prometheus", null, null).status()).isEqualTo(401);
    assertThat(rest.get("/actuator/prometheus", agency.committee()).status()).as("committee member").isEqualTo(403);
    assertThat(rest.get("/actuator/prometheus", "admin", "admin").status()).isEqualTo(200);
    var monitoring = rest.get("/actuator/prometheus", MONITOR);
    assertThat(monitoring.status()).isEqualTo(200);
    assertThat(monitoring.body()).contains(OPEN + "{", "liutong_tasks_overdue{", "liutong_jobs_backlog ", "liutong_jobs_failed ");
    assertThat(rest.get("/actuator/health", null, null).status()).as("health stays open").isEqualTo(200);
  }

  @Test
  void openTasksAreCountedPerStageAndAgency() {
    Scrape before = scrape("admin");
    cycle.start();
    // Scraped by a monitoring member, who may see no task: the counts are not filtered by the scraper's rights.
    Scrape started = scrape(MONITOR);
    assertThat(open(started, "plan") - open(before, "plan")).as("the draft of the goals").isEqualTo(1);

    cycle.plan();
    Scrape planned = scrape("admin");
    assertThat(open(planned, "plan")).isEqualTo(open(before, "plan"));
    assertThat(open(planned, "deploy") - open(before, "deploy")).as("the decomposition").isEqualTo(1);

    cycle.decompose();
    assertThat(open(scrape("admin"), "deploy") - open(before, "deploy"))
        .as("one sign-for per branch, drawn inside SubProcess_SignFor").isEqualTo(agency.branches().size());
  }

  @Test
  void aTaskIsOverdueOnceItsDueDatePasses() {
    cycle.start();
    Date due = cycle.task("Task_DraftGoals").getDueDate();
    Date justBefore = new Date(due.getTime() - 1000);
    Date justAfter = new Date(due.getTime() + 1000);

    ClockUtil.setCurrentTime(justBefore);
    double before = scrape("admin").value("liutong_tasks_overdue", "agency", agency.id());
    ClockUtil.setCurrentTime(justAfter);
    double after = scrape("admin").value("liutong_tasks_overdue", "agency", agency.id());

    // Due dates are the end of a day: other tests' tasks of the same day pass it with ours.
    long dueMeanwhile = engine.getTaskService().createTaskQuery().tenantIdIn(agency.id())
        .dueAfter(justBefore).dueBefore(justAfter).count();
    assertThat(dueMeanwhile).as("the draft task among them").isPositive();
    assertThat(after - before).isEqualTo(dueMeanwhile);
  }

  @Test
  void completingATaskRecordsHowLongItWasOpen() {
    cycle.start();
    Task draft = cycle.task("Task_DraftGoals");
    Scrape before = scrape("admin");
    ClockUtil.setCurrentTime(new Date(draft.getCreateTime().getTime() + Duration.ofHours(2).toMillis()));
    cycle.draftGoals();
    Scrape after = scrape("admin");

    assertThat(completions(after, "_count") - completions(before, "_count")).isEqualTo(1);
    assertThat(completions(after, "_sum") - completions(before, "_sum")).isCloseTo(7200, within(0.01));
  }

  @Test
  void aRefusedFormIsNoCompletion() {
    cycle.start();
    Scrape before = scrape("admin");
    assertThatThrownBy(() -> cycle.draftGoals(List.of())).isInstanceOf(RuntimeException.class);
    assertThat(completions(scrape("admin"), "_count")).isEqualTo(completions(before, "_count"));
  }

  @Test
  void verifyingARectificationRecordsItsLeadTime() {
    cycle.start().plan().deploy().planImplementation(BRANCH).pledgeAll(BRANCH).inspectionDue()
        .reportProgress(BRANCH).inspect(BRANCH, "三会一课记录不完整，组织生活会未按期召开");
    var rectification = new RectificationDriver(engine, RectificationDriver.of(engine, cycle.cycleId(), BRANCH).get(0));
    rectification.plan().approvePlan().evidence();
    Timestamp opened = jdbc.queryForObject("select opened_at from lt_rectification where process_instance_id = ?",
        Timestamp.class, rectification.instance().getId());
    Scrape before = scrape("admin");
    ClockUtil.setCurrentTime(new Date(opened.getTime() + Duration.ofDays(3).toMillis()));
    rectification.verify();
    Scrape after = scrape("admin");

    String leadTime = "liutong_rectification_lead_time_seconds";
    assertThat(after.value(leadTime + "_count", "agency", agency.id()) - before.value(leadTime + "_count", "agency", agency.id()))
        .isEqualTo(1);
    assertThat(after.value(leadTime + "_sum", "agency", agency.id()) - before.value(leadTime + "_sum", "agency", agency.id()))
        .isCloseTo(Duration.ofDays(3).toSeconds(), within(0.01));
  }

  @Test
  void aDueTimerIsInTheJobBacklog() {
    cycle.start().plan().deploy().planImplementation(BRANCH).pledgeAll(BRANCH);
    List<Job> timers = cycle.dueTimers("TimerEvent_InspectionDue");
    assertThat(timers).hasSize(1);
    Date due = timers.get(0).getDuedate();

    ClockUtil.setCurrentTime(new Date(due.getTime() - 1));
    double before = scrape("admin").value("liutong_jobs_backlog");
    ClockUtil.setCurrentTime(new Date(due.getTime() + 1));
    assertThat(scrape("admin").value("liutong_jobs_backlog") - before).isEqualTo(1);
  }

  @Test
  void gaugesReuseTheirSnapshotForItsLifetime() {
    var cached = new SimpleMeterRegistry();
    new OperationsMetrics(cached, engine, stages, Duration.ofHours(1)).registerAgencies();
    var fresh = new SimpleMeterRegistry();
    new OperationsMetrics(fresh, engine, stages, Duration.ZERO).registerAgencies();
    double before = plan(cached);

    cycle.start();
    assertThat(plan(cached)).as("within the snapshot's lifetime").isEqualTo(before);
    assertThat(plan(fresh)).isEqualTo(before + 1);
  }

  private Scrape scrape(String user) {
    var response = rest.get("/actuator/prometheus", user);
    assertThat(response.status()).isEqualTo(200);
    return new Scrape(response.body());
  }

  private static double open(Scrape scrape, String stage) {
    return scrape.value(OPEN, "stage", stage, "agency", agency.id());
  }

  private static double completions(Scrape scrape, String suffix) {
    return scrape.value("liutong_task_completion_seconds" + suffix, "process", "integrated-cycle", "task", "Task_DraftGoals");
  }

  private static double plan(SimpleMeterRegistry registry) {
    return registry.get("liutong.tasks.open").tags("stage", "plan", "agency", agency.id()).gauge().value();
  }
}
