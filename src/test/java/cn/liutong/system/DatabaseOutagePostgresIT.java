package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.RestCycle;
import cn.liutong.support.LargeAgency;
import cn.liutong.support.Await;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;
import cn.liutong.support.TcpProxy;

/**
 * Issue #13, a database outage under load. The application (job executor on) reaches PostgreSQL through a
 * {@link TcpProxy}; members of a branch pledge through the REST API on several clients, the committee reads
 * the ledger in {@code /api}, a citizen tracks feedback and a monitor polls {@code /actuator/health}. Then the
 * proxy cuts every connection and refuses new ones for {@link #OUTAGE} (what a stopped server does to its
 * clients, see {@link TcpProxy}) and comes back.
 * <p>
 * During the outage every answer is 503 with the Chinese reason, within {@link #MAX_ANSWER}; health is DOWN,
 * then UP without a restart; afterwards every pledge is in the history exactly once (those acknowledged with
 * a 2xx among them, those refused with 503 only from a later try), the ledger has the same pledges row for
 * row, and the cycle moves on to its next stage (a job of the engine's, so the job executor recovered too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
@DirtiesContext // its pool points at the proxy; closed before the JVM drops the test database
class DatabaseOutagePostgresIT {

  static final Duration OUTAGE = Duration.ofSeconds(30);
  static final Duration BEFORE_OUTAGE = Duration.ofSeconds(5);
  /** The pool waits 3 s for a connection; an answer may need two tries (login, then the command). */
  static final Duration MAX_ANSWER = Duration.ofSeconds(10);
  static final Duration RECOVERY = Duration.ofSeconds(30);
  static final int MEMBERS = 100;
  static final int CLIENTS = 4;
  static final String REASON = "数据库暂时不可用，请稍后重试";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private String base;

  /** One HTTP exchange as a client saw it; status -1 for a client-side failure (no answer). */
  record Call(String kind, long start, long end, int status, String body, String taskId) {
    Duration took() {
      return Duration.ofNanos(end - start);
    }
  }

  private static TcpProxy proxy;

  /** The application's only way to the database is the proxy (which stays open for later tests of this JVM). */
  @DynamicPropertySource
  static void postgresThroughProxy(DynamicPropertyRegistry registry) throws IOException {
    proxy = TcpProxy.toPostgres();
    String url = proxy.url(PostgresDatabase.database());
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", PostgresDatabase::user);
    registry.add("spring.datasource.password", PostgresDatabase::password);
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void requestsDuringAnOutageAnswer503InChineseAndNothingIsLostOrDoubled() throws Exception {
    base = "http://127.0.0.1:" + port;
    Rest rest = new Rest(port);
    LargeAgency agency = new LargeAgency("out" + UUID.randomUUID().toString().substring(0, 6), 1, MEMBERS - 1)
        .importWith(rest, engine.getIdentityService());
    RestCycle cycle = new RestCycle(rest, agency).start().toSignFor();
    String secretary = agency.secretary(0);
    cycle.complete(secretary, "Task_SignFor", Map.of("signForDecision", "signed"));
    Await.until("the branch plans", Duration.ofMinutes(1), () -> openTasks(engine, cycle.id(), "Task_PlanImplementation") == 1);
    cycle.complete(secretary, "Task_PlanImplementation", Map.of("partyTopics", "把业务难点作为主题党日议题",
        "meetings", CycleDriver.meetings(), "implementationPlan", "每月推进，季度报告", "pioneerPosts", "在重点岗位设立党员先锋岗"));
    Await.until("every member may pledge", Duration.ofMinutes(1), () -> openTasks(engine, cycle.id(), "Task_Pledge") == MEMBERS);
    List<String> members = agency.users().stream()
        .filter(u -> !u.equals(agency.committee()) && !u.equals(agency.partyGroup())).toList();

    Map<String, String> taskOfMember = engine.getTaskService().createTaskQuery().processInstanceId(cycle.id())
        .taskDefinitionKey("Task_Pledge").list().stream().collect(Collectors.toMap(t -> t.getAssignee(), t -> t.getId()));
    var queue = new ConcurrentLinkedQueue<>(members);
    Set<String> done = ConcurrentHashMap.newKeySet();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean monitoring = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    for (int c = 0; c < CLIENTS; c++) {
      clients.execute(() -> pledge(cycle.id(), agency.committee(), taskOfMember, queue, done, acknowledged, deadline));
    }
    clients.execute(() -> monitor(monitoring));

    Thread.sleep(BEFORE_OUTAGE.toMillis());
    int lockedAtCut = jdbc.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null", Integer.class);
    long cut = System.nanoTime();
    proxy.cut();
    Thread.sleep(OUTAGE.toMillis());
    long restoreWallClock = System.currentTimeMillis();
    long restore = System.nanoTime();
    proxy.restore();
    Await.until("every member has pledged", Duration.ofMinutes(2), () -> done.size() == MEMBERS);
    Await.until("health says UP", RECOVERY, () -> calls.stream().anyMatch(c -> c.kind.equals("health") && c.start > restore && c.status == 200));
    monitoring.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

    List<Call> during = calls.stream().filter(c -> c.start >= cut && c.end <= restore).toList();
    List<Call> inFlightAtCut = calls.stream().filter(c -> c.start < cut && c.end > cut).toList();
    Duration maxDuring = during.stream().map(Call::took).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    Call firstSuccess = calls.stream().filter(c -> c.start > restore && c.status / 100 == 2 && !c.kind.equals("health"))
        .min(Comparator.comparingLong(Call::end)).orElseThrow();
    Call firstUp = calls.stream().filter(c -> c.start > restore && c.kind.equals("health") && c.status == 200)
        .min(Comparator.comparingLong(Call::end)).orElseThrow();
    System.out.printf("Database outage of %d s: %d requests during it, statuses %s (by kind %s), longest answer %d ms; "
        + "%d requests in flight at the cut, statuses %s; first 2xx %.1f s and health UP %.1f s after the restore; "
        + "%d of %d pledges acknowledged with 2xx, %d found done (404) after an answer the member did not see; "
        + "%d jobs locked just before the cut%n",
        OUTAGE.toSeconds(), during.size(), countBy(during, c -> String.valueOf(c.status)), countBy(during, Call::kind),
        maxDuring.toMillis(), inFlightAtCut.size(), countBy(inFlightAtCut, c -> String.valueOf(c.status)),
        (firstSuccess.end - restore) / 1e9, (firstUp.end - restore) / 1e9, acknowledged.size(), MEMBERS,
        MEMBERS - acknowledged.size(), lockedAtCut);

    assertThat(during).as("requests during the outage").hasSizeGreaterThan(CLIENTS * 3);
    assertThat(during).as("every answer during the outage is 503").allSatisfy(c -> assertThat(c.status).as(c.toString()).isEqualTo(503));
    assertThat(during).filteredOn(c -> !c.kind.equals("health")).as("with the Chinese reason, no engine words")
        .allSatisfy(c -> assertThat(c.body).contains(REASON).doesNotContain("ENGINE-", "SQL", "Exception", "jdbc"));
    assertThat(maxDuring).as("longest answer during the outage").isLessThanOrEqualTo(MAX_ANSWER);
    assertThat(calls).as("never a 500 nor a client without an answer, before, during or after")
        .allSatisfy(c -> assertThat(c.status).as(c.toString()).isIn(200, 204, 404, 429, 503));
    assertThat(during.stream().filter(c -> c.kind.equals("health"))).as("health checks during the outage").isNotEmpty();
    assertThat(Duration.ofNanos(firstSuccess.end - restore)).as("first 2xx after the restore").isLessThan(RECOVERY);

    Await.until("同落实 ends once every pledge is in", Duration.ofMinutes(2), () -> openTasks(engine, cycle.id(), "Task_Pledge") == 0
        && engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.id())
            .activityId("SubProcess_Implement#multiInstanceBody").finished().count() == 1);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.id()).count()).as("incidents").isZero();
    assertThat(jdbc.queryForObject("select count(*) from act_ru_job where process_instance_id_ = ? "
        + "and lock_owner_ is not null and lock_exp_time_ < ?", Integer.class, cycle.id(),
        new java.sql.Timestamp(System.currentTimeMillis()))).as("jobs left locked by executions the outage cut off, past their lock time")
        .isZero();

    List<HistoricTaskInstance> pledged = engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(cycle.id()).taskDefinitionKey("Task_Pledge").finished().list();
    Map<String, Long> historyByMember = pledged.stream().collect(Collectors.groupingBy(HistoricTaskInstance::getAssignee, Collectors.counting()));
    assertThat(historyByMember).as("every member's pledge in the history exactly once")
        .hasSize(MEMBERS).allSatisfy((member, count) -> assertThat(count).as(member).isEqualTo(1L));
    assertThat(historyByMember.keySet()).containsAll(acknowledged).containsExactlyInAnyOrderElementsOf(members);
    Map<String, java.util.Date> endOfTask = pledged.stream().collect(Collectors.toMap(HistoricTaskInstance::getId, HistoricTaskInstance::getEndTime));
    assertThat(during.stream().filter(c -> c.kind.equals("submit")).toList()).as("completions refused with 503")
        .isNotEmpty()
        .allSatisfy(c -> assertThat(endOfTask.get(c.taskId)).as("a refused completion is completed only by a later try")
            .isAfterOrEqualTo(new java.util.Date(restoreWallClock - 1000)));

    List<String> ledger = jdbc.queryForList("select member_id from lt_pledge where cycle_id = ? order by member_id", String.class, cycle.id());
    assertThat(ledger).as("the ledger agrees with the history, row for row")
        .containsExactlyElementsOf(historyByMember.keySet().stream().sorted().toList());
  }

  /**
   * A client: members take turns to complete their pledge task (a refused one tries again later; a task gone
   * was completed by a try whose answer the member did not see); in between, the committee reads /api and a
   * member lists their tasks.
   */
  private void pledge(String cycleId, String committee, Map<String, String> taskOfMember, ConcurrentLinkedQueue<String> queue,
      Set<String> done, Set<String> acknowledged, long deadline) {
    String form = toJson(Map.of("variables", Rest.formVariables(Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false))));
    int round = 0;
    while (done.size() < MEMBERS && System.nanoTime() < deadline) {
      pause(400);
      String member = queue.poll();
      if (member == null) {
        continue;
      }
      if (++round % 3 == 0) {
        call("api", "GET", "/api/cycles/" + cycleId, committee, null, null);
        call("task", "GET", "/engine-rest/task?processInstanceId=" + cycleId + "&assignee=" + member, member, null, null);
      }
      String taskId = taskOfMember.get(member);
      Call submitted = call("submit", "POST", "/engine-rest/task/" + taskId + "/submit-form", member, form, taskId);
      if (submitted.status / 100 == 2) {
        acknowledged.add(member);
        done.add(member);
      } else if (submitted.status == 404) {
        done.add(member);
      } else {
        queue.add(member);
      }
    }
  }

  /** Health every half second, a citizen tracking an (unknown) feedback code every few. */
  private void monitor(AtomicBoolean monitoring) {
    for (int round = 0; monitoring.get(); round++) {
      call("health", "GET", "/actuator/health", null, null, null);
      if (round % 6 == 0) {
        call("public", "GET", "/public/feedback/" + String.format("%016d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000_000_000L)), null, null, null);
      }
      pause(500);
    }
  }

  private Call call(String kind, String method, String path, String user, String body, String taskId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    long start = System.nanoTime();
    Call call;
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      call = new Call(kind, start, System.nanoTime(), response.statusCode(), response.body(), taskId);
    } catch (Exception e) {
      call = new Call(kind, start, System.nanoTime(), -1, e.toString(), taskId);
    }
    calls.add(call);
    return call;
  }

  private static long openTasks(ProcessEngine engine, String cycleId, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(cycleId).taskDefinitionKey(activityId).count();
  }

  private static Map<String, Long> countBy(List<Call> calls, Function<Call, String> key) {
    return calls.stream().collect(Collectors.groupingBy(key, java.util.TreeMap::new, Collectors.counting()));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
