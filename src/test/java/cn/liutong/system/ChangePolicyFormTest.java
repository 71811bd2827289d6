package cn.liutong.system;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestYear;

/** Completing a task changes only what its form asks, whatever a client sends along. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ChangePolicyFormTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  private String signForTask(CycleDriver cycle) {
    return cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId();
  }

  private static Map<String, Object> string(String value) {
    return Map.of("value", value, "type", "String");
  }

  @Test
  void aVariableOutsideTheFormIsRefusedAndNothingChanges() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String task = signForTask(cycle);
    var response = new Rest(port).post("/engine-rest/task/" + task + "/submit-form", Map.of("variables", Map.of(
        "signForDecision", string("signed"), "cycleId", string("anotherCycle"))), agency.secretary(BUDGET));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().path("message").asText()).contains("无权修改表单以外的数据：cycleId");
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "cycleId")).isEqualTo(cycle.cycleId());
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId()).as("still open").isEqualTo(task);
  }

  @Test
  void theCommitteeCannotFillInAMembersPledgeInTheMembersName() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy().planImplementation(agency.branch(BUDGET));
    String member = agency.member(BUDGET, 0);
    String pledge = cycle.memberTask("Task_Pledge", member).getId();
    Map<String, Object> form = Map.of("variables", Map.of(
        "pledge", string("带头完成本岗位重点工作并按时报告"), "pioneerPost", Map.of("value", true, "type", "Boolean")));

    var byCommittee = new Rest(port).post("/engine-rest/task/" + pledge + "/submit-form", form, agency.committee());
    assertThat(byCommittee.status()).isEqualTo(403);
    assertThat(byCommittee.json().path("message").asText()).contains("不能代为完成").contains("办理操作");
    assertThat(new Rest(port).post("/engine-rest/task/" + pledge + "/complete", form, agency.committee()).status())
        .as("complete").isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(pledge).count()).as("still open").isEqualTo(1);

    assertThat(new Rest(port).post("/engine-rest/task/" + pledge + "/submit-form", form, member).status())
        .as("the member's own").isEqualTo(204);
  }

  @Test
  void theCommitteeNeitherSignsForABranchNorApprovesForThePartyGroup() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().draftGoals();
    Rest rest = new Rest(port);
    String approval = cycle.task("Task_ApproveGoals").getId();
    for (String call : new String[] {"submit-form", "complete"}) {
      var byCommittee = rest.post("/engine-rest/task/" + approval + "/" + call,
          Map.of("variables", Map.of("goalsDecision", string("approved"))), agency.committee());
      assertThat(byCommittee.status()).as(call + " " + byCommittee.body()).isEqualTo(403);
      assertThat(byCommittee.json().path("message").asText()).contains("此任务不由您办理");
    }
    var claim = rest.post("/engine-rest/task/" + approval + "/claim", Map.of("userId", agency.committee()), agency.committee());
    assertThat(claim.status()).as("nor takes it first").isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(approval).singleResult().getAssignee()).isNull();
    assertThat(rest.post("/engine-rest/task/" + approval + "/submit-form",
        Map.of("variables", Map.of("goalsDecision", string("approved"))), agency.partyGroup()).status())
        .as("the party group's own").isEqualTo(204);

    cycle.decompose();
    String signFor = signForTask(cycle);
    assertThat(rest.post("/engine-rest/task/" + signFor + "/submit-form",
        Map.of("variables", Map.of("signForDecision", string("signed"))), agency.committee()).status()).isEqualTo(403);
    assertThat(rest.post("/engine-rest/task/" + signFor + "/claim", Map.of("userId", agency.committee()), agency.committee())
        .status()).isEqualTo(403);
    assertThat(rest.post("/engine-rest/task/" + signFor + "/submit-form",
        Map.of("variables", Map.of("signForDecision", string("signed"))), agency.secretary(BUDGET)).status())
        .as("the branch's own").isEqualTo(204);
  }

  @Test
  void readOnlyFieldsSentBackUnchangedPassButChangedOnesDoNot() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String task = signForTask(cycle);
    Rest rest = new Rest(port);
    var changed = rest.post("/engine-rest/task/" + task + "/submit-form", Map.of("variables", Map.of(
        "signForDecision", string("signed"), "branchName", string("国库处党支部"))), agency.secretary(BUDGET));
    assertThat(changed.status()).isEqualTo(403);

    var asShown = rest.post("/engine-rest/task/" + task + "/submit-form", Map.of("variables", Map.of(
        "signForDecision", string("signed"), "branchName", string("预算处党支部"),
        "cycleName", string(TestYear.cycleName()))), agency.secretary(BUDGET));
    assertThat(asShown.status()).as(asShown.body()).isEqualTo(204);
  }

  @Test
  void aReadOnlyValueSentBackAsAnotherTypeIsAChange() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String task = signForTask(cycle);
    var asText = new Rest(port).post("/engine-rest/task/" + task + "/submit-form", Map.of("variables", Map.of(
        "signForDecision", string("signed"), "minPartyShare", string("30"))), agency.secretary(BUDGET));
    assertThat(asText.status()).isEqualTo(403);
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "minPartyShare")).isInstanceOf(Number.class);
  }

  @Test
  void aMissingTaskIs404AndABackDoorIs403() {
    Rest rest = new Rest(port);
    var missing = rest.post("/engine-rest/task/no-such-task/submit-form", Map.of("variables", Map.of()), agency.secretary(BUDGET));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).doesNotContain("ENGINE-").doesNotContain("Exception");
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    var error = rest.post("/engine-rest/task/" + signForTask(cycle) + "/bpmnError", Map.of("errorCode", "skip"), agency.secretary(BUDGET));
    assertThat(error.status()).isEqualTo(403);
    assertThat(error.json().path("message").asText()).isEqualTo(ChangePolicy.REFUSED);
  }

  @Test
  void aStartFormTakesOnlyItsOwnFields() {
    Map<String, Object> form = new java.util.LinkedHashMap<>(CycleDriver.startForm());
    form.put("initiator", "heping");
    var forged = new Rest(port).post("/engine-rest/process-definition/key/integrated-cycle/submit-form",
        Map.of("variables", Rest.formVariables(form)), agency.committee());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("message").asText()).contains("initiator");
  }

  @Test
  void taskVariablesCannotBeSetAroundTheForm() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String task = signForTask(cycle);
    Rest rest = new Rest(port);
    var put = rest.put("/engine-rest/task/" + task + "/variables/agencyId", string("tax"), agency.secretary(BUDGET));
    assertThat(put.status()).isEqualTo(403);
    var modify = rest.post("/engine-rest/task/" + task + "/variables",
        Map.of("modifications", Map.of("branchCode", string(agency.branch(TREASURY)))), agency.secretary(BUDGET));
    assertThat(modify.status()).isEqualTo(403);
    assertThat(engine.getTaskService().getVariable(task, "branchCode")).isEqualTo(agency.branch(BUDGET));
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "agencyId")).isEqualTo(agency.id());
    // a field of the form may be saved on the task
    assertThat(rest.put("/engine-rest/task/" + task + "/variables/signForDecision", string("signed"), agency.secretary(BUDGET)).status())
        .isEqualTo(204);
  }
}
