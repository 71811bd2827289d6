package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.DemoOrganisation;
import cn.liutong.support.DemoOrganisation.Agency;
import cn.liutong.support.PackagedApplication;
import cn.liutong.support.Await;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;

/**
 * Issue #13, crashes at random moments. The packaged application runs as a child process on a fresh
 * PostgreSQL database (job executor on, a lock time of {@link #LOCK_TIME}); {@link #CLIENTS} clients, as the
 * people of the demo organisation, clear their task lists over {@code /engine-rest} in {@link #CYCLES} cycles of
 * 市财政局 (inspections every two minutes: the demo's short timer) from the plan to the first inspection. Meanwhile the process is killed with SIGKILL at {@link #KILLS} random moments under load (after a
 * random number of completions since the restart plus a random delay; seeded, the seed is printed,
 * {@code -Dliutong.crash.seed=…} repeats the choices) and started again each time; if no inspection
 * timer happened to fall due while it was down, one more kill is placed just before the next one is due.
 * <p>
 * Then: every task the clients tried to complete is completed exactly once in the history (every one that got
 * a 2xx among them), once in the user operation log; the ledger has the same pledges, signatures, progress
 * reports and inspections as the history, row for row; every cycle went on after the last restart into its
 * assessment; every inspection timer fired exactly once, those due while the application was down after its
 * restart; no job is left locked past its lock time and no due job is left behind.
 */
class CrashRecoveryPostgresIT {

  static final int KILLS = 5;
  static final int CYCLES = 3;
  static final int CLIENTS = 3;
  static final Duration LOCK_TIME = Duration.ofSeconds(10);
  /** The job executor looks for due jobs at least this often (Camunda's default back-off reaches a minute). */
  static final Duration MAX_WAIT = Duration.ofSeconds(5);
  static final Duration START = Duration.ofMinutes(10); // a start takes 20 s on a quiet machine, minutes on a crowded one
  static final String TIMER = "TimerEvent_InspectionDue";
  static final List<String> STEPS = List.of("Task_DraftGoals", "Task_ApproveGoals", "Task_DecomposeGoals",
      "Task_SignFor", "Task_PlanImplementation", "Task_Pledge", "Task_ReportProgress", "Task_Inspect",
      "Task_ReportOwnItems", "Task_PublishBulletin");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final List<Outage> outages = new ArrayList<>();
  private final Map<String, Agency> agencyOfCycle = new ConcurrentHashMap<>();
  private PackagedApplication app;
  private JdbcTemplate jdbc;

  /** One completion a client tried: the task, who, when (wall clock), the status (-1: no answer). */
  record Attempt(String taskId, String step, String cycleId, String user, long at, int status) {
  }

  /** From the kill to the restarted application's first healthy answer (wall clock, milliseconds). */
  record Outage(long killedAt, long readyAt, int exitValue, Duration startUp, boolean planned) {
    boolean covers(long at) {
      return at >= killedAt && at <= readyAt;
    }
  }

  @Test
  void completionsTimersAndLocksSurviveKillsAtRandomMoments() throws Exception {
    long seed = Long.getLong("liutong.crash.seed", System.currentTimeMillis());
    Random random = new Random(seed);
    System.out.println("CrashRecoveryPostgresIT seed " + seed + " (repeat with -Dliutong.crash.seed=" + seed + ")");
    long testStart = System.nanoTime();
    String database = PostgresDatabase.freshDatabase();
    jdbc = new JdbcTemplate(new DriverManagerDataSource(PostgresDatabase.url(database), PostgresDatabase.user(),
        PostgresDatabase.password()));
    app = new PackagedApplication("crash-node", database, List.of(
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--camunda.bpm.job-execution.max-wait=" + MAX_WAIT.toMillis(),
        // the demo profile's short rounds: the round falls due two minutes after supervision starts, not at a quarter end
        "--liutong.cycle.demo-inspection-interval=PT2M"));
    List<Duration> startUps = new ArrayList<>();
    try (PackagedApplication running = app) {
      startUps.add(app.start().awaitReady(START));
      Agency finance = DemoOrganisation.agency("finance");
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        agencyOfCycle.put(startCycle(finance), finance);
      }
      Set<String> cycles = agencyOfCycle.keySet();

      AtomicBoolean working = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<String> people = agencyOfCycle.values().stream().distinct().flatMap(a -> a.people().stream()).distinct().toList();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        List<String> mine = people.stream().filter(p -> people.indexOf(p) % CLIENTS == client).toList();
        clients.execute(() -> work(mine, cycles, working));
      }

