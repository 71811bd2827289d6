package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.meeting.MeetingTopics;
import cn.liutong.support.DemoOrganisation;
import cn.liutong.support.DemoOrganisation.Agency;
import cn.liutong.support.PackagedApplication;
import cn.liutong.support.Await;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;
import cn.liutong.support.WebappSession;
import cn.liutong.support.TestYear;

/**
 * Issue #13, two nodes on one database (Camunda's homogeneous cluster): two instances of the packaged
 * application, started at the same moment on a fresh PostgreSQL database, behind a plain round-robin (the
 * test's requests alternate between the two ports).
 * <ul>
 * <li>both come up, and every process, decision and form is deployed once (version 1, one deployment);</li>
 * <li>the public feedback channel's limit and the login throttle hold across the nodes (counted in the
 * database): a client's sixth submission and its eleventh wrong password are refused by whichever node
 * gets them;</li>
 * <li>{@value #TIMERS} timers (the branch meetings' "meeting due" timers, planned by the branches of three
 * cycles) fire exactly once between the two job executors, each success in the job log with its node's
 * name;</li>
 * <li>webapp sessions are each node's own (a load balancer must pin them, README "Running two nodes"): when
 * a node is killed its users log in again on the other one, and their work is not lost.</li>
 * </ul>
 */
class TwoNodesPostgresIT {

  static final int TIMERS = 1000;
  static final String MEETING_DUE = "TimerEvent_MeetingDue";
  static final String TASKLIST = "/camunda/app/tasklist/default/";
  static final Duration START = Duration.ofMinutes(10); // 20 s on a quiet machine, minutes on a crowded one

  private final List<Rest> nodes = new ArrayList<>();
  private final AtomicInteger turn = new AtomicInteger();
  private JdbcTemplate jdbc;

  @Test
  void twoNodesShareDeploymentsTimersAndLimitsButNotSessions() throws Exception {
    long testStart = System.nanoTime();
    String database = PostgresDatabase.freshDatabase();
    jdbc = new JdbcTemplate(new DriverManagerDataSource(PostgresDatabase.url(database), PostgresDatabase.user(),
        PostgresDatabase.password()));
    try (PackagedApplication a = node("node-a", database); PackagedApplication b = node("node-b", database)) {
      // started at the same moment on an empty database
      ExecutorService starting = Executors.newFixedThreadPool(2);
      Future<Duration> startA = starting.submit(() -> a.start().awaitReady(START));
      Future<Duration> startB = starting.submit(() -> b.start().awaitReady(START));
      Duration upA = startA.get(11, TimeUnit.MINUTES);
      Duration upB = startB.get(11, TimeUnit.MINUTES);
      starting.shutdown();
      nodes.add(new Rest(a.port()));
      nodes.add(new Rest(b.port()));

      assertThat(jdbc.queryForList("select key_ from act_re_procdef group by key_ having count(*) > 1", String.class))
          .as("processes deployed twice").isEmpty();
      assertThat(jdbc.queryForList("select key_ from act_re_decision_def group by key_ having count(*) > 1", String.class))
          .as("decisions deployed twice").isEmpty();
      assertThat(jdbc.queryForList("select key_ from act_re_camformdef group by key_ having count(*) > 1", String.class))
          .as("forms deployed twice").isEmpty();
      int deployments = count("select count(*) from act_re_deployment");
      assertThat(deployments).as("deployments").isOne();
      int processes = count("select count(*) from act_re_procdef");

      // the public limits are counted in the database: the nodes refuse together
      List<Integer> submissions = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        submissions.add(next().post("/public/feedback", "{}", null, null).status());
      }
      assertThat(submissions).as("five submissions (bad ones count), then refused, alternating nodes")
          .containsExactly(400, 400, 400, 400, 400, 429);
      assertThat(nodes.get(0).post("/public/feedback", "{}", null, null).status()).as("node a").isEqualTo(429);
      assertThat(nodes.get(1).post("/public/feedback", "{}", null, null).status()).as("node b").isEqualTo(429);
      List<Integer> logins = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        logins.add(next().get("/engine-rest/task?maxResults=1", "hanmei", "guess" + i).status());
      }
      assertThat(logins.subList(0, 10)).as("wrong passwords, alternating nodes").containsOnly(401);
      assertThat(logins.get(10)).as("the eleventh, on node b").isEqualTo(429);
      assertThat(nodes.get(0).get("/engine-rest/task?maxResults=1", "hanmei", "hanmei").status())
          .as("node a refuses this client for that user too").isEqualTo(429);

