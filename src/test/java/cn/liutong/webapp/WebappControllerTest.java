package cn.liutong.webapp;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.support.Rest.Response;
import cn.liutong.support.TestAgency;
import cn.liutong.support.WebappSession;

/**
 * What the webapps' script learns about the signed-in person (GET /ui/me, with the session of Camunda's
 * login), the time zone (GET /ui/settings) and the user guide (GET /guide/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class WebappControllerTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must neither see nor touch the class's agency. */
  @RegisterExtension
  static final TestAgency other = TestAgency.fresh();

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  private JsonNode me(String user) {
    WebappSession session = new WebappSession(port);
    assertThat(session.login(user, "tasklist").status()).as("login of " + user).isEqualTo(200);
    Response me = session.get("/ui/me");
    assertThat(me.status()).isEqualTo(200);
    return me.json();
  }

  @Test
  void aSecretaryIsNamedWithAgencyBranchAndRoleAndMayOnlyApplyForAPost() {
    JsonNode me = me(agency.secretary(BUDGET));

    assertThat(me.get("name").asText()).isEqualTo("陈静");
    assertThat(me.get("header").asText()).isEqualTo("市财政局 · 预算处党支部 · 支部书记");
    assertThat(me.get("mayStartProcess").asBoolean()).as("a branch member may apply for 党员先锋岗 (vanguard-post)").isTrue();
    assertThat(me.get("mayCreateTask").asBoolean()).isFalse();
    assertThat(me.get("agencies").get(agency.id()).asText()).isEqualTo("市财政局");
    assertThat(me.get("people").get(agency.member(TREASURY, 1)).asText()).as("a colleague by name").isEqualTo("吴昊");
    assertThat(me.get("people").has(other.committee())).as("nobody of another agency").isFalse();
    assertThat(me.get("agencies").has(other.id())).isFalse();
  }

  @Test
  void aMemberIsAMemberOfTheirBranch() {
    assertThat(me(agency.member(BUDGET, 0)).get("header").asText()).isEqualTo("市财政局 · 预算处党支部 · 党员");
  }

  @Test
  void theCommitteeMayStartTheCycle() {
    JsonNode me = me(agency.committee());

    assertThat(me.get("header").asText()).isEqualTo("市财政局机关党委 · 机关党委委员");
    assertThat(me.get("mayStartProcess").asBoolean()).isTrue();
  }

  @Test
  void thePartyGroupAndASecretaryOfATemporaryOrganisation() {
    assertThat(me("heping").get("header").asText()).isEqualTo("市税务局党组 · 党组成员");
    assertThat(me("xiaoyan").get("header").asText()).isEqualTo("市税务局 · 金税工程推广项目临时党组织 · 支部书记");
  }

  @Test
  void theAdministratorSeesEveryAgencyByName() {
    JsonNode me = me("admin");

    assertThat(me.get("header").asText()).isEqualTo("系统管理员");
    assertThat(me.get("agencies").get("tax").asText()).isEqualTo("市税务局");
    assertThat(me.get("mayCreateTask").asBoolean()).isTrue();
  }

  @Test
  void nobodyWithoutALogin() {
    assertThat(new WebappSession(port).get("/ui/me").status()).isEqualTo(401);
  }

  @Test
  void theTimeZoneIsConfigured() {
    assertThat(new WebappSession(port).get("/ui/settings").json().get("timeZone").asText()).isEqualTo("Asia/Shanghai");
  }

  @Test
  void theUserGuideIsServedWithItsScreenshots() throws Exception {
    HttpResponse<String> guide = browse("/guide/");
    assertThat(guide.statusCode()).isEqualTo(200);
    assertThat(guide.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(guide.body()).contains("<h1>六同融合工作平台用户指南</h1>").contains("src=\"images/welcome.png\"");
    assertThat(browse("/guide/images/welcome.png").statusCode()).isEqualTo(200);
    assertThat(browse("/guide/images/missing.png").statusCode()).isEqualTo(404);
    assertThat(browse("/guide/images/..%2F用户指南.md").statusCode()).isIn(400, 404);
  }

  /** As a browser asks for a page. */
  private HttpResponse<String> browse(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept", "text/html,image/*,*/*").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAdministratorsGroupHasAChineseName() {
    assertThat(identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).singleResult().getName())
        .isEqualTo("系统管理员组");
  }
}
