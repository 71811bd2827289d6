package cn.liutong.vanguard;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * Who may apply, review and read, tried over HTTP as an attacker would: forged fields on the start form,
 * another branch's secretary and another agency on the review task and on {@code /api/vanguard-posts}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class VanguardSecurityTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must neither see nor touch the class's agency. */
  @RegisterExtension
  static final TestAgency other = TestAgency.fresh();

  private static final String START = "/engine-rest/process-definition/key/vanguard-post/submit-form";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  private final List<String> started = new ArrayList<>();

  @AfterEach
  void removeApplications() {
    for (String id : started) {
      if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        engine.getRuntimeService().deleteProcessInstance(id, "test finished");
      }
      jdbc.update("delete from lt_vanguard_post where id = ?", id);
    }
  }

  private Rest.Response start(String user, Map<String, Object> form) {
    Rest.Response response = new Rest(port).post(START, Map.of("variables", Rest.formVariables(form)), user);
    if (response.status() == 200) {
      started.add(response.json().path("id").asText());
    }
    return response;
  }

  @Test
  void aMemberAppliesOverRestAndTheBranchComesFromWhoTheyAre() {
    Rest.Response response = start(agency.member(BUDGET, 0), VanguardDriver.application("预算编审党员先锋岗"));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    String id = response.json().path("id").asText();
    assertThat(jdbc.queryForMap("select member_id, branch_code from lt_vanguard_post where id = ?", id))
        .containsEntry("MEMBER_ID", agency.member(BUDGET, 0)).containsEntry("BRANCH_CODE", agency.branch(BUDGET));
  }

  @Test
  void forgedFieldsOnTheStartFormAreRefusedAndNothingIsWritten() {
    for (String forged : List.of("branchCode", "memberId", "applicantId", "agencyId")) {
      Map<String, Object> form = new HashMap<>(VanguardDriver.application("预算编审党员先锋岗"));
      form.put(forged, agency.branch(TREASURY));
      Rest.Response response = start(agency.member(BUDGET, 0), form);
      assertThat(response.status()).as(forged + ": " + response.body()).isEqualTo(403);
      assertThat(response.json().path("message").asText()).contains("无权修改表单以外的数据").contains(forged);
    }
    assertThat(jdbc.queryForObject("select count(*) from lt_vanguard_post where member_id = ?", Integer.class,
        agency.member(BUDGET, 0)))
        .isZero();
  }

  @Test
  void aMemberMayStartNothingElseAndNotWithoutTheForm() {
    Rest rest = new Rest(port);
    Map<String, Object> body = Map.of("variables", Rest.formVariables(VanguardDriver.application("预算编审党员先锋岗")));
    assertThat(rest.post("/engine-rest/process-definition/key/vanguard-post/start", body, agency.member(BUDGET, 0)).status())
        .as("start without the form's checks").isEqualTo(403);
    assertThat(rest.post("/engine-rest/process-definition/key/integrated-cycle/submit-form",
        Map.of("variables", Rest.formVariables(cn.liutong.cycle.CycleDriver.startForm())), agency.member(BUDGET, 0)).status())
        .as("a cycle").isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from lt_vanguard_post where member_id = ?", Integer.class,
        agency.member(BUDGET, 0)))
        .isZero();
  }

  @Test
  void theCommitteeAndThePartyGroupCannotApply() {
    assertThat(start(agency.committee(), VanguardDriver.application("机关党委先锋岗")).status()).isEqualTo(403);
    assertThat(start(agency.partyGroup(), VanguardDriver.application("党组先锋岗")).status()).isEqualTo(403);
  }

  @Test
  void anotherBranchOrAgencyCannotReviewOrReadTheApplication() {
    Rest rest = new Rest(port);
    String id = start(agency.member(BUDGET, 1), VanguardDriver.application("预算绩效党员先锋岗")).json().path("id").asText();
    String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
    Map<String, Object> approve = Map.of("variables", Rest.formVariables(Map.of("branchReviewDecision", "approved")));

    for (String outsider : List.of(agency.secretary(TREASURY), agency.member(TREASURY, 0), other.committee(),
        other.secretary(BUDGET))) {
      assertThat(rest.post("/engine-rest/task/" + task + "/submit-form", approve, outsider).status())
          .as(outsider + " completes").isEqualTo(404);
      assertThat(rest.get("/engine-rest/task/" + task + "/form-variables", outsider).status())
          .as(outsider + " reads the form").isEqualTo(404);
      assertThat(rest.get("/api/vanguard-posts/" + id, outsider).status()).as(outsider + " reads the post").isEqualTo(404);
      assertThat(ids(rest.get("/api/vanguard-posts", outsider).json())).as(outsider + " lists").doesNotContain(id);
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).as("still open").isEqualTo(1);

    for (String insider : List.of(agency.member(BUDGET, 1), agency.secretary(BUDGET), agency.committee(), agency.partyGroup())) {
      assertThat(ids(rest.get("/api/vanguard-posts", insider).json())).as(insider + " lists").contains(id);
      assertThat(rest.get("/api/vanguard-posts/" + id, insider).json().path("post").path("postName").asText())
          .as(insider).isEqualTo("预算绩效党员先锋岗");
    }
    assertThat(ids(rest.get("/api/vanguard-posts", agency.member(BUDGET, 0)).json()))
        .as("a fellow member sees only their own")
        .doesNotContain(id);

    assertThat(rest.post("/engine-rest/task/" + task + "/submit-form", approve, agency.secretary(BUDGET)).status())
        .isEqualTo(204);
  }

  private static List<String> ids(JsonNode posts) {
    List<String> ids = new ArrayList<>();
    posts.forEach(p -> ids.add(p.path("id").asText()));
    return ids;
  }
}
