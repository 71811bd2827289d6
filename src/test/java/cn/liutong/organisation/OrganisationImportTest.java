package cn.liutong.organisation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.support.Rest;

/**
 * The organisation upload as administrators use it. The context is shared with the process tests, which
 * need the demo agencies as they are: every test here imports its own agency, with ids of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OrganisationImportTest {

  static final String PATH = "/api/admin/organisation";
  static final String HEADER = "agency_id,agency_name,unit_type,unit_id,unit_name,user_id,user_name,role";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  OrganisationDirectory directory;

  @Autowired
  JdbcTemplate jdbc;

  /** A small valid agency: committee, party group, and one branch of each kind (lines 2 to 8). */
  static List<String> agency(String a) {
    return new ArrayList<>(List.of(HEADER,
        a + ",测试局,committee,,测试局机关党委," + a + "Com,程委员,member",
        a + ",测试局,partyGroup,,测试局党组," + a + "Lead,党组书记,member",
        a + ",测试局,branch," + a + "One,第一党支部," + a + "SecOne,书记甲,secretary",
        a + ",测试局,branch," + a + "One,第一党支部," + a + "MemOne,党员甲,member",
        a + ",测试局,jointBranch," + a + "Two,\"综合处、后勤处联合党支部\"," + a + "SecTwo,书记乙,secretary",
        a + ",测试局,temporaryBranch," + a + "Proj,重点项目临时党组织," + a + "SecProj,书记丙,secretary",
        a + ",测试局,temporaryBranch," + a + "Proj,重点项目临时党组织," + a + "MemOne,党员甲,member"));
  }

  @Test
  void aValidFileCreatesTheWholeOrganisation() {
    String a = uniqueAgency();

    JsonNode summary = importAsAdmin(agency(a)).json();

    assertThat(summary.path("agenciesCreated").asInt()).isEqualTo(1);
    assertThat(summary.path("usersCreated").asInt()).isEqualTo(6);
    assertThat(summary.path("groupsCreated").asInt()).isEqualTo(8);
    assertThat(summary.path("membershipsAdded").asInt()).isEqualTo(10);
    IdentityService identity = engine.getIdentityService();
    assertThat(identity.createTenantQuery().tenantId(a).singleResult().getName()).isEqualTo("测试局");
    assertThat(identity.createGroupQuery().memberOfTenant(a).list()).extracting(Group::getId, Group::getType)
        .containsExactlyInAnyOrder(
            tuple(a + "Committee", GroupIds.TYPE_COMMITTEE),
            tuple(a + "PartyGroup", GroupIds.TYPE_PARTY_GROUP),
            tuple(a + "One", GroupIds.TYPE_BRANCH),
            tuple(a + "OneSecretaries", GroupIds.TYPE_BRANCH_SECRETARIES),
            tuple(a + "Two", GroupIds.TYPE_BRANCH),
            tuple(a + "TwoSecretaries", GroupIds.TYPE_BRANCH_SECRETARIES),
            tuple(a + "Proj", GroupIds.TYPE_BRANCH),
            tuple(a + "ProjSecretaries", GroupIds.TYPE_BRANCH_SECRETARIES));
    assertThat(groupsOf(a + "SecOne")).containsExactlyInAnyOrder(a + "One", a + "OneSecretaries");
    assertThat(groupsOf(a + "MemOne")).containsExactlyInAnyOrder(a + "One", a + "Proj");
    assertThat(identity.createUserQuery().userId(a + "SecTwo").singleResult().getFirstName()).isEqualTo("书记乙");
    assertThat(tenantsOf(a + "Com")).containsExactly(a);
    assertThat(directory.branches(a)).extracting(OrganisationDirectory.BranchRef::name)
        .containsExactly("第一党支部", "重点项目临时党组织", "综合处、后勤处联合党支部");
    assertThat(kind(a + "Two")).isEqualTo("jointBranch");
    assertThat(kind(a + "Proj")).isEqualTo("temporaryBranch");
    assertThat(new Rest(port).get("/engine-rest/task", a + "SecOne", a + "SecOne").status())
        .as("an uploaded user has no usable password until an administrator sets one").isEqualTo(401);
  }

  @Test
  void aCityCommitteeIsAGroupAboveTheAgenciesInNoTenantWithCockpitOnly() {
    String c = uniqueAgency();
    String first = c + ",市直机关工委,cityCommittee,,市直机关工委," + c + "Sun,孙委员,member";
    String second = c + ",市直机关工委,cityCommittee,,市直机关工委," + c + "Qian,钱委员,member";

    JsonNode summary = importAsAdmin(List.of(HEADER, first, second)).json();

    assertThat(summary.path("agenciesCreated").asInt()).isZero();
    assertThat(summary.path("groupsCreated").asInt()).isEqualTo(1);
    assertThat(summary.path("usersCreated").asInt()).isEqualTo(2);
    IdentityService identity = engine.getIdentityService();
    Group group = identity.createGroupQuery().groupId(GroupIds.cityCommittee(c)).singleResult();
    assertThat(group.getType()).isEqualTo(GroupIds.TYPE_CITY_COMMITTEE);
    assertThat(group.getName()).isEqualTo("市直机关工委");
    assertThat(identity.createTenantQuery().tenantId(c).count()).as("no tenant").isZero();
    assertThat(identity.createTenantQuery().groupMember(group.getId()).count()).as("in no agency").isZero();
    assertThat(tenantsOf(c + "Sun")).isEmpty();
    assertThat(groupsOf(c + "Sun")).containsExactly(group.getId());
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(group.getId()).list())
        .as("Cockpit, and the engine's default read of its own group; nothing on processes, tasks or history")
        .extracting(a -> a.getResourceType() + ":" + a.getResourceId())
        .containsExactlyInAnyOrder(Resources.APPLICATION.resourceType() + ":cockpit",
            Resources.GROUP.resourceType() + ":" + group.getId());

    List<String> before = identityTables();
    assertThat(importAsAdmin(List.of(HEADER, first, second)).json().properties())
        .allSatisfy(field -> assertThat(field.getValue().asInt()).as(field.getKey()).isZero());
    assertThat(identityTables()).isEqualTo(before);

    JsonNode left = importAsAdmin(List.of(HEADER, second)).json();
    assertThat(left.path("membershipsRemoved").asInt()).isEqualTo(1);
    assertThat(groupsOf(c + "Sun")).isEmpty();
  }

  @Test
  void reimportingTheSameFileWritesNothing() {
    String a = uniqueAgency();
    importAsAdmin(agency(a));
    List<String> before = identityTables();

    JsonNode summary = importAsAdmin(agency(a)).json();

    assertThat(summary.properties()).allSatisfy(field -> assertThat(field.getValue().asInt()).as(field.getKey()).isZero());
    assertThat(identityTables()).isEqualTo(before);
  }

  @Test
  void aChangedFileAppliesTheDifferenceAndKeepsHistory() {
    String a = uniqueAgency();
    List<String> file = agency(a);
    file.add(a + ",测试局,branch," + a + "Gone,撤销党支部," + a + "SecGone,书记丁,secretary");
    file.add(a + ",测试局,branch," + a + "Gone,撤销党支部," + a + "Leaver,离开者,member");
    importAsAdmin(file);
    String taskId = completedTaskOf(a + "MemOne", a);

    List<String> changed = agency(a);
    changed.set(4, changed.get(4).replace(a + "One,第一党支部", a + "Two,\"综合处、后勤处联合党支部\"")
        .replace(",branch,", ",jointBranch,"));                       // MemOne moves from One to Two
    changed.set(3, changed.get(3).replace(",branch,", ",jointBranch,").replace("第一党支部", "第一联合党支部"));
    JsonNode summary = importAsAdmin(changed).json();

    assertThat(summary.path("membershipsAdded").asInt()).isEqualTo(1);
    assertThat(summary.path("membershipsRemoved").asInt()).as("MemOne from One; SecGone twice, Leaver").isEqualTo(4);
    assertThat(summary.path("branchesDetached").asInt()).isEqualTo(1);
    assertThat(summary.path("updated").asInt()).as("One: kind, name, committee name").isEqualTo(3);
    assertThat(summary.path("usersCreated").asInt()).isZero();
    assertThat(groupsOf(a + "MemOne")).containsExactlyInAnyOrder(a + "Two", a + "Proj");
    assertThat(groupsOf(a + "Leaver")).isEmpty();
    assertThat(engine.getIdentityService().createUserQuery().userIdIn(a + "MemOne", a + "Leaver").count())
        .as("people are never deleted").isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
        .getAssignee()).isEqualTo(a + "MemOne");
    assertThat(directory.branches(a)).extracting(OrganisationDirectory.BranchRef::code)
        .as("new cycles no longer include the detached branch").doesNotContain(a + "Gone").hasSize(3);
    assertThat(engine.getIdentityService().createGroupQuery().groupId(a + "Gone").count())
        .as("kept for history").isEqualTo(1);
    assertThat(kind(a + "One")).isEqualTo("jointBranch");

    assertThat(importAsAdmin(file).json().path("branchesReattached").asInt()).isEqualTo(1);
    assertThat(directory.branches(a)).hasSize(4);
  }

  record BadFile(String kind, byte[] csv, int line, String reason) {
    @Override
    public String toString() {
      return kind;
    }
  }

  static Stream<BadFile> badFiles() {
    String a = "testbad";
    String row = a + ",测试局,branch," + a + "One,第一党支部," + a + "MemTwo,党员乙,member";
    return Stream.of(
        bad("header lacks a column", replace(1, HEADER.replace(",role", "")), 1, "表头缺少列：role"),
        bad("header has an unknown column", replace(1, HEADER + ",remark"), 1, "表头有多余的列：remark"),
        bad("row has a column too many", add(row + ",多余"), 9, "应有8列，实际为9列"),
        bad("required field empty", add(row.replace("党员乙", "")), 9, "“姓名”不能为空"),
        bad("id with a dash", add(row.replace(a + "MemTwo", "li-wei")), 9, "用户ID“li-wei”只能包含字母和数字"),
        bad("id too long", add(row.replace(a + "MemTwo", "u".repeat(65))), 9, "过长：最多64个字符"),
        bad("name with a tab", add(row.replace("党员乙", "\"党员\t乙\"")), 9, "含有控制字符"),
        bad("name too long", add(row.replace("党员乙", "名".repeat(65))), 9, "姓名过长：最多64个字"),
        bad("unknown unit type", add(row.replace(",branch,", ",group,")), 9, "未知的单位类型“group”"),
        bad("unknown role", add(row.replace(",member", ",leader")), 9, "未知的角色“leader”"),
        bad("committee with a unit id", add(a + ",测试局,committee,x,测试局机关党委," + a + "Com2,委员二,member"), 9,
            "机关党委、党组和市直机关工委不填“单位ID”"),
        bad("committee secretary", add(a + ",测试局,committee,,测试局机关党委," + a + "Com2,委员二,secretary"), 9,
            "机关党委和市直机关工委只能填 member"),
        bad("city committee with an agency's units", add(a + ",测试局,cityCommittee,,市直机关工委," + a + "City,工委甲,member"),
            9, "机关ID“testbad”已用于市直机关工委（cityCommittee）"),
        bad("city committee member in an agency", add("testbadcity,市直机关工委,cityCommittee,,市直机关工委," + a
            + "MemOne,党员甲,member"), 9, "用户“testbadMemOne”在第5行属于机关“testbad”，此处为“testbadcity”"),
        bad("agency with two names", add(row.replace("测试局", "测试厅")), 9,
            "机关“testbad”在第2行名为“测试局”，此处为“测试厅”"),
        bad("unit with two names", add(row.replace("第一党支部", "第二党支部")), 9,
            "单位“testbadOne”在第4行名为“第一党支部”，此处为“第二党支部”"),
        bad("unit with two types", add(row.replace(",branch,", ",jointBranch,")), 9,
            "单位“testbadOne”在第4行的类型为branch，此处为jointBranch"),
        bad("branch in two agencies", add(row.replace("testbad,测试局", "testbadb,测试二局")), 9,
            "党支部“testbadOne”在第4行属于机关“testbad”，此处为“testbadb”"),
        bad("user in two agencies", add("testbadb,测试二局,committee,,测试二局机关党委," + a + "Com,程委员,member"), 9,
            "用户“testbadCom”在第2行属于机关“testbad”，此处为“testbadb”"),
        bad("user with two names", add(a + ",测试局,committee,,测试局机关党委," + a + "MemOne,党员丙,member"), 9,
            "用户“testbadMemOne”在第5行名为“党员甲”，此处为“党员丙”"),
        bad("duplicate row", add(a + ",测试局,branch," + a + "One,第一党支部," + a + "MemOne,党员甲,member"), 9,
            "与第5行重复"),
        bad("member of two branches", add(a + ",测试局,jointBranch," + a + "Two,\"综合处、后勤处联合党支部\"," + a
            + "MemOne,党员甲,member"), 9, "已属于党支部“testbadOne”"),
        bad("no committee", remove(2), 2, "没有机关党委成员"),
        bad("no party group", remove(3), 2, "没有党组成员"),
        bad("no branch", remove(4, 5, 6, 7, 8), 2, "没有党支部"),
        bad("branch without secretary", add(row.replace(a + "One", a + "Three").replace("第一", "第三")), 9,
            "党支部“testbadThree”没有书记"),
        bad("branch id clashes with a group id", add(row.replace(a + "One", a + "Committee").replace("member", "secretary")),
            9, "生成的组ID“testbadCommittee”与第2行的单位重复"),
        bad("user of another agency", add(row.replace(a + "MemTwo,党员乙", "liwei,李伟")), 9,
            "用户“liwei”已属于机关“finance”（不在本文件中）"),
        bad("member of the city committee", add(row.replace(a + "MemTwo,党员乙", "sunhui,孙慧")), 9,
            "用户“sunhui”已属于机关“shizhi”（不在本文件中）"),
        bad("branch of another agency", add(row.replace(a + "One", "financeBudget").replace("member", "secretary")), 9,
            "组ID“financeBudget”已属于机关“finance”"),
        bad("unclosed quote", add(row.replace(",第一党支部,", ",\"第一党支部,")), 9, "引号未闭合"),
        bad("text after a closing quote", add(row.replace(",第一党支部,", ",\"第一\"党支部,")), 9, "引号后只能是逗号或换行"),
        new BadFile("not UTF-8", String.join("\n", agency(a)).getBytes(Charset.forName("GBK")), 2, "文件不是UTF-8编码"),
        new BadFile("empty file", new byte[0], 1, "文件为空"),
        new BadFile("header only", HEADER.getBytes(UTF_8), 1, "文件只有表头"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadFileIsRefusedWithLineAndReasonAndNothingIsWritten(BadFile file) {
    List<String> before = identityTables();

    Rest.Response response = new Rest(port).post(PATH, "text/csv", file.csv(), "admin", "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("未导入任何内容");
    assertThat(response.json().path("errors")).anySatisfy(error -> {
      assertThat(error.path("line").asInt()).isEqualTo(file.line());
      assertThat(error.path("reason").asText()).contains(file.reason());
    });
    assertThat(identityTables()).isEqualTo(before);
  }

  @Test
  void onlyAdministratorsMayImport() {
    byte[] csv = String.join("\n", agency(uniqueAgency())).getBytes(UTF_8);
    Rest rest = new Rest(port);

    Rest.Response committee = rest.post(PATH, "text/csv", csv, "wangqiang", "wangqiang");
    assertThat(committee.status()).isEqualTo(403);
    assertThat(committee.json().path("message").asText()).isEqualTo("只有系统管理员可以导入组织");
    assertThat(rest.post(PATH, "text/csv", csv, null, null).status()).isEqualTo(401);
  }

  @Test
  void theDemoOrganisationHasTwoAgenciesKeptApart() {
    assertThat(engine.getIdentityService().createTenantQuery().tenantIdIn("finance", "tax").list())
        .extracting(Tenant::getName).containsExactlyInAnyOrder("市财政局", "市税务局");
    assertThat(directory.branches("finance")).extracting(OrganisationDirectory.BranchRef::code)
        .containsExactly("financeAudit", "financeBudget", "financeTreasury");
    assertThat(directory.branches("tax")).extracting(OrganisationDirectory.BranchRef::code)
        .containsExactly("taxCollection", "taxInspectionOne", "taxInspectionTwo", "taxPersonnel", "taxPolicy", "taxProject",
            "taxRetired", "taxRisk", "taxService");
    assertThat(kind("taxService")).isEqualTo("jointBranch");
    assertThat(kind("taxProject")).isEqualTo("temporaryBranch");
    assertThat(directory.memberIds("taxService")).containsExactly("songtao", "tangjun", "xuli");
    assertThat(tenantsOf("qianfeng")).containsExactly("tax");
    assertThat(tenantsOf("chenjing")).containsExactly("finance");
    assertThat(new Rest(port).get("/engine-rest/task", "qianfeng").status()).isEqualTo(200);
    // the city committee above both, in neither
    assertThat(groupsOf("sunhui")).containsExactly("shizhiWorkCommittee");
    assertThat(tenantsOf("sunhui")).isEmpty();
  }

  // --- fixtures

  private static String uniqueAgency() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private Rest.Response importAsAdmin(List<String> lines) {
    Rest.Response response = new Rest(port).post(PATH, "text/csv", String.join("\n", lines).getBytes(UTF_8),
        "admin", "admin");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response;
  }

  /** Every row the identity service and the branch registry hold, with its revision. */
  private List<String> identityTables() {
    return Stream.of("select ID_, REV_, FIRST_, PWD_ from ACT_ID_USER", "select ID_, REV_, NAME_, TYPE_ from ACT_ID_GROUP",
        "select USER_ID_, GROUP_ID_ from ACT_ID_MEMBERSHIP", "select ID_, REV_, NAME_ from ACT_ID_TENANT",
        "select TENANT_ID_, USER_ID_, GROUP_ID_ from ACT_ID_TENANT_MEMBER",
        "select ID_, REV_, GROUP_ID_, RESOURCE_ID_, PERMS_ from ACT_RU_AUTHORIZATION", "select ID_, REV_ from ACT_RU_FILTER",
        "select * from lt_branch", "select count(*) from ACT_HI_OP_LOG")
        .flatMap(sql -> jdbc.queryForList(sql).stream().map(Object::toString).sorted()).toList();
  }

  private List<String> groupsOf(String userId) {
    return engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  private List<String> tenantsOf(String userId) {
    return engine.getIdentityService().createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
  }

  private String kind(String branchId) {
    return jdbc.queryForObject("select kind from lt_branch where id = ?", String.class, branchId);
  }

  /** A task the user completed in the agency, as their history. */
  private String completedTaskOf(String userId, String agencyId) {
    var task = engine.getTaskService().newTask();
    task.setName("主题党日");
    task.setAssignee(userId);
    task.setTenantId(agencyId);
    engine.getTaskService().saveTask(task);
    engine.getTaskService().complete(task.getId());
    return task.getId();
  }

  private static BadFile bad(String kind, List<String> lines, int line, String reason) {
    return new BadFile(kind, String.join("\n", lines).getBytes(UTF_8), line, reason);
  }

  private static List<String> replace(int line, String text) {
    List<String> lines = agency("testbad");
    lines.set(line - 1, text);
    return lines;
  }

  private static List<String> add(String text) {
    List<String> lines = agency("testbad");
    lines.add(text);
    return lines;
  }

  private static List<String> remove(int... lineNumbers) {
    List<String> lines = agency("testbad");
    Arrays.stream(lineNumbers).boxed().sorted((x, y) -> y - x).forEach(line -> lines.remove(line - 1));
    return lines;
  }
}
