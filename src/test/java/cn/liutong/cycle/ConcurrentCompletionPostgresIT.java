package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
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
import org.camunda.bpm.engine.task.Task;
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
 * Every parallel stage under load: the secretaries of 50 branches sign for their items at once, the
 * committee inspects all 50 branches at once, and the 200 members of a branch pledge at once and later
 * evaluate the branch at once, 8 and 32 of them at the same moment, each through the REST API as themselves,
 * on PostgreSQL with the job executor on. Nobody sees an error (the join of the stage is the job executor's,
 * see {@link CycleContinuations}), everything counts once, and the cycle moves on without an incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // the round waits half a day from when supervision starts (not at a quarter end already past, which the job
    // executor would fire at once): the test moves it to now when it wants the reports
    properties = {"camunda.bpm.job-execution.enabled=true", "liutong.cycle.demo-inspection-interval=PT12H"})
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
    LargeAgency agency = agency(BRANCHES, 0);
    RestCycle cycle = new RestCycle(new Rest(port), agency).start().toSignFor();

    List<String> failures = concurrently(clients, IntStream.range(0, BRANCHES).mapToObj(agency::secretary).toList(),
        secretary -> cycle.submit(secretary, cycle.taskOf(secretary, "Task_SignFor"), Map.of("signForDecision", "signed")));

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_PlanImplementation", BRANCHES);
    awaitNoJobs(cycle.id());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cycle.id()).taskDefinitionKey("Task_SignFor").count()).isZero();
    assertMovedOnOnce(cycle.id(), "SubProcess_SignFor", "Task_PlanImplementation", BRANCHES);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycle.id()).count()).as("incidents").isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.id())
        .activityId("EndEvent_BranchSigned").finished().count()).as("signatures, each once").isEqualTo(BRANCHES);
    assertThat(jdbc.queryForObject("select count(*) from lt_responsibility_item where cycle_id = ? and signed_at is not null",
        Integer.class, cycle.id())).as("items signed in the ledger").isEqualTo(BRANCHES);
  }

  @ParameterizedTest(name = "{0} members at once")
  @ValueSource(ints = {8, 32})
  void membersOfABranchPledgeAtOnceWithoutAnError(int clients) throws Exception {
    LargeAgency agency = agency(1, MEMBERS - 1);
    List<String> members = members(agency);
    assertThat(members).hasSize(MEMBERS);
    RestCycle cycle = planned(agency, clients);

    List<String> failures = pledge(cycle, members, clients);

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitEnded(cycle.id(), "SubProcess_Implement#multiInstanceBody");
    awaitNoJobs(cycle.id());
    assertEachOnce(cycle.id(), "Task_Pledge", "lt_pledge", MEMBERS);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(cycle.id()).activityId("TimerEvent_InspectionDue")
        .count()).as("the committee's round still waits for its date").isEqualTo(1);
  }

  @ParameterizedTest(name = "the committee, {0} inspections at once")
  @ValueSource(ints = {8, 32})
  void committeeInspectsEveryBranchAtOnceWithoutAnError(int clients) throws Exception {
    LargeAgency agency = agency(BRANCHES, 0);
    RestCycle cycle = planned(agency, clients);
    assertThat(pledge(cycle, members(agency), clients)).as("pledges: answers other than 2xx").isEmpty();
    assertThat(reportProgress(cycle, agency, clients)).as("reports: answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_Inspect", BRANCHES);

    List<String> failures = concurrently(clients, openTasks(cycle, "Task_Inspect"), task -> cycle.submit(agency.committee(), task,
        Map.of("findings", "同步推进，情况良好", "problemsFound", false)));

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_PublishBulletin", 1);
    awaitNoJobs(cycle.id());
    assertEachOnce(cycle.id(), "Task_Inspect", "lt_inspection_finding", BRANCHES);
    assertThat(jdbc.queryForObject("select count(distinct branch_code) from lt_inspection_finding where cycle_id = ?",
        Integer.class, cycle.id())).as("one finding per branch").isEqualTo(BRANCHES);
    assertMovedOnOnce(cycle.id(), "SubProcess_InspectBranch", "Task_PublishBulletin", 1);

    publishBulletin(cycle, agency);
    awaitTasks(cycle.id(), "Task_DutyReport", BRANCHES);
    awaitNoJobs(cycle.id());
    assertMovedOnOnce(cycle.id(), "SubProcess_Implement", "Task_DutyReport", BRANCHES);
  }

  @ParameterizedTest(name = "{0} members evaluate at once")
  @ValueSource(ints = {8, 32})
  void membersOfABranchEvaluateAtOnceWithoutAnError(int clients) throws Exception {
    LargeAgency agency = agency(1, MEMBERS - 1);
    RestCycle cycle = planned(agency, clients);
    List<String> members = members(agency);
    assertThat(pledge(cycle, members, clients)).as("pledges: answers other than 2xx").isEmpty();
    assertThat(reportProgress(cycle, agency, clients)).as("report: answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_Inspect", 1);
    cycle.complete(agency.committee(), "Task_Inspect", Map.of("findings", "同步推进，情况良好", "problemsFound", false));
    publishBulletin(cycle, agency);
    awaitTasks(cycle.id(), "Task_DutyReport", 1);
    cycle.complete(agency.secretary(0), "Task_DutyReport", Map.of(
        "dutyReportParty", "本年度支部党建工作按计划完成", "dutyReportBusiness", "本年度业务工作按计划完成",
        "pledgeRatings", members.stream().map(m -> Map.of("rating", "good")).toList()));
    awaitTasks(cycle.id(), "Task_EvaluateBranch", MEMBERS);

    List<String> failures = concurrently(clients, members, member -> cycle.submit(member,
        cycle.taskOf(member, "Task_EvaluateBranch"), Map.of("partyGrade", "good", "businessGrade", "fairlyGood")));

    assertThat(failures).as("answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_ScoreBranch", 1);
    awaitNoJobs(cycle.id());
    assertEachOnce(cycle.id(), "Task_EvaluateBranch", "lt_evaluation_ballot", MEMBERS);
    assertThat(jdbc.queryForObject("select count(*) from lt_evaluation_ballot where cycle_id = ? and party_grade = 'good'"
        + " and business_grade = 'fairlyGood'", Integer.class, cycle.id())).as("anonymous ballots in the ledger").isEqualTo(MEMBERS);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.id())
        .activityId("Task_CollectEvaluations").count()).as("evaluations collected once").isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cycle.id()).taskDefinitionKey("Task_ScoreBranch")
        .count()).as("one scoring for the branch").isEqualTo(1);
  }

  private LargeAgency agency(int branches, int membersPerBranch) {
    return new LargeAgency("load" + UUID.randomUUID().toString().substring(0, 8), branches, membersPerBranch)
        .importWith(new Rest(port), engine.getIdentityService());
  }

  /** Everyone of the agency's branches (secretaries are members too). */
  private static List<String> members(LargeAgency agency) {
    return agency.users().stream().filter(u -> !u.equals(agency.committee()) && !u.equals(agency.partyGroup())).toList();
  }

  /** A new cycle in which every branch has signed for its items and planned its implementation, {@code clients} at once. */
  private RestCycle planned(LargeAgency agency, int clients) throws InterruptedException {
    RestCycle cycle = new RestCycle(new Rest(port), agency).start().toSignFor();
    List<String> secretaries = IntStream.range(0, agency.branches()).mapToObj(agency::secretary).toList();
    assertThat(concurrently(clients, secretaries, secretary -> cycle.submit(secretary, cycle.taskOf(secretary, "Task_SignFor"),
        Map.of("signForDecision", "signed")))).as("sign-for: answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_PlanImplementation", agency.branches());
    assertThat(concurrently(clients, secretaries, secretary -> cycle.submit(secretary,
        cycle.taskOf(secretary, "Task_PlanImplementation"), Map.of("partyTopics", "把业务难点作为主题党日议题",
            "meetings", CycleDriver.meetings(), "implementationPlan", "每月推进，季度报告", "pioneerPosts", "在重点岗位设立党员先锋岗"))))
        .as("plans: answers other than 2xx").isEmpty();
    awaitTasks(cycle.id(), "Task_Pledge", members(agency).size());
    return cycle;
  }

  private List<String> pledge(RestCycle cycle, List<String> members, int clients) throws InterruptedException {
    return concurrently(clients, members, member -> cycle.submit(member, cycle.taskOf(member, "Task_Pledge"),
        Map.of("pledge", "带头完成本岗位重点工作", "pioneerPost", false)));
  }

  /** The round's timer fires now (as it would at its date) and every secretary reports, at once. */
  private List<String> reportProgress(RestCycle cycle, LargeAgency agency, int clients) throws InterruptedException {
    awaitEnded(cycle.id(), "SubProcess_Implement#multiInstanceBody");
    var management = engine.getManagementService();
    Date now = new Date();
    management.createJobQuery().processInstanceId(cycle.id()).activityId("TimerEvent_InspectionDue").list()
        .forEach(job -> management.setJobDuedate(job.getId(), now));
    awaitTasks(cycle.id(), "Task_ReportProgress", agency.branches());
    cycle.reportOwnItems(List.of(agency.partyGroup(), agency.committee())); // the party group's and committee's items
    List<String> secretaries = IntStream.range(0, agency.branches()).mapToObj(agency::secretary).toList();
    return concurrently(clients, secretaries, secretary -> cycle.submit(secretary, cycle.taskOf(secretary, "Task_ReportProgress"),
        Map.of("partyProgress", "按期召开三会一课", "businessProgress", "业务工作按进度推进")));
  }

  /** Every branch inspected: the committee closes the round with its 督查通报. */
  private void publishBulletin(RestCycle cycle, LargeAgency agency) throws InterruptedException {
    awaitTasks(cycle.id(), "Task_PublishBulletin", 1);
    cycle.complete(agency.committee(), "Task_PublishBulletin", Map.of("bulletinSummary", "本轮督查各支部同步推进，情况良好"));
  }

  private List<String> openTasks(RestCycle cycle, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(cycle.id()).taskDefinitionKey(activityId).list()
        .stream().map(Task::getId).toList();
  }

  /** No incident, and each completion at the activity once in the engine's history and once in the ledger table. */
  private void assertEachOnce(String cycleId, String activityId, String ledgerTable, int completions) {
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(cycleId).count()).as("incidents").isZero();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(cycleId)
        .taskDefinitionKey(activityId).finished().count()).as(activityId + " completed, each once").isEqualTo(completions);
    assertThat(jdbc.queryForObject("select count(*) from " + ledgerTable + " where cycle_id = ?", Integer.class, cycleId))
        .as("rows in " + ledgerTable).isEqualTo(completions);
  }

  /** The stage's multi-instance body ended once, and the next stage has exactly its tasks, not twice as many. */
  private void assertMovedOnOnce(String cycleId, String stage, String nextActivityId, int nextTasks) {
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycleId)
        .activityId(stage + "#multiInstanceBody").finished().count()).as(stage + " ended, once").isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cycleId).taskDefinitionKey(nextActivityId).count())
        .as("tasks of the next stage").isEqualTo(nextTasks);
  }

  /** The action for each user (or task) on one of the clients, all at once; the answers other than 2xx. */
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

  private void awaitEnded(String cycleId, String activityId) throws InterruptedException {
    await(activityId + " ended", () -> engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(cycleId).activityId(activityId).finished().count() > 0);
  }

  /** The job executor has nothing left to do for the cycle now (timers due later may wait). */
  private void awaitNoJobs(String cycleId) throws InterruptedException {
    await("the job executor is done", () ->
        engine.getManagementService().createJobQuery().processInstanceId(cycleId).executable().count() == 0);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + TIMEOUT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