      // three cycles driven through both nodes; the branches plan the meetings whose timers fire
      Agency finance = DemoOrganisation.agency("finance");
      Agency tax = DemoOrganisation.agency("tax");
      List<Agency> agencies = List.of(finance, tax, tax);
      int branches = agencies.stream().mapToInt(x -> x.branches().size()).sum();
      WebappSession chenjing = new WebappSession(a.port());
      assertThat(chenjing.login("chenjing", "tasklist").status()).as("chenjing logs in on node a").isEqualTo(200);
      chenjing.get(TASKLIST); // the page after login: the session's CSRF token
      String signedInTheWebapp = null;
      List<String> cycles = new ArrayList<>();
      int branchIndex = 0;
      for (Agency agency : agencies) {
        String cycle = start(agency);
        cycles.add(cycle);
        complete(cycle, agency.committee(), "Task_DraftGoals", Map.of("goals", CycleDriver.goals()));
        complete(cycle, agency.partyGroup(), "Task_ApproveGoals", Map.of("goalsDecision", "approved"));
        complete(cycle, agency.committee(), "Task_DecomposeGoals", Map.of("items", CycleDriver.items(agency.owners())));
        for (String branch : agency.branches()) {
          String secretary = agency.secretaries().get(branch);
          String signFor = await(cycle, secretary, "Task_SignFor");
          if (signedInTheWebapp == null && secretary.equals("chenjing")) {
            var signed = chenjing.send("POST", "/camunda/api/engine/engine/default/task/" + signFor + "/submit-form",
                json(Map.of("variables", Rest.formVariables(Map.of("signForDecision", "signed")))));
            assertThat(signed.status()).as("signed in Tasklist on node a: " + signed.body()).isEqualTo(204);
            signedInTheWebapp = signFor;
          } else {
            submit(secretary, signFor, Map.of("signForDecision", "signed"));
          }
        }
        for (String branch : agency.branches()) {
          String secretary = agency.secretaries().get(branch);
          int meetings = TIMERS / branches + (branchIndex++ < TIMERS % branches ? 1 : 0);
          submit(secretary, await(cycle, secretary, "Task_PlanImplementation"), Map.of("partyTopics", "把业务难点作为主题党日议题",
              "meetings", meetings(meetings), "implementationPlan", "每月推进，季度报告", "pioneerPosts", "在重点岗位设立党员先锋岗"));
        }
      }
      long planned = System.nanoTime();
      Await.until("every meeting timer has fired", Duration.ofMinutes(10),
          () -> count("select count(*) from act_hi_job_log where act_id_ = ? and job_state_ = 2", MEETING_DUE) >= TIMERS);
      Duration firing = Duration.ofNanos(System.nanoTime() - planned);
      Thread.sleep(2000);

      assertThat(count("select count(*) from act_hi_job_log where act_id_ = ? and job_state_ = 0", MEETING_DUE))
          .as("meeting timers created").isEqualTo(TIMERS);
      assertThat(jdbc.queryForList("select job_id_ from act_hi_job_log where act_id_ = ? and job_state_ = 2 group by job_id_"
          + " having count(*) > 1", String.class, MEETING_DUE)).as("timers that fired twice").isEmpty();
      assertThat(count("select count(distinct job_id_) from act_hi_job_log where act_id_ = ? and job_state_ = 2", MEETING_DUE))
          .as("timers fired").isEqualTo(TIMERS);
      Map<String, Integer> perNode = new TreeMap<>();
      jdbc.query("select hostname_, count(*) fired from act_hi_job_log where act_id_ = ? and job_state_ = 2 group by hostname_",
          rs -> {
            perNode.put(rs.getString("hostname_"), rs.getInt("fired"));
          }, MEETING_DUE);
      int failures = count("select count(*) from act_hi_job_log where act_id_ = ? and job_state_ = 1", MEETING_DUE);
      assertThat(perNode).as("timers fired per node").containsOnlyKeys("node-a", "node-b");
      assertThat(count("select count(*) from act_ru_task where task_def_key_ = 'Task_RecordMeeting'"))
          .as("a meeting to record per timer").isEqualTo(TIMERS);
      assertThat(count("select count(*) from act_ru_incident")).as("incidents").isZero();

