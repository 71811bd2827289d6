package cn.liutong.taskaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess;

/**
 * People who are not a co-sign task's co-signer try to reach it by id, through {@code /api} and the engine REST API;
 * the co-signer tries to answer it by the engine's own calls; a holder asks people outside the allowed set: all
 * refused, nothing written.
 */
class CosignAttackTest extends TaskActionsTestBase {

  private String pledge;
  private String cosign;

  private void asked() {
    atPledges();
    pledge = pledgeOf(member).getId();
    assertThat(act(pledge, "cosign", Map.of("userIds", List.of(member2), "reason", "请把关"), member).status()).isEqualTo(200);
    cosign = engine.getTaskService().getSubTasks(pledge).get(0).getId();
  }

  @Test
  void anotherBranchOrAgencyNeitherListsNorReadsNorAnswersACoSignTask() {
    asked();
    for (String user : List.of(treasuryMember, treasurySecretary, outsider)) {
      assertThat(rest.get("/engine-rest/task", user).json().findValuesAsText("id")).as(user).doesNotContain(cosign);
      assertThat(rest.get("/engine-rest/task?parentTaskId=" + pledge, user).json().findValuesAsText("id")).as(user)
          .doesNotContain(cosign);
      for (String path : List.of("", "/variables", "/comment", "/form")) {
        assertThat(rest.get("/engine-rest/task/" + cosign + path, user).status()).as(user + " GET " + path).isEqualTo(404);
      }
      for (var call : Map.of("complete", Map.of(), "submit-form", Map.of(), "claim", Map.of("userId", user),
          "assignee", Map.of("userId", user), "comment/create", Map.of("message", "同意")).entrySet()) {
        var refused = rest.post("/engine-rest/task/" + cosign + "/" + call.getKey(), call.getValue(), user);
        assertThat(refused.status()).as(user + " " + call.getKey()).isEqualTo(404);
      }
      for (String action : List.of("agree", "disagree", "cosign")) {
        var refused = act(cosign, action, Map.of("reason", "同意此项承诺内容"), user);
        assertThat(refused.status()).as(user + " " + action).isEqualTo(404);
        assertThat(refused.json().path("message").asText()).isEqualTo("没有这项待办任务");
      }
      assertThat(rest.get("/api/tasks/" + cosign + "/actions", user, user).status()).as(user).isEqualTo(404);
    }
    // the requester reads it but does not answer for the co-signer
    assertThat(act(cosign, "agree", Map.of(), member).status()).isEqualTo(403);
    assertThat(task(cosign)).isNotNull();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lt_task_action WHERE task_id = ? AND action <> 'cosign'",
        Integer.class, pledge)).isZero();
  }

  @Test
  void theCoSignerAnswersOnlyThroughTheRecordedAction() {
    asked();
    for (var call : Map.of("complete", Map.of(), "submit-form", Map.of(), "assignee", Map.of("userId", member),
        "delegate", Map.of("userId", member), "unclaim", Map.of()).entrySet()) {
      var refused = rest.post("/engine-rest/task/" + cosign + "/" + call.getKey(), call.getValue(), member2);
      assertThat(refused.status()).as(call.getKey() + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).isEqualTo("加签任务请在“办理操作”页签中选择同意或不同意，并填写意见");
    }
    var write = rest.put("/engine-rest/task/" + cosign + "/variables/cosignAgreed", Map.of("value", true, "type", "Boolean"),
        member2);
    assertThat(write.status()).as(write.body()).isEqualTo(403);
    var variables = rest.get("/engine-rest/task/" + cosign + "/variables", member2);
    // a sub-task's variables would resolve up to its task's process: none of them shows (the co-sign task has no form)
    assertThat(variables.status()).as(variables.body()).isIn(200, 404);
    assertThat(variables.body()).doesNotContain(CycleProcess.Var.BRANCH_CODE).doesNotContain(CycleProcess.Var.PLEDGE);
    if (variables.status() == 200) {
      assertThat(variables.json().size()).as(variables.body()).isZero();
    }
    assertThat(act(cosign, "reassign", Map.of("userId", member), member2).status()).isEqualTo(403);
    assertThat(task(cosign).getAssignee()).isEqualTo(member2);
    assertThat(engine.getRuntimeService().getVariable(cycle.cycleId(), "cosignAgreed")).isNull();
  }

  @Test
  void coSignersOutsideTheBranchAreRefusedAndNothingIsWritten() {
    atPledges();
    pledge = pledgeOf(member).getId();
    var refusals = Map.of(
        treasuryMember, "加签人只能是本支部的党员",
        treasurySecretary, "加签人只能是本支部的党员",
        committee, "加签人只能是本支部的党员",
        outsider, "加签人只能是本支部的党员",
        "nobody", "加签人只能是本支部的党员",
        member, "不能请自己加签");
    refusals.forEach((user, reason) -> {
      var refused = act(pledge, "cosign", Map.of("userIds", List.of(member2, user)), member);
      assertThat(refused.status()).as(user).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as(user).isEqualTo(reason);
    });
    assertThat(act(pledge, "cosign", Map.of("userIds", List.of()), member).json().path("message").asText())
        .isEqualTo("请选择加签人");
    assertThat(act(pledge, "cosign", Map.of("userIds", List.of(member2), "actor", secretary), member).status())
        .isEqualTo(400);
    for (String user : List.of(member2, secretary, treasuryMember, committee)) {
      var refused = act(pledge, "cosign", Map.of("userIds", List.of(member2)), user);
      assertThat(refused.status()).as(user + " is not the holder").isEqualTo(403);
    }
    assertThat(act(pledge, "cosign", Map.of("userIds", List.of(member2)), outsider).status()).isEqualTo(404);
    assertThat(engine.getTaskService().getSubTasks(pledge)).isEmpty();
    assertThat(actions(pledge)).isZero();
    assertThat(engine.getTaskService().getTaskComments(pledge)).isEmpty();
  }
}
