package cn.liutong.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.liutong.cycle.RestCycle;
import cn.liutong.support.LargeAgency;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;

/**
 * The benchmark of issue #10 ({@code ./mvnw -Pbench verify}, never part of the normal build): on a
 * PostgreSQL database of its own, through the REST API with authorization on, each scenario beside the
 * trivial baseline (a one-user-task model in the same application, completed by an ordinary member) and a
 * database-limit probe, in the same run. Prints one table and writes JSON under {@code target/bench/}.
 *
 * <p>"before" is the {@code integrated-cycle} model as it was before the multi-instance joins became
 * asynchronous: the same file without {@code camunda:asyncAfter}/{@code camunda:exclusive} on its loop
 * characteristics, deployed under the key {@code integrated-cycle-sync}. Sizes: {@code -Dbench.branches}
 * (50), {@code -Dbench.openTasks} (50000), {@code -Dbench.samples} (30 per filter and user), and
 * {@code -Dbench.scenarios} (completions,filters,scrape,revokes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true", "logging.level.root=warn",
        "logging.level.org.camunda=error", "spring.datasource.hikari.maximum-pool-size=20",
        "liutong.metrics.snapshot-ttl=" + CompletionBench.SNAPSHOT_TTL_MS + "ms"})
@ActiveProfiles({"demo", "test"})
@Import(StatementCounter.class)
@DirtiesContext
class CompletionBench {

  static final String SYNC_KEY = "integrated-cycle-sync";
  /** Short, so that every timed scrape computes a new snapshot once (the test profile's 0 s would compute one per gauge). */
  static final int SNAPSHOT_TTL_MS = 1000;
  /** What Tasklist posts to a filter's list. */
  static final String TASKLIST_QUERY = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
      + "\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"orQueries\":[]}";
  static final String TRIVIAL_KEY = "bench-trivial";
  static final String OPEN_KEY = "bench-open";
  static final String BENCH_FORM = "bench-task";
  static final int BRANCHES = Integer.getInteger("bench.branches", 50);
  static final int OPEN_TASKS = Integer.getInteger("bench.openTasks", 50_000);
  static final int SAMPLES = Integer.getInteger("bench.samples", 30);
  static final String SCENARIOS = System.getProperty("bench.scenarios", "completions,filters,scrape,revokes");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  DataSource dataSource;

  private Rest rest;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<String[]> table = new ArrayList<>();

  @Test
  void bench() throws Exception {
    rest = new Rest(port);
    deployModels();

    if (SCENARIOS.contains("completions")) {
      // completions at 8, 32 and 1 client(s): the cycle's sign-for stage after and before, the trivial baseline
      for (int clients : new int[] {8, 32, 1}) {
        for (String model : List.of("after", "before", "trivial")) {
          completions(model, clients);
        }
      }
      probe();
    }
    if (SCENARIOS.contains("filters") || SCENARIOS.contains("scrape") || SCENARIOS.contains("revokes")) {
      // a secretary's task lists (admin as baseline) and the metrics scrape, at a small and a large number of open tasks
      LargeAgency tasks = agency(BRANCHES, 10);
      openTasks(tasks, 300);
      lists(tasks, "300");
      openTasks(tasks, OPEN_TASKS - 300);
      lists(tasks, String.valueOf(OPEN_TASKS));
      if (SCENARIOS.contains("revokes")) {
        revokes(tasks);
      }
    }
    report();
  }

  // ------------------------------------------------------------------ completions

  private void completions(String model, int clients) throws Exception {
    LargeAgency agency = agency(BRANCHES, model.equals("trivial") ? 1 : 0);
    List<Runnable> work = new ArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    String processInstanceFilter;
    if (model.equals("trivial")) {
      for (int i = 0; i < BRANCHES; i++) {
        engine.getRuntimeService().startProcessInstanceByKey(TRIVIAL_KEY,
            Map.of("agencyId", agency.id(), "memberId", agency.member(i, 0)));
      }
      processInstanceFilter = "processDefinitionKey=" + TRIVIAL_KEY;
      for (int i = 0; i < BRANCHES; i++) {
        String member = agency.member(i, 0);
        work.add(() -> completeWithRetries(member, "/engine-rest/task?" + processInstanceFilter + "&assignee=" + member,
            Map.of(), requests, failed));
      }
    } else {
      RestCycle cycle = new RestCycle(rest, agency, model.equals("after") ? "integrated-cycle" : SYNC_KEY).start().toSignFor();
      processInstanceFilter = "processInstanceId=" + cycle.id();
      for (int i = 0; i < BRANCHES; i++) {
        String secretary = agency.secretary(i);
        work.add(() -> completeWithRetries(secretary,
            "/engine-rest/task?" + processInstanceFilter + "&taskDefinitionKey=Task_SignFor",
            Map.of("signForDecision", "signed"), requests, failed));
      }
    }
    StatementCounter.reset();
    StatementCounter.recording = true;
    long start = System.nanoTime();
    run(clients, work);
    double seconds = (System.nanoTime() - start) / 1e9;
    StatementCounter.recording = false;
    long joined = awaitNoJobs(agency);
    double joinSeconds = (System.nanoTime() - start) / 1e9;
    long background = StatementCounter.BACKGROUND.get();
    List<Long> perSubmit = new ArrayList<>(StatementCounter.PER_SUBMIT);
    Collections.sort(perSubmit);
    long incidents = engine.getRuntimeService().createIncidentQuery().count();

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", model);
    r.put("clients", clients);
    r.put("completions", BRANCHES);
    r.put("requests", requests.get());
    r.put("non2xx", failed.get());
    r.put("non2xxPercent", round(100.0 * failed.get() / Math.max(1, requests.get())));
    r.put("completionsPerSecond", round(BRANCHES / seconds));
    r.put("secondsUntilStageJoined", round(joinSeconds));
    r.put("leftoverJobs", joined);
    r.put("incidentsTotal", incidents);
    if (clients == 1) {
      long total = perSubmit.stream().mapToLong(Long::longValue).sum() + background;
      r.put("statementsPerSubmitMedian", perSubmit.isEmpty() ? 0 : perSubmit.get(perSubmit.size() / 2));
      r.put("statementsPerSubmitMax", perSubmit.isEmpty() ? 0 : perSubmit.get(perSubmit.size() - 1));
      r.put("backgroundStatementsPerCompletion", round((double) background / BRANCHES));
      r.put("statementsPerCompletionMean", round((double) total / BRANCHES));
      writeStatements(model);
    }
    results.put("completions/" + model + "/" + clients, r);
    row("completions " + clients + " client(s)", model,
        r.get("non2xxPercent") + " % non-2xx (" + failed.get() + "/" + requests.get() + ")",
        r.get("completionsPerSecond") + " /s", "joined after " + r.get("secondsUntilStageJoined") + " s, incidents " + incidents
            + (clients == 1 ? ", statements per completion median/max/mean(+jobs) " + r.get("statementsPerSubmitMedian") + "/"
                + r.get("statementsPerSubmitMax") + "/" + r.get("statementsPerCompletionMean") : ""));
  }

  /** Where the statements of the one-client run went, by SQL: {@code target/bench/statements-<model>.txt}. */
  private static void writeStatements(String model) throws java.io.IOException {
    Path file = Path.of("target", "bench", "statements-" + model + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "statements of " + BRANCHES + " completions (submit-form requests and the job executor)\n"
        + StatementCounter.bySql(), StandardCharsets.UTF_8);
  }

  /** Finds the user's task and submits it; on a non-2xx answer the user tries again, as people do. */
  private void completeWithRetries(String user, String query, Map<String, Object> form, AtomicInteger requests,
      AtomicInteger failed) {
    for (int attempt = 0; attempt < 30; attempt++) {
      var tasks = rest.get(query, user);
      assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
      if (tasks.json().isEmpty()) {
        return; // done by an earlier attempt
      }
      String taskId = tasks.json().get(0).path("id").asText();
      var response = rest.post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
      requests.incrementAndGet();
      if (response.status() / 100 == 2) {
        return;
      }
      failed.incrementAndGet();
    }
    throw new AssertionError(user + " could not complete after 30 attempts");
  }

  private static void run(int clients, List<Runnable> work) throws InterruptedException {
    var queue = new ConcurrentLinkedQueue<>(work);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        for (Runnable next; (next = queue.poll()) != null;) {
          try {
            next.run();
          } catch (Throwable e) {
            errors.add(e);
          }
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.MINUTES)).isTrue();
    assertThat(errors).isEmpty();
  }

  /** Waits until the job executor has run every due continuation; returns how many are left (0). */
  private long awaitNoJobs(LargeAgency agency) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long left;
    while ((left = engine.getManagementService().createJobQuery().messages().executable().count()) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return left;
  }

  // ------------------------------------------------------------------ database-limit probe

  /**
   * The same number of statements as a mean cycle completion, in a plain JDBC loop (one transaction per
   * "completion": selects by key, an insert, an update), at 8 clients: what the database alone allows.
   */
  private void probe() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> one = (Map<String, Object>) results.get("completions/after/1");
    int statements = (int) Math.round(((Number) one.get("statementsPerCompletionMean")).doubleValue());
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("create table if not exists bench_probe (id varchar(64) primary key, n int)");
      c.createStatement().execute("insert into bench_probe values ('row', 0) on conflict do nothing");
    }
    int clients = 8;
    int perClient = 50;
    List<Runnable> work = new ArrayList<>();
    for (int i = 0; i < clients * perClient; i++) {
      work.add(() -> {
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(false);
          String id = UUID.randomUUID().toString();
          try (PreparedStatement insert = c.prepareStatement("insert into bench_probe values (?, 0)");
              PreparedStatement select = c.prepareStatement("select n from bench_probe where id = ?");
              PreparedStatement update = c.prepareStatement("update bench_probe set n = n + 1 where id = ?")) {
            insert.setString(1, id);
            insert.executeUpdate();
            for (int s = 0; s < statements - 2; s++) {
              select.setString(1, id);
              try (ResultSet rs = select.executeQuery()) {
                rs.next();
              }
            }
            update.setString(1, id);
            update.executeUpdate();
          }
          c.commit();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    long start = System.nanoTime();
    run(clients, work);
    double perSecond = work.size() / ((System.nanoTime() - start) / 1e9);
    results.put("probe", Map.of("clients", clients, "statementsPerTransaction", statements, "transactionsPerSecond", round(perSecond)));
    row("database-limit probe 8 clients", "plain JDBC", "-", round(perSecond) + " tx/s",
        statements + " statements per transaction (= mean per cycle completion)");
  }

  // ------------------------------------------------------------------ task lists

  /** Open tasks over the agency's branches: half for the secretaries, half assigned to members (in their branch's group); a third overdue. */
  private void openTasks(LargeAgency agency, int count) throws Exception {
    int offset = (int) engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OPEN_KEY).count();
    List<Runnable> work = new ArrayList<>();
    int batch = 100;
    for (int from = 0; from < count; from += batch) {
      int first = offset + from;
      int last = offset + Math.min(count, from + batch);
      work.add(() -> {
        for (int n = first; n < last; n++) {
          int branch = n % agency.branches();
          Map<String, Object> variables = new LinkedHashMap<>();
          variables.put("agencyId", agency.id());
          variables.put("group", agency.branch(branch) + (n % 2 == 0 ? "Secretaries" : ""));
          variables.put("assignee", n % 2 == 1 ? agency.member(branch, (n / agency.branches()) % agency.membersPerBranch()) : null);
          variables.put("due", n % 3 == 0 ? "2020-01-01T00:00:00" : "2099-01-01T00:00:00");
          engine.getRuntimeService().startProcessInstanceByKey(OPEN_KEY, variables);
        }
      });
    }
    long start = System.nanoTime();
    run(4, work);
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("analyze"); // as autovacuum would soon after such growth: plans on current statistics
    }
    results.put("generated/" + (offset + count), Map.of("tasks", count, "seconds", round((System.nanoTime() - start) / 1e9)));
  }

  private void lists(LargeAgency agency, String size) throws Exception {
    if (SCENARIOS.contains("filters")) {
      filters(agency, size);
    }
    if (SCENARIOS.contains("scrape")) {
      scrape(size);
    }
  }

  /** The metrics scrape as Prometheus does it, each with a snapshot to compute; health as baseline. */
  private void scrape(String size) {
    long openTasks = engine.getTaskService().createTaskQuery().count();
    double[] scrape = time(n -> {
      sleep(SNAPSHOT_TTL_MS + 100); // each scrape finds the snapshot expired, as Prometheus does every 15 s or more
      return rest.get("/actuator/prometheus", "admin");
    }, Math.max(3, SAMPLES / 3), SNAPSHOT_TTL_MS + 100);
    double[] health = time(n -> rest.get("/actuator/health", null, null));
    String body = rest.get("/actuator/prometheus", "admin").body();
    double counted = body.lines().filter(l -> l.startsWith("liutong_tasks_open{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    // before: the snapshot paged through every open task with the engine's task query (1,000 a page, capped at 50,000)
    double[] paging = time(n -> {
      int read = 0;
      for (int page = 1000; page == 1000 && read < 50_000; read += page) {
        page = engine.getTaskService().createTaskQuery().orderByTaskId().asc().listPage(read, 1000).size();
      }
      return new Rest.Response(200, String.valueOf(read));
    }, Math.max(3, SAMPLES / 5));
    results.put("scrape/" + size, Map.of("openTasks", openTasks, "countedOpen", counted, "scrapeP50ms", scrape[0],
        "scrapeP95ms", scrape[1], "healthP50ms", health[0], "healthP95ms", health[1], "beforePagingP50ms", paging[0],
        "beforePagingP95ms", paging[1]));
    row("metrics scrape @" + size + " (" + openTasks + " open)", "admin", "counts " + (long) counted + " open",
        "scrape p50/p95 " + scrape[0] + "/" + scrape[1] + " ms", "health (baseline) p50/p95 " + health[0] + "/" + health[1]
            + " ms; before, paging alone p50/p95 " + paging[0] + "/" + paging[1] + " ms");
  }

  private void filters(LargeAgency agency, String size) throws Exception {
    long openTasks = engine.getTaskService().createTaskQuery().count();
    String secretary = agency.secretary(0);
    JsonNode filters = rest.get("/engine-rest/filter?resourceType=Task", secretary).json();
    for (JsonNode filter : filters) {
      String name = filter.path("name").asText();
      String id = filter.path("id").asText();
      String list = "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15";
      for (String user : List.of(secretary, "admin")) {
        double[] listMs = time(n -> rest.post(list, TASKLIST_QUERY, user, user));
        double[] countMs = time(n -> rest.get("/engine-rest/filter/" + id + "/count", user, user));
        int rows = rest.post(list, TASKLIST_QUERY, user, user).json().size();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("openTasks", openTasks);
        r.put("rowsShown", rows);
        r.put("listP50ms", listMs[0]);
        r.put("listP95ms", listMs[1]);
        r.put("listP99ms", listMs[2]);
        r.put("countP50ms", countMs[0]);
        r.put("countP95ms", countMs[1]);
        r.put("countP99ms", countMs[2]);
        String role = user.equals("admin") ? "admin" : "secretary";
        results.put("filter/" + size + "/" + name + "/" + role, r);
        row("filter " + name + " @" + size + " (" + openTasks + " open)", role, rows + " rows",
            "list p50/p95/p99 " + listMs[0] + "/" + listMs[1] + "/" + listMs[2] + " ms",
            "count p50/p95/p99 " + countMs[0] + "/" + countMs[1] + "/" + countMs[2] + " ms");
      }
    }
  }

  /**
   * A secretary's and a committee member's filters, list and count, with the authorization settings before and after, sample by
   * sample in turn so that all see the same machine load. "before": the engine's own statement for the groups
   * that hold authorizations (a distinct over the whole table) and revoke checks "auto" (no REVOKE exists, so
   * the user's grants are joined to every task on {@code RESOURCE_ID_ IN (task, definition, '*')}), for lists
   * and counts alike; "deployed": that statement answered by the index walk of {@code AuthorizedGroupIds}, and
   * counts of a caller without a grant on every task checked per task ({@code TaskCountChecks}); "always":
   * revoke checks always, every list and count checked per task in subqueries.
   */
  private void revokes(LargeAgency agency) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var sessions = configuration.getDbSqlSessionFactory();
    String configured = configuration.getAuthorizationCheckRevokes();
    Map<String, String> mappings = sessions.getStatementMappings();
    Map<String, String> engineMappings = new LinkedHashMap<>(mappings);
    engineMappings.remove("selectAuthorizedGroupIds");
    var factories = configuration.getSessionFactories();
    SessionFactory deployedTasks = factories.get(TaskManager.class);
    SessionFactory engineTasks = new GenericManagerFactory(TaskManager.class);
    Map<String, Runnable> variants = new LinkedHashMap<>();
    variants.put("before", () -> {
      sessions.setStatementMappings(engineMappings);
      factories.put(TaskManager.class, engineTasks);
      configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
    });
    variants.put("deployed", () -> {
      sessions.setStatementMappings(mappings);
      factories.put(TaskManager.class, deployedTasks);
      configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
    });
    variants.put("always", () -> {
      sessions.setStatementMappings(mappings);
      factories.put(TaskManager.class, deployedTasks);
      configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_ALWAYS);
    });
    try {
      for (String user : List.of(agency.secretary(0), agency.committee())) {
        authorizationVariants(user, user.equals(agency.committee()) ? "committee" : "secretary", variants);
      }
    } finally {
      sessions.setStatementMappings(mappings);
      factories.put(TaskManager.class, deployedTasks);
      configuration.setAuthorizationCheckRevokes(configured);
    }
  }

  /** One user's filters, list and count, each variant in turn per sample. */
  private void authorizationVariants(String user, String role, Map<String, Runnable> variants) {
    for (JsonNode filter : rest.get("/engine-rest/filter?resourceType=Task", user).json()) {
      String id = filter.path("id").asText();
      String list = "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15";
      String count = "/engine-rest/filter/" + id + "/count";
      Map<String, List<Double>> listMs = new LinkedHashMap<>();
      Map<String, List<Double>> countMs = new LinkedHashMap<>();
      Map<String, Long> counted = new LinkedHashMap<>();
      for (int i = 0; i < SAMPLES + 2; i++) {
        for (var variant : variants.entrySet()) {
          variant.getValue().run();
          long start = System.nanoTime();
          assertThat(rest.post(list, TASKLIST_QUERY, user, user).status()).isEqualTo(200);
          long listed = System.nanoTime();
          var answer = rest.get(count, user, user);
          long done = System.nanoTime();
          assertThat(answer.status()).isEqualTo(200);
          counted.put(variant.getKey(), answer.json().path("count").asLong());
          if (i >= 2) {
            listMs.computeIfAbsent(variant.getKey(), m -> new ArrayList<>()).add((listed - start) / 1e6);
            countMs.computeIfAbsent(variant.getKey(), m -> new ArrayList<>()).add((done - listed) / 1e6);
          }
        }
      }
      // every variant shows the user the same tasks
      assertThat(counted.values().stream().distinct().count()).isEqualTo(1);
      String name = filter.path("name").asText();
      Map<String, Object> byVariant = new LinkedHashMap<>();
      List<String> figures = new ArrayList<>();
      for (String variant : variants.keySet()) {
        double[] l = percentiles(listMs.get(variant));
        double[] c = percentiles(countMs.get(variant));
        byVariant.put(variant, Map.of("listP50ms", l[0], "listP95ms", l[1], "listP99ms", l[2], "countP50ms", c[0],
            "countP95ms", c[1], "countP99ms", c[2]));
        figures.add(variant + " " + l[0] + "/" + l[1] + "/" + l[2] + " / " + c[0] + "/" + c[1] + "/" + c[2] + " ms");
      }
      results.put("authorization/" + role + "/" + name, byVariant);
      row("authorization settings, filter " + name + " @" + OPEN_TASKS, role,
          counted.get("before") + " counted; list / count p50/p95/p99", String.join("; ", figures.subList(0, 2)), figures.get(2));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double[] percentiles(List<Double> ms) {
    Collections.sort(ms);
    return new double[] {round(ms.get(ms.size() / 2)), round(ms.get((int) Math.ceil(ms.size() * 0.95) - 1)),
        round(ms.get((int) Math.ceil(ms.size() * 0.99) - 1))};
  }

  private static double[] time(IntFunction<Rest.Response> call) {
    return time(call, SAMPLES);
  }

  private static double[] time(IntFunction<Rest.Response> call, int samples) {
    return time(call, samples, 0);
  }

  /** @param idleMs how long each call waits before it starts its work, not counted */
  private static double[] time(IntFunction<Rest.Response> call, int samples, long idleMs) {
    for (int i = 0; i < 3; i++) {
      assertThat(call.apply(i).status()).isEqualTo(200);
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      var response = call.apply(i);
      ms.add((System.nanoTime() - start) / 1e6 - idleMs);
      assertThat(response.status()).isEqualTo(200);
    }
    return percentiles(ms);
  }

  // ------------------------------------------------------------------ set-up

  /** The trivial baseline, the open-task model and the cycle model before the fix, in the application's engine. */
  private void deployModels() throws Exception {
    // both keep the model conventions the deployment check enforces: a form deployed with them, a due date,
    // readable ids; the form has no fields, so the baseline's submit-form carries nothing
    var trivial = Bpmn.createExecutableProcess(TRIVIAL_KEY).name("基准：单个任务").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Trivial").sequenceFlowId("SequenceFlow_TrivialStarted")
        .userTask("Task_Trivial").name("基准任务").camundaAssignee("${memberId}").camundaDueDate("${due.inDays(7)}")
        .camundaFormRef(BENCH_FORM).camundaFormRefBinding("deployment")
        .sequenceFlowId("SequenceFlow_TrivialDone").endEvent("EndEvent_Trivial").done();
    var open = Bpmn.createExecutableProcess(OPEN_KEY).name("基准：待办").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Open").sequenceFlowId("SequenceFlow_OpenStarted")
        .userTask("Task_Open").name("基准待办").camundaCandidateGroups("${group}").camundaAssignee("${assignee}")
        .camundaDueDate("${due}").camundaFormRef(BENCH_FORM).camundaFormRefBinding("deployment")
        .sequenceFlowId("SequenceFlow_OpenDone").endEvent("EndEvent_Open").done();
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bench")
        .addModelInstance(TRIVIAL_KEY + ".bpmn", trivial).addModelInstance(OPEN_KEY + ".bpmn", open)
        .addString(BENCH_FORM + ".form", "{\"id\": \"" + BENCH_FORM + "\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": []}");
    var resolver = new PathMatchingResourcePatternResolver();
    String cycle = new String(resolver.getResource("classpath:models/integrated-cycle.bpmn").getContentAsByteArray(),
        StandardCharsets.UTF_8);
    String before = cycle.replace(" camunda:asyncAfter=\"true\" camunda:exclusive=\"true\"", "")
        .replace("\"integrated-cycle\"", "\"" + SYNC_KEY + "\"");
    assertThat(before).isNotEqualTo(cycle).doesNotContain("asyncAfter");
    deployment.addString(SYNC_KEY + ".bpmn", before);
    for (Resource resource : resolver.getResources("classpath*:models/**/*.form")) {
      deployment.addInputStream(resource.getFilename(), resource.getInputStream());
    }
    for (Resource resource : resolver.getResources("classpath*:models/**/*.dmn")) {
      deployment.addInputStream(resource.getFilename(), resource.getInputStream());
    }
    deployment.deploy();
  }

  /** A new agency, imported as an administrator does; everyone's password is their user id. */
  private LargeAgency agency(int branches, int members) {
    LargeAgency agency = new LargeAgency("bench" + UUID.randomUUID().toString().substring(0, 8), branches, members)
        .importWith(rest, engine.getIdentityService());
    // the committee may start the model before the fix as it starts the cycle
    Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(agency.id() + "Committee");
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId(SYNC_KEY);
    grant.addPermission(Permissions.CREATE_INSTANCE);
    engine.getAuthorizationService().saveAuthorization(grant);
    return agency;
  }

  // ------------------------------------------------------------------ report

  private void row(String... cells) {
    table.add(cells);
    System.out.println("bench: " + String.join(" | ", cells));
  }

  private void report() throws Exception {
    int[] widths = new int[5];
    for (String[] row : table) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder("\n== liutong bench (" + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, branches " + BRANCHES + ") ==\n");
    for (String[] row : table) {
      for (int i = 0; i < row.length; i++) {
        out.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
      }
      out.append('\n');
    }
    System.out.println(out);
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "at", Instant.now().toString(),
        "loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    Files.writeString(dir.resolve("bench.json"), json);
    Files.writeString(dir.resolve("bench.txt"), out.toString());
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
