package cn.liutong.system;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/** The security baseline of every door: REST API, our /api, Actuator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class RestSecurityTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @LocalServerPort
  int port;

  @Test
  void anonymousCallsAreRefused() {
    Rest rest = new Rest(port);
    assertThat(rest.get("/engine-rest/task", null, null).status()).isEqualTo(401);
    assertThat(rest.get("/engine-rest/process-definition", null, null).status()).isEqualTo(401);
    assertThat(rest.post("/engine-rest/deployment/create", "{}", null, null).status()).isEqualTo(401);
    assertThat(rest.get("/api/cycles", null, null).status()).isEqualTo(401);
  }

  @Test
  void demoUserIsServed() {
    Rest rest = new Rest(port);
    var response = rest.get("/engine-rest/task", agency.secretary(BUDGET));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().isArray()).isTrue();
    assertThat(rest.get("/api/cycles", agency.committee()).status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefused() {
    // Camunda delays this user's next logins after a failure: the user is of this class's own agency, and no
    // other test of this class logs in as them.
    assertThat(new Rest(port).get("/engine-rest/task", agency.member(TREASURY, 1), "not-the-password").status())
        .isEqualTo(401);
  }

  @Test
  void engineNameAndHealthAreOpenButLeakNothing() {
    Rest rest = new Rest(port);
    assertThat(rest.get("/engine-rest/engine", null, null).status()).isEqualTo(200);
    var health = rest.get("/actuator/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    assertThat(health.body()).doesNotContain("db").doesNotContain("diskSpace");
    assertThat(rest.get("/actuator/env", null, null).status()).isEqualTo(404);
    assertThat(rest.get("/actuator/beans", null, null).status()).isEqualTo(404);
  }

  @Test
  void authorizationChecksAreOn() {
    // A branch secretary may not read the users of the whole installation's admin group membership.
    var response = new Rest(port).get("/engine-rest/authorization", agency.secretary(BUDGET));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().size()).as("sees only authorizations that concern them, not all")
        .isLessThan(new Rest(port).get("/engine-rest/authorization", "admin").json().size());
  }
}
