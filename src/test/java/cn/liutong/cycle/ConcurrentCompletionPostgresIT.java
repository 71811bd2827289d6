package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.LargeAgency;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;

/**
 * Quarter's end: the secretaries of 50 branches sign for their items at once, and the 200 members of a
 * branch pledge at once, 8 and 32 of them at the same moment, each through the REST API as themselves, on
 * PostgreSQL with the job executor on. Nobody sees an error (the join of the stage is the job executor's,
 * see {@link CycleContinuations}), everything counts once, and the cycle moves on without an incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class ConcurrentCompletionPostgresIT {

  static final int BRANCHES = 50;
  static final int MEMBERS = 200;
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @ParameterizedTest(name = "{0} secretaries at once")
  @ValueSource(ints = {8, 32})
  void branchesSignForAtOnceWithoutAnError(int clients) throws Exception {
    Rest rest = new Rest(port);
    LargeAgency agency = new LargeAgency("load" + UUID.randomUUID().toString().substring(0, 8), BRANCHES, 0)
        .importWith(rest, engine.getIdentityService());
    RestCycle cycle = new RestCycle(rest, agency).start().toSignFor();

    List<String> failures = concurrently(clients, IntStream.range(0, BRANCHES).mapToObj(agency::secretary).toList(),
        secretary -> cycle.submit(secretary, cycle.taskOf(secretary, "Task_SignFor"), Map.of("signForDecision", "signed")));

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_PlanImplementation", BRANCHES);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cycle.id()).taskDefinitionKey("Task_SignFor").count()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.id()).count()).as("incidents").isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.id())
        .activityId("EndEvent_BranchSigned").finished().count()).as("signatures, each once").isEqualTo(BRANCHES);
    assertThat(jdbc.queryForObject("select count(*) from lt_responsibility_item where cycle_id = ? and signed_at is not null",
        Integer.class, cycle.id())).as("items signed in the ledger").isEqualTo(BRANCHES);
  }

  @ParameterizedTest(name = "{0} members at once")
  @ValueSource(ints = {8, 32})
  void membersOfABranchPledgeAtOnceWithoutAnError(int clients) throws Exception {
    Rest rest = new Rest(port);
    LargeAgency agency = new LargeAgency("load" + UUID.randomUUID().toString().substring(0, 8), 1, MEMBERS - 1)
        .importWith(rest, engine.getIdentityService());
    RestCycle cycle = new RestCycle(rest, agency).start().toSignFor();
    String secretary = agency.secretary(0);
    cycle.complete(secretary, "Task_SignFor", Map.of("signForDecision", "signed"));
    awaitTasks(cycle.id(), "Task_PlanImplementation", 1);
    cycle.complete(secretary, "Task_PlanImplementation", Map.of("partyTopics", "把业务难点作为主题党日议题",
        "meetings", CycleDriver.meetings(), "implementationPlan", "每月推进，季度报告", "pioneerPosts", "在重点岗位设立党员先锋岗"));
    List<String> members = agency.users().stream().filter(u -> !u.equals(agency.committee()) && !u.equals(agency.partyGroup())).toList();
    assertThat(members).hasSize(MEMBERS);

    List<String> failures = concurrently(clients, members, member -> cycle.submit(member, cycle.taskOf(member, "Task_Pledge"),
        Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false)));

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitJob(cycle.id(), "TimerEvent_InspectionDue");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.id()).count()).as("incidents").isZero();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(cycle.id())
        .taskDefinitionKey("Task_Pledge").finished().count()).as("pledges, each once").isEqualTo(MEMBERS);
    assertThat(jdbc.queryForObject("select count(*) from lt_pledge where cycle_id = ?", Integer.class, cycle.id()))
        .as("pledges in the ledger").isEqualTo(MEMBERS);
  }

  /** Each user's action on one of the clients, all at once; the answers other than 2xx. */
  private static List<String> concurrently(int clients, List<String> users, Function<String, Rest.Response> action)
      throws InterruptedException {
    var queue = new ConcurrentLinkedQueue<>(users);
    List<String> failures = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        for (String user; (user = queue.poll()) != null;) {
          try {
            var response = action.apply(user);
            if (response.status() / 100 != 2) {
              failures.add(user + ": " + response.status() + " " + response.body());
            }
          } catch (RuntimeException | AssertionError e) {
            failures.add(user + ": " + e);
          }
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    return failures;
  }

  private void awaitTasks(String cycleId, String activityId, int count) throws InterruptedException {
    await("the stage moves on to " + activityId, () ->
        engine.getTaskService().createTaskQuery().processInstanceId(cycleId).taskDefinitionKey(activityId).count() >= count);
  }

  private void awaitJob(String cycleId, String activityId) throws InterruptedException {
    await("the branch waits at " + activityId, () ->
        engine.getManagementService().createJobQuery().processInstanceId(cycleId).activityId(activityId).count() > 0);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + TIMEOUT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
