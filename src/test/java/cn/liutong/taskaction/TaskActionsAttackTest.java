package cn.liutong.taskaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.liutong.support.WebappSession;

/**
 * People who may not act on a member's task try every action by its id, through {@code /api}, through the Tasklist
 * plugin, and through the engine REST API's own task calls: all refused, nothing changed, nothing recorded.
 */
class TaskActionsAttackTest extends TaskActionsTestBase {

  private static final Map<String, Object> WAIVE = Map.of("reason", "本人申请免于承诺，理由充分");

  @Test
  void nobodyButTheCommitteeAndTheBranchsSecretaryActsOnAMembersTask() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    Map<String, Object> copy = Map.of("userIds", List.of(member2));
    for (String user : List.of(member2, treasuryMember, treasurySecretary, partyGroup, member)) {
      for (var action : Map.of("reassign", to(member2), "delegate", to(member2), "waive", WAIVE, "urge", Map.of(),
          "copy", copy, "resolve", Map.of(), "return", WAIVE).entrySet()) {
        var refused = act(pledge, action.getKey(), action.getValue(), user);
        boolean ownReturn = user.equals(member) && action.getKey().equals("return");
        assertThat(refused.status()).as(user + " " + action.getKey() + ": " + refused.body()).isEqualTo(ownReturn ? 409 : 403);
        assertThat(refused.json().path("message").asText()).as(user).matches(".*[\\u4e00-\\u9fa5].*");
      }
    }
    for (String action : List.of("reassign", "delegate", "waive", "urge", "copy", "resolve", "return")) {
      var otherAgency = act(pledge, action, Map.of(), outsider);
      assertThat(otherAgency.status()).as("another agency's committee: " + action).isEqualTo(404);
      assertThat(otherAgency.json().path("message").asText()).isEqualTo("没有这项待办任务");
    }
    assertThat(act(pledge, "approve", Map.of(), committee).status()).as("no such action").isEqualTo(404);
    assertThat(act("no-such-task", "urge", Map.of(), committee).status()).isEqualTo(404);
    assertThat(rest.post("/api/tasks/" + pledge + "/actions/waive", WAIVE, committee, "wrong").status()).isEqualTo(401);
    assertThat(rest.post("/api/tasks/" + pledge + "/actions/waive", WAIVE, null, null).status()).isEqualTo(401);
    unchanged(pledge, member);
  }

  @Test
  void aReasonIsCheckedAndAForgedBodyIsRefused() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    assertThat(act(pledge, "waive", "{\"reason\":\"病假住院三个月\",\"reason\":\"x\"}", committee).status())
        .as("duplicate key").isEqualTo(400);
    assertThat(act(pledge, "waive", Map.of("reason", 12345678), committee).json().path("message").asText())
        .isEqualTo("字段reason应为文字");
    assertThat(act(pledge, "waive", Map.of("reason", "病假住院三个月\u202e"), committee).status()).isEqualTo(400);
    assertThat(act(pledge, "waive", Map.of("reason", "很".repeat(201)), committee).json().path("message").asText())
        .isEqualTo("理由应为5至200个字，当前201个字");
    assertThat(act(pledge, "reassign", Map.of("userId", List.of(member2)), committee).status()).isEqualTo(400);
    assertThat(act(pledge, "reassign", Map.of("userId", member2, "actor", partyGroup), committee).json().path("message")
        .asText()).isEqualTo("不允许的字段：actor");
    assertThat(act(pledge, "copy", Map.of("userIds", List.of(outsider)), committee).status())
        .as("to another agency").isEqualTo(400);
    assertThat(act(pledge, "reassign", to(outsiderPartyGroup), committee).status()).as("to another agency").isEqualTo(400);
    assertThat(act(pledge, "reassign", to(committee), committee).status()).as("the committee takes a member's pledge")
        .isEqualTo(400);
    unchanged(pledge, member);
  }

  @Test
  void theEngineRestApisOwnTaskCallsDoNotHandAMembersTaskOn() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    String other = pledgeOf(member2).getId();
    for (String user : List.of(member, member2, secretary, committee, treasuryMember)) {
      for (String task : List.of(pledge, other)) {
        for (String to : List.of(member2, member, user)) {
          for (String call : List.of("assignee", "delegate")) {
            String owner = task.equals(pledge) ? member : member2;
            if (call.equals("assignee") && to.equals(owner)) {
              continue; // to its assignee: changes nothing
            }
            var refused = rest.post("/engine-rest/task/" + task + "/" + call, Map.of("userId", to), user, user);
            assertThat(refused.status()).as(user + " " + call + " " + to + ": " + refused.body()).isIn(403, 404);
          }
        }
        var link = rest.post("/engine-rest/task/" + task + "/identity-links", Map.of("userId", user, "type", "candidate"),
            user, user);
        assertThat(link.status()).as(user + " identity link").isEqualTo(403);
        assertThat(rest.post("/engine-rest/task/" + task + "/identity-links/delete",
            Map.of("userId", member, "type", "assignee"), user, user).status()).isEqualTo(403);
        assertThat(rest.send("PUT", "/engine-rest/task/" + task, "{\"name\":\"x\",\"assignee\":\"" + user + "\",\"owner\":\""
            + user + "\"}", user, user).status()).as(user + " update").isEqualTo(403);
      }
    }
    unchanged(pledge, member);
    unchanged(other, member2);
  }

  @Test
  void aWaiverCannotBeForgedByThePersonWhoseTaskItIs() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    var forged = rest.post("/engine-rest/task/" + pledge + "/complete",
        "{\"variables\":{\"waived\":{\"value\":true},\"taskWaived\":{\"value\":\"" + pledge + "\"}}}", member, member);
    assertThat(forged.status()).as(forged.body()).isEqualTo(403);
    assertThat(forged.json().path("message").asText()).startsWith("无权修改表单以外的数据");
    var resolved = rest.post("/engine-rest/task/" + pledge + "/resolve", "{\"variables\":{}}", member, member);
    assertThat(resolved.status()).as("resolving an undelegated task: " + resolved.body()).isEqualTo(403);
    assertThat(resolved.json().path("message").asText()).isEqualTo("该任务不在委派中，无需交回");
    unchanged(pledge, member);
  }

  @Test
  void thePluginAnswersTheWebappSessionByTheSameRules() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    String base = "/camunda/api/tasklist/plugin/liutong-task-actions/default/task/" + pledge;
    WebappSession memberSession = new WebappSession(port);
    assertThat(memberSession.login(member, "tasklist").status()).isEqualTo(200);
    assertThat(memberSession.get(base).json().path("actions").findValuesAsText("action")).containsExactly("cosign");
    var refused = memberSession.send("POST", base + "/waive", "{\"reason\":\"本人申请免于承诺，理由充分\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("message").asText()).isEqualTo("只有本机关党委可以免办");
    assertThat(memberSession.sendRaw("POST", base + "/reassign", "application/json", userIdOf(member2)).status())
        .as("no CSRF token").isEqualTo(403);
    unchanged(pledge, member);

    WebappSession forged = new WebappSession(port);
    assertThat(forged.login(committee, "tasklist").status()).isEqualTo(200);
    assertThat(forged.sendRaw("POST", base + "/reassign", "text/plain", userIdOf(member2)).status())
        .as("a form post of another site").isIn(403, 415);
    unchanged(pledge, member);
    WebappSession committeeSession = new WebappSession(port);
    assertThat(committeeSession.login(committee, "tasklist").status()).isEqualTo(200);
    var offered = committeeSession.get(base);
    assertThat(offered.status()).as(offered.body()).isEqualTo(200);
    assertThat(offered.json().path("actions").findValuesAsText("action")).contains("reassign", "waive");
    var done = committeeSession.send("POST", base + "/reassign", userIdOf(member2));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(task(pledge).getAssignee()).isEqualTo(member2);
  }

  /** The raw JSON body naming a receiver, as a page would post it. */
  private static String userIdOf(String userId) {
    return "{\"userId\":\"" + userId + "\"}";
  }

  private void unchanged(String taskId, String assignee) {
    var task = task(taskId);
    assertThat(task).as("still open").isNotNull();
    assertThat(task.getAssignee()).isEqualTo(assignee);
    assertThat(task.getOwner()).isNull();
    assertThat(task.getDelegationState()).isNull();
    assertThat(actions(taskId)).as("nothing recorded").isZero();
    assertThat(engine.getTaskService().getTaskComments(taskId)).isEmpty();
    assertThat(engine.getTaskService().getIdentityLinksForTask(taskId)).extracting(l -> l.getType())
        .containsOnly("assignee");
  }
}
