package cn.liutong.organisation;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/** Each role finds its saved Tasklist filters, in Chinese, and they list the right work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TaskFiltersTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Test
  void eachRoleSeesTheFiltersItNeeds() {
    Rest rest = new Rest(port);
    assertThat(filterNames(rest, agency.committee())).containsExactlyInAnyOrder("我的待办", "待我审批", "已逾期", "本机关已逾期", "本机关全部待办");
    assertThat(filterNames(rest, agency.partyGroup())).containsExactlyInAnyOrder("我的待办", "待我审批", "已逾期");
    assertThat(filterNames(rest, agency.secretary(BUDGET))).containsExactlyInAnyOrder("我的待办", "本支部待办", "已逾期");
    assertThat(filterNames(rest, agency.member(BUDGET, 0))).containsExactly("我的待办");
  }

  @Test
  void approvalsAndBranchWorkAreListedWhereTheyBelong() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().draftGoals();
    String approval = cycle.task("Task_ApproveGoals").getId();
    Rest rest = new Rest(port);
    assertThat(listed(rest, agency.partyGroup(), "待我审批")).contains(approval);
    assertThat(listed(rest, agency.committee(), "本机关全部待办")).contains(approval);

    cycle.approveGoals().decompose();
    String budgetSignFor = cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId();
    String treasurySignFor = cycle.branchTask("Task_SignFor", agency.branch(TREASURY)).getId();
    assertThat(listed(rest, agency.secretary(BUDGET), "本支部待办")).contains(budgetSignFor).doesNotContain(treasurySignFor);
  }

  @Test
  void myTasksListWhatICanActOnNowAssignedOrClaimable() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String budgetSignFor = cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId();
    String treasurySignFor = cycle.branchTask("Task_SignFor", agency.branch(TREASURY)).getId();
    Rest rest = new Rest(port);
    assertThat(listed(rest, agency.secretary(BUDGET), "我的待办")).as("claimable by her branch")
        .contains(budgetSignFor).doesNotContain(treasurySignFor);

    engine.getTaskService().claim(budgetSignFor, agency.secretary(BUDGET));
    assertThat(listed(rest, agency.secretary(BUDGET), "我的待办")).as("assigned to her").contains(budgetSignFor);
    assertThat(listed(rest, agency.member(BUDGET, 0), "我的待办")).as("not a member's").doesNotContain(budgetSignFor);

    engine.getTaskService().claim(treasurySignFor, agency.secretary(TREASURY));
    engine.getIdentityService().createMembership(agency.secretary(BUDGET), agency.secretariesGroup(TREASURY));
    try {
      assertThat(listed(rest, agency.secretary(BUDGET), "我的待办")).as("claimed by a colleague: not hers to act on")
          .doesNotContain(treasurySignFor);
    } finally {
      engine.getIdentityService().deleteMembership(agency.secretary(BUDGET), agency.secretariesGroup(TREASURY));
    }
  }

  @Test
  void overdueListsTheCallersOwnWorkAndTheCommitteeSeesTheWholeAgencys() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    var tasks = engine.getTaskService();
    String budgetSignFor = cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId();
    String treasurySignFor = cycle.branchTask("Task_SignFor", agency.branch(TREASURY)).getId();
    Date yesterday = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
    for (String id : List.of(budgetSignFor, treasurySignFor)) {
      var task = tasks.createTaskQuery().taskId(id).singleResult();
      task.setDueDate(yesterday);
      tasks.saveTask(task);
    }
    Rest rest = new Rest(port);
    assertThat(listed(rest, agency.secretary(BUDGET), "已逾期")).as("her branch's, claimable")
        .contains(budgetSignFor).doesNotContain(treasurySignFor);
    assertThat(listed(rest, agency.committee(), "本机关已逾期")).as("the committee supervises every branch")
        .contains(budgetSignFor, treasurySignFor);
    assertThat(listed(rest, agency.committee(), "已逾期")).as("the committee's own overdue work only")
        .doesNotContain(budgetSignFor, treasurySignFor);

    // a task handed to her by name, no longer her group's: still hers, so still listed
    tasks.deleteCandidateGroup(treasurySignFor, agency.secretariesGroup(TREASURY));
    tasks.setAssignee(treasurySignFor, agency.secretary(BUDGET));
    assertThat(listed(rest, agency.secretary(BUDGET), "已逾期")).as("assigned to her").contains(budgetSignFor, treasurySignFor);
    assertThat(listed(rest, agency.secretary(TREASURY), "已逾期")).as("no longer the treasury's")
        .doesNotContain(treasurySignFor);

    // counts are checked per task for callers without a grant on every task (TaskCountChecks), joined for the
    // committee: either way a count is its list's length
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSessionFactories()
        .get(TaskManager.class)).isInstanceOf(TaskCountChecks.Factory.class);
    for (String user : List.of(agency.secretary(BUDGET), agency.secretary(TREASURY), agency.committee(), agency.partyGroup())) {
      for (String filter : filterNames(rest, user)) {
        assertThat(counted(rest, user, filter)).as(user + " " + filter).isEqualTo(listed(rest, user, filter).size());
      }
    }
    assertThat(counted(rest, agency.secretary(BUDGET), "已逾期")).isEqualTo(2);
    assertThat(counted(rest, agency.committee(), "本机关已逾期")).isGreaterThanOrEqualTo(2);
  }

  /**
   * Under revoke checks "never" the engine ignores a REVOKE that exists, in lists and counts alike; a count must
   * not switch to the per-task form then, which would honour it and count fewer tasks than the list shows.
   */
  @Test
  void aCountAgreesWithItsListWhenRevokesAreIgnored() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String budgetSignFor = cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId();
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var authorizations = engine.getAuthorizationService();
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(agency.secretary(BUDGET));
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(budgetSignFor);
    revoke.removePermission(Permissions.READ);
    String configured = configuration.getAuthorizationCheckRevokes();
    String revokeId = authorizations.saveAuthorization(revoke).getId();
    try {
      Rest rest = new Rest(port);
      assertThat(listed(rest, agency.secretary(BUDGET), "本支部待办")).as("auto: the REVOKE is honoured")
          .doesNotContain(budgetSignFor);
      configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
      List<String> listed = listed(rest, agency.secretary(BUDGET), "本支部待办");
      assertThat(listed).as("never: the REVOKE is ignored").contains(budgetSignFor);
      assertThat(counted(rest, agency.secretary(BUDGET), "本支部待办")).isEqualTo(listed.size());
    } finally {
      configuration.setAuthorizationCheckRevokes(configured);
      authorizations.deleteAuthorization(revokeId);
    }
  }

  @Test
  void onlyTheCycleAndItsAdjustmentCanBeStartedByTheCommittee() {
    Rest rest = new Rest(port);
    var startable = rest.get("/engine-rest/process-definition?startablePermissionCheck=true&startableInTasklist=true", agency.committee());
    List<String> keys = new ArrayList<>();
    startable.json().forEach(d -> keys.add(d.path("key").asText()));
    assertThat(keys).containsExactlyInAnyOrder("integrated-cycle", "cycle-adjustment");
    assertThat(rest.post("/engine-rest/process-definition/key/public-feedback/start", Map.of(), agency.committee()).status())
        .isEqualTo(403);
  }

  /** The names of the saved filters the user may read. */
  static List<String> filterNames(Rest rest, String user) {
    List<String> names = new ArrayList<>();
    rest.get("/engine-rest/filter", user).json().forEach(f -> names.add(f.path("name").asText()));
    return names;
  }

  /** How many tasks the filter counts for the user (Tasklist's badge). */
  static long counted(Rest rest, String user, String filterName) {
    return rest.get("/engine-rest/filter/" + filterId(rest, user, filterName) + "/count", user).json().path("count").asLong();
  }

  /** The ids of the tasks the filter lists for the user. */
  static List<String> listed(Rest rest, String user, String filterName) {
    List<String> ids = new ArrayList<>();
    rest.post("/engine-rest/filter/" + filterId(rest, user, filterName) + "/list?maxResults=500", "{}", user).json()
        .forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  /** The id of the user's saved filter of that name; the user must be able to read it. */
  private static String filterId(Rest rest, String user, String filterName) {
    String filterId = null;
    for (var filter : rest.get("/engine-rest/filter", user).json()) {
      if (filter.path("name").asText().equals(filterName)) {
        filterId = filter.path("id").asText();
      }
    }
    assertThat(filterId).as(user + " has " + filterName).isNotNull();
    return filterId;
  }
}
