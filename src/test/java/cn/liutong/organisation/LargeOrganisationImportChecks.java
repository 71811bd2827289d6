package cn.liutong.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.support.LargeAgency;
import cn.liutong.support.Rest;

/**
 * A 20,000-row organisation file (on PostgreSQL in {@link OrganisationImportPostgresIT}, on H2 in
 * {@link OrganisationImportH2IT}): what the identity tables hold afterwards, counted against
 * numbers worked out from the generator's parameters and the README's rules, a re-import that changes
 * nothing, people of the file at work once an administrator has set their password, and two imports at
 * once. The times are printed (README, "Importing an organisation"); only correctness is asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "logging.level.cn.liutong.organisation=debug")
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
abstract class LargeOrganisationImportChecks {

  static final String PATH = "/api/admin/organisation";
  static final int BRANCHES = 200;
  static final int MEMBERS = 99;

  /**
   * Authorizations per group (README and what each kind of group may do): its grants beyond tasks, READ on
   * the Tasklist filters it sees, and the engine's two defaults for a group in a tenant (READ on the group,
   * READ on the tenant).
   */
  static final int COMMITTEE_GRANTS = 8 + 5 + 2; // incl. starting integrated-cycle and cycle-adjustment
  static final int PARTY_GROUP_GRANTS = 4 + 3 + 2;
  static final int BRANCH_GRANTS = 2 + 2 + 1 + 2; // incl. starting vanguard-post: its definition, process instances
  static final int SECRETARIES_GRANTS = 2 + 3 + 2;

  /** The database, as the figures name it. */
  abstract String database();

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  ProcessEngine engine;

  @Test
  void aTwentyThousandRowFileImportsInSecondsAndItsPeopleCanWork() {
    LargeAgency agency = new LargeAgency("bulk", BRANCHES, MEMBERS);
    byte[] csv = agency.csv();
    int people = 2 + BRANCHES * (1 + MEMBERS);   // one row per person
    int groups = 2 + 2 * BRANCHES;               // committee, party group, each branch and its secretaries
    int memberships = 2 + BRANCHES * (2 + MEMBERS); // a secretary is in the branch and in its secretaries
    Rest rest = new Rest(port);

    long start = System.nanoTime();
    Rest.Response first = rest.post(PATH, "text/csv", csv, "admin", "admin");
    long firstMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode summary = first.json();
    assertThat(summary.path("agenciesCreated").asInt()).isEqualTo(1);
    assertThat(summary.path("usersCreated").asInt()).isEqualTo(people);
    assertThat(summary.path("groupsCreated").asInt()).isEqualTo(groups);
    assertThat(summary.path("membershipsAdded").asInt()).isEqualTo(memberships);
    assertThat(summary.path("updated").asInt() + summary.path("membershipsRemoved").asInt()
        + summary.path("branchesDetached").asInt() + summary.path("branchesReattached").asInt()).isZero();
    assertThat(count("select count(*) from ACT_ID_TENANT where ID_ = 'bulk' and NAME_ = '压测局bulk' and REV_ = 1")).isEqualTo(1);
    assertThat(count("select count(*) from ACT_ID_USER where (ID_ like 'bulk%') and REV_ = 1 and PWD_ is not null "
        + "and SALT_ is not null")).isEqualTo(people);
    assertThat(count("select count(*) from ACT_ID_TENANT_MEMBER t join ACT_ID_GROUP g on g.ID_ = t.GROUP_ID_ "
        + "where t.TENANT_ID_ = 'bulk' and g.REV_ = 1")).isEqualTo(groups);
    assertThat(count("select count(*) from ACT_ID_GROUP where TYPE_ = 'branch' and ID_ like 'bulkB%'")).isEqualTo(BRANCHES);
    assertThat(count("select count(*) from ACT_ID_MEMBERSHIP where USER_ID_ like 'bulk%'")).isEqualTo(memberships);
    assertThat(count("select count(*) from ACT_ID_MEMBERSHIP where GROUP_ID_ = 'bulkB7'")).isEqualTo(1 + MEMBERS);
    assertThat(count("select count(*) from ACT_RU_AUTHORIZATION a join ACT_ID_TENANT_MEMBER t on t.GROUP_ID_ = a.GROUP_ID_ "
        + "where t.TENANT_ID_ = 'bulk' and a.REV_ = 1 and a.TYPE_ = 1"))
        .isEqualTo(COMMITTEE_GRANTS + PARTY_GROUP_GRANTS + BRANCHES * (BRANCH_GRANTS + SECRETARIES_GRANTS));
    assertThat(count("select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = 1 and USER_ID_ like 'bulk%' "
        + "and RESOURCE_ID_ = USER_ID_ and PERMS_ = " + Integer.MAX_VALUE))
        .as("the engine's default: each user may do all on their own user").isEqualTo(people);
    assertThat(count("select count(*) from lt_branch where agency_id = 'bulk' and kind = 'branch'")).isEqualTo(BRANCHES);

    String before = fingerprint();
    start = System.nanoTime();
    Rest.Response again = rest.post(PATH, "text/csv", csv, "admin", "admin");
    long againMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().properties()).allSatisfy(f -> assertThat(f.getValue().asInt()).as(f.getKey()).isZero());
    assertThat(fingerprint()).as("a re-import writes nothing").isEqualTo(before);
    System.out.printf("%nIMPORT (%s): %,d rows (%,d bytes): first import %,d ms, re-import %,d ms%n",
        database(), people, csv.length, firstMillis, againMillis);

    // an administrator sets passwords in Camunda Admin; then the people of the file log in and work
    for (String userId : List.of(agency.secretary(7), agency.member(7, 3), agency.secretary(8), agency.committee())) {
      User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
      user.setPassword(userId);
      engine.getIdentityService().saveUser(user);
    }
    assertThat(TaskFiltersTest.filterNames(rest, agency.secretary(7))).containsExactlyInAnyOrder("我的待办", "本支部待办", "已逾期");
    assertThat(TaskFiltersTest.filterNames(rest, agency.member(7, 3))).containsExactly("我的待办");
    assertThat(TaskFiltersTest.filterNames(rest, agency.committee())).containsExactlyInAnyOrder("我的待办", "待我审批", "已逾期", "本机关已逾期", "本机关全部待办");
    Task task = engine.getTaskService().newTask();
    task.setName("支部任务");
    task.setTenantId("bulk");
    engine.getTaskService().saveTask(task);
    engine.getTaskService().addCandidateGroup(task.getId(), agency.branch(7) + "Secretaries");
    assertThat(TaskFiltersTest.listed(rest, agency.secretary(7), "本支部待办")).contains(task.getId());
    assertThat(TaskFiltersTest.listed(rest, agency.secretary(7), "我的待办")).contains(task.getId());
    assertThat(TaskFiltersTest.listed(rest, agency.secretary(8), "本支部待办")).doesNotContain(task.getId());
    assertThat(TaskFiltersTest.listed(rest, agency.member(7, 3), "我的待办")).doesNotContain(task.getId());
    assertThat(TaskFiltersTest.listed(rest, agency.committee(), "本机关全部待办")).contains(task.getId());
    assertThat(rest.get("/engine-rest/task/" + task.getId(), "chenjing").status()).as("another agency").isEqualTo(404);
    assertThat(rest.get("/engine-rest/task/" + task.getId(), agency.secretary(7)).status()).isEqualTo(200);
  }

  @Test
  void twoImportsAtOnceNeverInterleave() throws Exception {
    LargeAgency agency = new LargeAgency("pair", 20, 99);
    byte[] csv = agency.csv();
    Rest rest = new Rest(port);

    var first = CompletableFuture.supplyAsync(() -> rest.post(PATH, "text/csv", csv, "admin", "admin"));
    var second = CompletableFuture.supplyAsync(() -> rest.post(PATH, "text/csv", csv, "admin", "admin"));
    List<Rest.Response> answers = List.of(first.get(120, TimeUnit.SECONDS), second.get(120, TimeUnit.SECONDS));

    System.out.printf("%nIMPORT (%s): two imports at once answered %s%n", database(),
        answers.stream().map(Rest.Response::status).toList());
    assertThat(answers).extracting(Rest.Response::status).as(answers.toString()).contains(200)
        .allMatch(status -> status == 200 || status == 409);
    answers.stream().filter(a -> a.status() == 409).forEach(a ->
        assertThat(a.json().path("message").asText()).isEqualTo("另一个组织导入正在进行，请稍后再试"));
    assertThat(count("select count(*) from ACT_ID_USER where ID_ like 'pair%'")).isEqualTo(2 + 20 * 100);
    assertThat(count("select count(*) from ACT_ID_MEMBERSHIP where USER_ID_ like 'pair%'")).isEqualTo(2 + 20 * 101);
    assertThat(count("select count(*) from ACT_ID_TENANT_MEMBER where TENANT_ID_ = 'pair'")).isEqualTo(2 + 2 * 20);
    assertThat(count("select count(*) from ACT_RU_AUTHORIZATION a join ACT_ID_TENANT_MEMBER t on t.GROUP_ID_ = a.GROUP_ID_ "
        + "where t.TENANT_ID_ = 'pair'")).isEqualTo(COMMITTEE_GRANTS + PARTY_GROUP_GRANTS + 20 * (BRANCH_GRANTS + SECRETARIES_GRANTS));
  }

  // --- fixtures

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  /** Row counts and revision sums of every table an import writes, and the operation log. */
  private String fingerprint() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String sql : List.of("select count(*), sum(REV_) from ACT_ID_USER", "select count(*), sum(REV_) from ACT_ID_GROUP",
        "select count(*) from ACT_ID_MEMBERSHIP", "select count(*), sum(REV_) from ACT_ID_TENANT",
        "select count(*) from ACT_ID_TENANT_MEMBER", "select count(*), sum(REV_) from ACT_RU_AUTHORIZATION",
        "select count(*), sum(REV_) from ACT_RU_FILTER", "select count(*) from lt_branch", "select count(*) from ACT_HI_OP_LOG")) {
      rows.addAll(jdbc.queryForList(sql));
    }
    return rows.toString();
  }
}
