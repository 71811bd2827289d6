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
 * Quarter's end: the secretaries of 50 branches sign for their items at once, 8 and 32 of them at the same
 * moment, each through the REST API as themselves, on PostgreSQL with the job executor on. Nobody sees an
 * error (the join of the stage is the job executor's, see {@link CycleContinuations}), every signature
 * counts once, and the cycle moves on to 同落实 without an incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class ConcurrentCompletionPostgresIT {

  static final int BRANCHES = 50;

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

    var branches = new ConcurrentLinkedQueue<Integer>();
    for (int i = 0; i < BRANCHES; i++) {
      branches.add(i);
    }
    List<String> failures = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        for (Integer i; (i = branches.poll()) != null;) {
          String secretary = agency.secretary(i);
          var response = cycle.submit(secretary, cycle.taskOf(secretary, "Task_SignFor"), Map.of("signForDecision", "signed"));
          if (response.status() / 100 != 2) {
            failures.add(secretary + ": " + response.status() + " " + response.body());
          }
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitStage(cycle.id(), "Task_PlanImplementation", Duration.ofMinutes(3));
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.id()).count()).as("incidents").isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.id())
        .activityId("EndEvent_BranchSigned").finished().count()).as("signatures, each once").isEqualTo(BRANCHES);
    assertThat(jdbc.queryForObject("select count(*) from lt_responsibility_item where cycle_id = ? and signed_at is not null",
        Integer.class, cycle.id())).as("items signed in the ledger").isEqualTo(BRANCHES);
  }

  private void awaitStage(String cycleId, String activityId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (engine.getTaskService().createTaskQuery().processInstanceId(cycleId).taskDefinitionKey(activityId).count() < BRANCHES) {
      assertThat(System.nanoTime()).as("the stage moves on to " + activityId + " within " + timeout).isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cycleId).taskDefinitionKey("Task_SignFor").count()).isZero();
  }

}