      for (int kill = 0; kill < KILLS; kill++) {
        // once an inspection timer waits in the future and no outage has covered one yet, one more kill is placed a
        // second before it falls due, so that it falls due while the application is down (on a fast machine the
        // random kills may all be over before the timers fall due, on a slow one after)
        if (outages.stream().noneMatch(Outage::planned)) {
          Long next = nextTimer();
          if (next != null) {
            Thread.sleep(Math.max(0, next - System.currentTimeMillis() - 1000));
            outages.add(killAndRestart(true));
            startUps.add(outages.get(outages.size() - 1).startUp());
          }
        }
        // a random moment under load, whatever the machine's speed: after 1 to 8 completions tried since the
        // restart, then 0 to 1.5 s more (or 20 s when the clients have nothing left to do)
        int before = attempts.size();
        int completions = 1 + random.nextInt(8);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (attempts.size() < before + completions && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        Thread.sleep(random.nextInt(1500));
        outages.add(killAndRestart(false));
        startUps.add(outages.get(outages.size() - 1).startUp());
      }
      int timers = CYCLES; // one round of all branches per cycle
      Await.until("every cycle reaches its inspection timer", Duration.ofMinutes(10), () -> timersCreated().size() == timers);
      if (timersCreated().values().stream().noneMatch(due -> outages.stream().anyMatch(o -> o.covers(due)))) {
        long next = timersCreated().values().stream().filter(due -> due > System.currentTimeMillis()).min(Long::compare)
            .orElseThrow(() -> new AssertionError("every timer was due while the application ran: no outage to test"));
        Thread.sleep(Math.max(0, next - System.currentTimeMillis() - 1000));
        outages.add(killAndRestart(true));
        startUps.add(outages.get(outages.size() - 1).startUp());
      }
      long lastReady = outages.get(outages.size() - 1).readyAt();
      Await.until("every branch of every cycle is inspected and the round closed", Duration.ofMinutes(10), () -> cycles.stream()
          .allMatch(c -> finished(c, "Task_Inspect") == finished(c, "Task_SignFor") && finished(c, "Task_SignFor") > 0
              && finished(c, "Task_PublishBulletin") == 1));
      working.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      Thread.sleep(LOCK_TIME.plus(MAX_WAIT).toMillis());

      // the process was killed, not stopped
      assertThat(outages).as("kills").hasSizeGreaterThanOrEqualTo(KILLS)
          .allSatisfy(o -> assertThat(o.exitValue()).as("exit value of a SIGKILLed JVM").isEqualTo(PackagedApplication.KILLED));

      // every completion tried: in the history exactly once; every 2xx among them
      Map<String, List<Attempt>> byTask = attempts.stream().collect(Collectors.groupingBy(Attempt::taskId));
      List<Attempt> acknowledged = attempts.stream().filter(a -> a.status() / 100 == 2).toList();
      Map<String, Integer> completedInHistory = new HashMap<>();
      Map<String, Integer> completedInOpLog = new HashMap<>();
      jdbc.query("select id_, end_time_, delete_reason_ from act_hi_taskinst where proc_inst_id_ in (" + in(cycles) + ")",
          rs -> {
            if (rs.getTimestamp("end_time_") != null && "completed".equals(rs.getString("delete_reason_"))) {
              completedInHistory.merge(rs.getString("id_"), 1, Integer::sum);
            }
          });
      jdbc.query("select task_id_, count(distinct operation_id_) operations from act_hi_op_log where operation_type_ = 'Complete'"
          + " and proc_inst_id_ in (" + in(cycles) + ") group by task_id_", rs -> {
            completedInOpLog.put(rs.getString("task_id_"), rs.getInt("operations"));
          });
      assertThat(acknowledged).as("completions acknowledged with a 2xx").isNotEmpty()
          .allSatisfy(a -> assertThat(completedInHistory.get(a.taskId())).as("history of acknowledged " + a).isEqualTo(1));
      assertThat(byTask.keySet()).as("every task a client tried is completed, once, in the history and the operation log")
          .allSatisfy(task -> {
            assertThat(completedInHistory.get(task)).as("history " + task + " " + byTask.get(task)).isEqualTo(1);
            assertThat(completedInOpLog.get(task)).as("operation log " + task + " " + byTask.get(task)).isEqualTo(1);
          });
      assertThat(attempts).as("answers: 2xx, 404 (already completed by a try whose answer was lost), 503 (not yet"
          + " started), or none (killed)").allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(-1, 204, 404, 503));