      // sessions are each node's own: the other node does not know this one, a killed node's users log in again
      String tasks = "/camunda/api/engine/engine/default/task?assignee=chenjing&maxResults=1";
      assertThat(chenjing.get(tasks).status()).as("chenjing's session on node a").isEqualTo(200);
      int onOtherNode = chenjing.at(b.port()).get(tasks).status();
      assertThat(a.kill()).as("node a killed").isEqualTo(PackagedApplication.KILLED);
      WebappSession onB = chenjing.at(b.port());
      int afterKill = onB.get(tasks).status();
      assertThat(afterKill).as("node a's session on node b").isEqualTo(401);
      assertThat(onB.login("chenjing", "tasklist").status()).as("chenjing logs in again, on node b").isEqualTo(200);
      onB.get(TASKLIST);
      nodes.remove(0);
      assertThat(count("select count(*) from act_hi_taskinst where id_ = ? and end_time_ is not null", signedInTheWebapp))
          .as("her signature through node a is kept").isOne();
      assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and branch_code = 'financeBudget'"
          + " and signed_at is null", cycles.get(0))).as("in the ledger too").isZero();
      String pledge = await(cycles.get(0), "chenjing", "Task_Pledge");
      var pledged = onB.send("POST", "/camunda/api/engine/engine/default/task/" + pledge + "/submit-form",
          json(Map.of("variables", Rest.formVariables(Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false)))));
      assertThat(pledged.status()).as("and she goes on, on node b: " + pledged.body()).isEqualTo(204);

      System.out.printf("Two nodes: start-up at the same moment %.1f s (node a) and %.1f s (node b); %d deployment, %d "
          + "process definitions, each key version 1; public submissions alternating nodes %s then 429 on both; wrong "
          + "passwords alternating nodes %s; %d meeting timers (%d branches of %d cycles) fired, the last %.1f s after the last "
          + "plan, exactly once "
          + "each, per node %s, %d failed runs; chenjing's node-a session on node b: %d while a ran, %d after a was "
          + "killed, then logged in on b and went on; run took %d s%n",
          upA.toMillis() / 1000.0, upB.toMillis() / 1000.0, deployments, processes, submissions, logins, TIMERS, branches,
          cycles.size(), firing.toMillis() / 1000.0, perNode, failures, onOtherNode, afterKill,
          Duration.ofNanos(System.nanoTime() - testStart).toSeconds());
    }
  }

  /**
   * Each node looks for due jobs at least every half second: the node whose own transactions created the timers is
   * woken at once (the engine hints its own job executor), and with a longer idle wait on an idle machine it fired
   * all 1,000 before the other node looked (node-b 1000, node-a 0 in one run).
   */
  private static PackagedApplication node(String name, String database) {
    return new PackagedApplication(name, database, List.of("--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.max-wait=500"));
  }

  /** The round-robin: each request to the other node. */
  private Rest next() {
    return nodes.get(turn.getAndIncrement() % nodes.size());
  }

  /** A cycle over last year and this one, so that meetings planned in last year are in its period and due at once. */
  private String start(Agency agency) {
    Map<String, Object> form = new LinkedHashMap<>(CycleDriver.startForm());
    form.put("periodStart", (TestYear.year() - 1) + "-01-01");
    Rest.Response started = next().post("/engine-rest/process-definition/key/integrated-cycle/submit-form",
        Map.of("variables", Rest.formVariables(form)), agency.committee());
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("id").asText();
  }

  private void complete(String cycle, String user, String step, Map<String, Object> form) throws InterruptedException {
    submit(user, await(cycle, user, step), form);
  }

  private void submit(String user, String taskId, Map<String, Object> form) {
    Rest.Response done = next().post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
    assertThat(done.status()).as(user + " completes " + taskId + ": " + done.body()).isEqualTo(204);
  }

  /** The user's task at the step in the cycle, once the job executors (either node) have created it. */
  private String await(String cycle, String user, String step) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      Rest.Response listed = next().get("/engine-rest/task?processInstanceId=" + cycle + "&taskDefinitionKey=" + step
          + (step.equals("Task_Pledge") ? "&assignee=" : "&candidateUser=") + user, user);
      assertThat(listed.status()).as(listed.body()).isEqualTo(200);
      JsonNode tasks = listed.json();
      if (!tasks.isEmpty()) {
        return tasks.get(0).path("id").asText();
      }
      assertThat(System.nanoTime()).as(user + " gets " + step + " in " + cycle).isLessThan(deadline);
      Thread.sleep(300);
    }
  }

  /** Planned meetings in last year, the past of the cycle's period: their timers are due at once. */
  private static List<Map<String, Object>> meetings(int count) {
    List<Map<String, Object>> meetings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> meeting = new LinkedHashMap<>();
      meeting.put("type", "themeDay");
      meeting.put("plannedDate", String.format("%d-%02d-%02d", TestYear.year() - 1, 1 + i % 9, 1 + i % 28));
      meeting.put("topicSource", MeetingTopics.OTHER);
      meeting.put("topic", "主题党日第" + (i + 1) + "次");
      meetings.add(meeting);
    }
    return meetings;
  }

  private int count(String sql, Object... arguments) {
    return jdbc.queryForObject(sql, Integer.class, arguments);
  }

  private static String json(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