      // the ledger agrees with the history, row for row
      for (String cycle : cycles) {
        assertThat(rows("select member_id from lt_pledge where cycle_id = ?", cycle))
            .as("pledges of %s", cycle).isEqualTo(historyAssignees(cycle, "Task_Pledge"));
        assertThat(count("select count(distinct branch_code) from lt_responsibility_item where cycle_id = ? and signed_at is not null", cycle))
            .as("branches signed in %s", cycle).isEqualTo(finished(cycle, "Task_SignFor")).isEqualTo(agencyOfCycle.get(cycle).branches().size());
        assertThat(count("select count(*) from lt_progress_report where cycle_id = ?", cycle)).as("progress reports of %s", cycle)
            .isEqualTo(count("select count(distinct branch_code) from lt_progress_report where cycle_id = ?", cycle))
            .isEqualTo(finished(cycle, "Task_ReportProgress"));
        assertThat(count("select count(*) from lt_inspection_finding where cycle_id = ?", cycle)).as("inspections of %s", cycle)
            .isEqualTo(finished(cycle, "Task_Inspect"));
        assertThat(count("select count(*) from lt_inspection_bulletin where cycle_id = ?", cycle)).as("bulletins of %s", cycle)
            .isEqualTo(finished(cycle, "Task_PublishBulletin")).isEqualTo(1);
        assertThat(count("select count(*) from lt_goal where cycle_id = ?", cycle)).as("goals of %s", cycle)
            .isEqualTo(CycleDriver.goals().size());
      }

      // work went on after the restarts, and every cycle into its assessment (the last restart may come when the
      // people have done every step there is, the inspections included, e.g. when it covered a cycle's last timer:
      // then that cycle goes on through its joins and timers alone)
      assertThat(outages).as("restarts followed by acknowledged completions")
          .anySatisfy(o -> assertThat(acknowledged.stream().filter(a -> a.at() > o.readyAt())).isNotEmpty());
      for (String cycle : cycles) {
        boolean stepsLeftAtLastRestart = attempts.stream().anyMatch(a -> a.cycleId().equals(cycle) && a.at() > lastReady);
        if (stepsLeftAtLastRestart) {
          assertThat(acknowledged.stream().filter(a -> a.cycleId().equals(cycle) && a.at() > lastReady))
              .as("completions in %s after the last restart", cycle).isNotEmpty();
        }
      }
      Await.until("every branch of every cycle reaches its duty report", Duration.ofMinutes(1), () -> cycles.stream()
          .allMatch(c -> count("select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ = 'Task_DutyReport'", c)
              == agencyOfCycle.get(c).branches().size()));
      assertThat(count("select count(*) from act_ru_incident")).as("incidents").isZero();

      // timers: each fired once; those due while the application was down, after its restart
      Map<String, Long> timerDue = timersCreated();
      Map<String, List<Long>> fired = new HashMap<>();
      jdbc.query("select job_id_, timestamp_ from act_hi_job_log where act_id_ = ? and job_state_ = 2", rs -> {
        fired.computeIfAbsent(rs.getString("job_id_"), j -> new ArrayList<>()).add(rs.getTimestamp("timestamp_").getTime());
      }, TIMER);
      int failedTimers = count("select count(*) from act_hi_job_log where act_id_ = ? and job_state_ = 1", TIMER);
      assertThat(timerDue).as("inspection timers").hasSize(timers);
      assertThat(timerDue.keySet()).as("every timer fired exactly once")
          .allSatisfy(job -> assertThat(fired.get(job)).as("successes of timer job " + job).hasSize(1));
      Map<String, Long> dueDuringOutage = timerDue.entrySet().stream().filter(e -> outages.stream().anyMatch(o -> o.covers(e.getValue())))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(dueDuringOutage).as("timers due while the application was down").isNotEmpty();
      dueDuringOutage.forEach((job, due) -> {
        Outage outage = outages.stream().filter(o -> o.covers(due)).findFirst().orElseThrow();
        assertThat(fired.get(job).get(0)).as("timer %s due during an outage fired after the restart", job)
            .isGreaterThanOrEqualTo(outage.readyAt() - 1000);
      });

      // no job left locked past its lock time, no due job left behind
      assertThat(count("select count(*) from act_ru_job where lock_exp_time_ is not null and lock_exp_time_ < ?",
          new Timestamp(System.currentTimeMillis()))).as("jobs still locked past their lock time").isZero();
      assertThat(count("select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
          + " and (duedate_ is null or duedate_ < ?)", new Timestamp(System.currentTimeMillis() - LOCK_TIME.plus(MAX_WAIT).toMillis())))
          .as("due jobs not executed").isZero();

      Map<Integer, Long> statuses = attempts.stream().collect(Collectors.groupingBy(Attempt::status, TreeMap::new, Collectors.counting()));
      System.out.printf("Crash recovery (seed %d): %d kills (%d planned before a timer), %d restarts, exit values %s; "
          + "start-ups %s s; %d completions attempted on %d tasks (answers %s), %d acknowledged with 2xx, %d tasks found "
          + "completed once in history and operation log; %d inspection timers fired once, %d of them due while the "
          + "application was down (fired after the restart), %d failed runs; run took %d s%n",
          seed, outages.size(), outages.stream().filter(Outage::planned).count(), outages.size(),
          outages.stream().map(Outage::exitValue).distinct().toList(),
          startUps.stream().map(d -> String.format("%.1f", d.toMillis() / 1000.0)).toList(), attempts.size(), byTask.size(),
          statuses, acknowledged.size(), byTask.keySet().stream().filter(t -> completedInHistory.getOrDefault(t, 0) == 1).count(),
          fired.size(), dueDuringOutage.size(), failedTimers, Duration.ofNanos(System.nanoTime() - testStart).toSeconds());
    }
  }

  /** Kills the application with SIGKILL and starts it again; the outage as measured. */
  private Outage killAndRestart(boolean planned) throws Exception {
    long killedAt = System.currentTimeMillis();
    int exitValue = app.kill();
    Duration startUp = app.start().awaitReady(START);
    return new Outage(killedAt, System.currentTimeMillis(), exitValue, startUp, planned);
  }

  /** The committee starts a cycle (one round, two minutes after supervision starts) through the start form. */
  private String startCycle(Agency agency) {
    Map<String, Object> form = new LinkedHashMap<>(CycleDriver.startForm());
    Rest.Response started = new Rest(app.port()).post("/engine-rest/process-definition/key/integrated-cycle/submit-form",
        Map.of("variables", Rest.formVariables(form)), agency.committee());
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("id").asText();
  }

  /**
   * A client: its people, one after the other, list their tasks in the cycles and complete each with the
   * form's values; no answer (the application is down) or 503 means later.
   */
  private void work(List<String> people, Set<String> cycles, AtomicBoolean working) {
    String processes = String.join(",", cycles);
    while (working.get()) {
      for (String person : people) {
        if (!working.get()) {
          return;
        }
        // their own tasks (a pledge), then their roles' (a branch's, the committee's)
        HttpResult assigned = call("GET", "/engine-rest/task?assignee=" + person + "&processInstanceIdIn=" + processes
            + "&maxResults=20", person, null);
        HttpResult candidate = assigned.status() != 200 ? assigned : call("GET", "/engine-rest/task?candidateUser=" + person
            + "&processInstanceIdIn=" + processes + "&maxResults=20", person, null);
        if (candidate.status() != 200) {
          pause(500);
          continue;
        }
        List<JsonNode> tasks = new ArrayList<>();
        json(assigned.body()).forEach(tasks::add);
        json(candidate.body()).forEach(tasks::add);
        for (JsonNode task : tasks) {
          String step = task.path("taskDefinitionKey").asText();
          String cycle = task.path("processInstanceId").asText();
          if (!STEPS.contains(step) || !cycles.contains(cycle)) {
            continue;
          }
          String taskId = task.path("id").asText();
          Map<String, Object> form = form(step, agencyOfCycle.get(cycle));
          if (step.equals("Task_ReportOwnItems")) { // the owner's own items, as the form lists them
            HttpResult rows = call("GET", "/engine-rest/task/" + taskId + "/localVariables/itemProgress?deserializeValue=false", person, null);
            if (rows.status() != 200) {
              continue;
            }
            try {
              form = Map.of("itemProgress", MAPPER.readValue(json(rows.body()).path("value").asText(), List.class));
            } catch (java.io.IOException e) {
              continue;
            }
          }
          String body = toJson(Map.of("variables", Rest.formVariables(form)));
          long at = System.currentTimeMillis();
          HttpResult submitted = call("POST", "/engine-rest/task/" + taskId + "/submit-form", person, body);
          attempts.add(new Attempt(taskId, step, cycle, person, at, submitted.status()));
          if (submitted.status() == -1) {
            pause(500);
            break;
          }
        }
        pause(100);
      }
    }
  }

  /** What the person enters in the step's form (a sound value for every required field). */
  private static Map<String, Object> form(String step, Agency agency) {
    return switch (step) {
      case "Task_DraftGoals" -> Map.of("goals", CycleDriver.goals());
      case "Task_ApproveGoals" -> Map.of("goalsDecision", "approved");
      case "Task_DecomposeGoals" -> Map.of("items", CycleDriver.items(agency.owners()));
      case "Task_SignFor" -> Map.of("signForDecision", "signed");
      case "Task_PlanImplementation" -> Map.of("partyTopics", "把业务难点作为主题党日议题", "meetings", CycleDriver.meetings(),
          "implementationPlan", "每月推进，季度报告", "pioneerPosts", "在重点岗位设立党员先锋岗");
      case "Task_Pledge" -> Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false);
      case "Task_ReportProgress" -> Map.of("partyProgress", "按期召开三会一课", "businessProgress", "预算执行率达到进度要求",
          "difficulties", "");
      case "Task_Inspect" -> Map.of("findings", "党建与业务同步推进，情况良好", "problemsFound", false);
      case "Task_PublishBulletin" -> Map.of("bulletinSummary", "本轮督查各支部同步推进，情况良好");
      case "Task_ReportOwnItems" -> Map.of(); // read from the task
      default -> throw new IllegalArgumentException(step);
    };
  }

  record HttpResult(int status, String body) {
  }

  private HttpResult call(String method, String path, String user, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new HttpResult(response.statusCode(), response.body());
    } catch (Exception e) {
      return new HttpResult(-1, e.toString());
    }
  }

  /** Inspection timer jobs ever created, by job id: their due dates (wall clock, milliseconds). */
  /** The due time of the next inspection timer still to fall due (with two seconds to spare), if any. */
  private Long nextTimer() {
    long soon = System.currentTimeMillis() + 2000;
    return timersCreated().values().stream().filter(due -> due > soon).min(Long::compare).orElse(null);
  }

  private Map<String, Long> timersCreated() {
    Map<String, Long> due = new HashMap<>();
    jdbc.query("select job_id_, job_duedate_ from act_hi_job_log where act_id_ = ? and job_state_ = 0", rs -> {
      due.put(rs.getString("job_id_"), rs.getTimestamp("job_duedate_").getTime());
    }, TIMER);
    return due;
  }

  private int finished(String cycle, String step) {
    return count("select count(*) from act_hi_taskinst where proc_inst_id_ = ? and task_def_key_ = ? and end_time_ is not null",
        cycle, step);
  }

  private List<String> historyAssignees(String cycle, String step) {
    return rows("select assignee_ from act_hi_taskinst where proc_inst_id_ = ? and task_def_key_ = ? and end_time_ is not null", cycle, step);
  }

  private List<String> rows(String sql, Object... arguments) {
    return jdbc.queryForList(sql, String.class, arguments).stream().sorted().toList();
  }

  private int count(String sql, Object... arguments) {
    return jdbc.queryForObject(sql, Integer.class, arguments);
  }

  private static String in(Set<String> ids) {
    return ids.stream().map(id -> "'" + id.replace("'", "") + "'").collect(Collectors.joining(","));
  }

  private static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
