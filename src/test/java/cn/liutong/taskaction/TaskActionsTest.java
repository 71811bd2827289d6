package cn.liutong.taskaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.DelegationState;
import org.junit.jupiter.api.Test;

/** What the committee and the secretaries may do to their branches' and members' tasks, and how it is recorded. */
class TaskActionsTest extends TaskActionsTestBase {

  @Test
  void theCommitteeReassignsAMembersTaskWithinTheBranchAndTheNewAssigneeHasIt() {
    atPledges();
    String pledge = pledgeOf(member).getId();

    var answer = act(pledge, "reassign", Map.of("userId", member2, "reason", "李伟外出学习"), committee);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("message").asText()).isEqualTo("已转办给张华");

    assertThat(task(pledge).getAssignee()).isEqualTo(member2);
    var mine = rest.get("/engine-rest/task?assignee=" + member2 + "&processInstanceId=" + cycle.cycleId(), member2, member2);
    assertThat(mine.json().findValuesAsText("id")).contains(pledge);
    var row = jdbc.queryForMap("SELECT action, actor, previous_assignee, targets, reason, branch_code, agency_id"
        + " FROM lt_task_action WHERE task_id = ?", pledge);
    assertThat(row).containsEntry("ACTION", "reassign").containsEntry("ACTOR", committee)
        .containsEntry("PREVIOUS_ASSIGNEE", member).containsEntry("TARGETS", member2)
        .containsEntry("REASON", "李伟外出学习").containsEntry("BRANCH_CODE", branch).containsEntry("AGENCY_ID", agency.id());
    assertThat(engine.getTaskService().getTaskComments(pledge)).extracting(Comment::getFullMessage)
        .containsExactly("转办：王强将任务由李伟转交给张华，理由：李伟外出学习");
  }

  @Test
  void theCommitteeWaivesAMembersTaskWithAReasonAndTheStageGoesOnWithoutItsForm() {
    atPledges();
    String pledge = pledgeOf(member2).getId();

    assertThat(act(pledge, "waive", Map.of(), committee).json().path("message").asText()).isEqualTo("缺少字段：reason");
    assertThat(act(pledge, "waive", Map.of("reason", "   "), committee).json().path("message").asText())
        .isEqualTo("免办须填写理由");
    assertThat(act(pledge, "waive", Map.of("reason", "病假"), committee).json().path("message").asText())
        .isEqualTo("理由应为5至200个字，当前2个字");
    assertThat(act(pledge, "waive", Map.of("reason", "病假住院\u200b三个月"), committee).status()).isEqualTo(400);
    assertThat(act(pledge, "waive", Map.of("reason", "病假住院三个月", "userId", member), committee).status())
        .isEqualTo(400);
    assertThat(actions(pledge)).isZero();
    assertThat(task(pledge)).isNotNull();

    var waived = act(pledge, "waive", Map.of("reason", "病假住院三个月，经党委研究免于承诺"), committee);
    assertThat(waived.status()).as(waived.body()).isEqualTo(200);
    assertThat(task(pledge)).as("completed").isNull();
    var done = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(pledge).singleResult();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lt_pledge WHERE member_id = ? AND cycle_id = ?",
        Integer.class, member2, cycle.cycleId())).as("no pledge recorded for a waived task").isZero();
    assertThat(jdbc.queryForObject("SELECT reason FROM lt_task_action WHERE task_id = ? AND action = 'waive'",
        String.class, pledge)).isEqualTo("病假住院三个月，经党委研究免于承诺");
    assertThat(engine.getTaskService().getTaskComments(pledge)).extracting(Comment::getFullMessage)
        .containsExactly("免办：王强决定此项任务免于办理（原办理人张华），理由：病假住院三个月，经党委研究免于承诺");

    // the others still pledge through their forms, whose rules still apply
    String othersPledge = pledgeOf(member).getId();
    var empty = rest.post("/engine-rest/task/" + othersPledge + "/submit-form", "{\"variables\":{}}", member, member);
    assertThat(empty.status()).as(empty.body()).isEqualTo(400);
    assertThat(task(othersPledge)).isNotNull();
  }

  @Test
  void aWaiverThatTheNextStepCannotDoWithoutIsRefusedAndLeavesNothing() {
    cycle.start().plan().decompose();
    String signFor = cycle.branchTask("Task_SignFor", branch).getId();
    var refused = act(signFor, "waive", Map.of("reason", "处室合并，本年度不再签收"), committee);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).isEqualTo("此任务的后续步骤需要它的办理结果，不能免办");
    assertThat(task(signFor)).isNotNull();
    assertThat(actions(signFor)).isZero();
    assertThat(engine.getTaskService().getTaskComments(signFor)).isEmpty();
  }

  @Test
  void aSecretaryHandsOnTheirOwnBranchsMemberTasksWithinTheBranchOnly() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    assertThat(act(pledge, "reassign", to(treasuryMember), secretary).json().path("message").asText())
        .isEqualTo("党员的任务只能交给本支部的党员");
    assertThat(act(pledge, "reassign", to(member), secretary).json().path("message").asText())
        .isEqualTo("接收人已经是该任务的办理人");
    assertThat(act(pledge, "reassign", to("nobody"), secretary).status()).isEqualTo(400);
    assertThat(act(pledge, "waive", Map.of("reason", "病假住院三个月"), secretary).json().path("message").asText())
        .isEqualTo("只有本机关党委可以免办");
    assertThat(act(pledge, "urge", "", secretary).status()).isEqualTo(403);
    assertThat(actions(pledge)).isZero();

    var delegated = act(pledge, "delegate", to(member2), secretary);
    assertThat(delegated.status()).as(delegated.body()).isEqualTo(200);
    var task = task(pledge);
    assertThat(task.getAssignee()).isEqualTo(member2);
    assertThat(task.getOwner()).isEqualTo(member);
    assertThat(task.getDelegationState()).isEqualTo(DelegationState.PENDING);
    assertThat(act(pledge, "delegate", to(secretary), secretary).json().path("message").asText())
        .isEqualTo("该任务已在委派中，请先完成委派");
    assertThat(act(pledge, "resolve", "", member).status()).as("the owner takes it back").isEqualTo(200);
    assertThat(task(pledge).getAssignee()).isEqualTo(member);
    assertThat(task(pledge).getDelegationState()).isEqualTo(DelegationState.RESOLVED);
  }

  @Test
  void theDelegateGivesTheTaskBack() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    assertThat(act(pledge, "resolve", "", committee).json().path("message").asText()).isEqualTo("该任务不在委派中");
    assertThat(act(pledge, "delegate", to(member2), committee).status()).isEqualTo(200);
    assertThat(act(pledge, "resolve", "", secretary).status()).as("secretary of the branch").isEqualTo(200);
    assertThat(task(pledge).getAssignee()).isEqualTo(member);
    assertThat(task(pledge).getDelegationState()).isEqualTo(DelegationState.RESOLVED);

    assertThat(act(pledge, "delegate", to(member2), committee).status()).isEqualTo(200);
    var back = act(pledge, "resolve", Map.of("reason", "已核对完毕"), member2);
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().path("message").asText()).isEqualTo("已交回李伟");
    assertThat(task(pledge).getAssignee()).isEqualTo(member);
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ? ORDER BY acted_at, action", String.class,
        pledge)).containsExactlyInAnyOrder("delegate", "resolve", "delegate", "resolve");
    assertThat(engine.getTaskService().getTaskComments(pledge)).extracting(Comment::getFullMessage)
        .contains("完成委派：张华将任务交回李伟，理由：已核对完毕");
  }

  @Test
  void theCommitteeUrgesOnceADayAndCopiesToPeopleOfItsAgency() {
    cycle.start().plan().decompose();
    String signFor = cycle.branchTask("Task_SignFor", branch).getId();
    assertThat(act(signFor, "urge", "", committee).status()).isEqualTo(200);
    assertThat(act(signFor, "urge", "", committee2).json().path("message").asText()).isEqualTo("今天已经催办过这项任务");

    assertThat(act(signFor, "copy", Map.of("userIds", List.of(partyGroup, outsider)), committee).json().path("message")
        .asText()).isEqualTo("只能抄送给本机关的人员");
    assertThat(act(signFor, "copy", Map.of("userIds", List.of()), committee).json().path("message").asText())
        .isEqualTo("请选择抄送对象");
    var copied = act(signFor, "copy", Map.of("userIds", List.of(partyGroup, member), "reason", "请党组知悉"), committee);
    assertThat(copied.status()).as(copied.body()).isEqualTo(200);
    assertThat(copied.json().path("message").asText()).isEqualTo("已抄送2人");
    assertThat(jdbc.queryForList("SELECT action || ':' || COALESCE(targets, '') FROM lt_task_action WHERE task_id = ?",
        String.class, signFor)).containsExactlyInAnyOrder("urge:", "copy:" + partyGroup + "," + member);
    assertThat(engine.getTaskService().getTaskComments(signFor)).extracting(Comment::getFullMessage)
        .containsExactlyInAnyOrder("催办：王强催办了此项任务", "抄送：王强将此项任务抄送给赵敏、李伟，理由：请党组知悉");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lt_notification WHERE task_id = ? AND dedup_key LIKE 'COPIED:%'",
        Integer.class, signFor)).as("a message to each who wants e-mail").isEqualTo(2);
  }

  @Test
  void eachPersonIsOfferedExactlyTheActionsTheyMayTake() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    assertThat(offered(pledge, committee)).containsExactly("reassign", "delegate", "waive", "urge", "copy");
    assertThat(offered(pledge, secretary)).containsExactly("reassign", "delegate", "copy");
    assertThat(offered(pledge, member)).as("the holder asks colleagues to co-sign").containsExactly("cosign");
    assertThat(offered(pledge, partyGroup)).isEmpty();
    assertThat(rest.get("/api/tasks/" + pledge + "/actions", committee, committee).json().path("actions").get(0)
        .path("people").findValuesAsText("id")).containsExactly(secretary, member2);
    assertThat(rest.get("/api/tasks/" + pledge + "/actions", outsider, outsider).status()).isEqualTo(404);

  }

  @Test
  void theCommitteesAndThePartyGroupsOwnTasksAreNotHandedOnOrWaivedFromOutside() {
    cycle.start();
    String draft = cycle.task("Task_DraftGoals").getId();
    assertThat(offered(draft, committee)).containsExactly("urge", "copy");
    assertThat(act(draft, "reassign", to(committee2), committee).json().path("message").asText())
        .isEqualTo("机关党委、党组的任务请在本单位内认领或指派");
    assertThat(act(draft, "waive", Map.of("reason", "本年度不再制定目标"), committee).json().path("message").asText())
        .isEqualTo("机关党委、党组自己的任务不能免办");
    assertThat(act(draft, "copy", Map.of("userIds", List.of(member)), secretary).json().path("message").asText())
        .isEqualTo("只有本机关党委或本支部书记可以抄送");
    assertThat(actions(draft)).isZero();
    assertThat(task(draft)).isNotNull();
  }

  @Test
  void theHolderReturnsATaskToTheStepBeforeItWithAReason() {
    cycle.start().draftGoals();
    String approval = cycle.task("Task_ApproveGoals").getId();
    assertThat(offered(approval, partyGroup)).containsExactly("return");
    assertThat(offered(approval, committee)).doesNotContain("return");
    assertThat(act(approval, "return", Map.of(), partyGroup).json().path("message").asText()).isEqualTo("缺少字段：reason");
    assertThat(act(approval, "return", Map.of("reason", "  "), partyGroup).json().path("message").asText())
        .isEqualTo("退回须填写理由");
    assertThat(act(approval, "return", Map.of("reason", "请细化指标"), committee).json().path("message").asText())
        .isEqualTo("只有该任务的办理人可以退回");
    assertThat(act(approval, "return", Map.of("reason", "请细化指标"), outsider).status()).isEqualTo(404);
    assertThat(actions(approval)).isZero();

    var back = act(approval, "return", Map.of("reason", "党建目标的指标不够具体，请细化后重新报送"), partyGroup);
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().path("message").asText()).isEqualTo("已退回“拟定党建与业务目标体系”");
    assertThat(task(approval)).as("cancelled").isNull();
    var draft = cycle.task("Task_DraftGoals");
    assertThat(draft).as("the step before is open again").isNotNull();
    String text = "退回：赵敏将任务退回“拟定党建与业务目标体系”，理由：党建目标的指标不够具体，请细化后重新报送";
    assertThat(engine.getTaskService().getTaskComments(draft.getId())).extracting(Comment::getFullMessage).containsExactly(text);
    assertThat(engine.getTaskService().getTaskComments(approval)).extracting(Comment::getFullMessage).containsExactly(text);
    assertThat(jdbc.queryForObject("SELECT action FROM lt_task_action WHERE task_id = ?", String.class, approval))
        .isEqualTo("return");
    assertThat(passes("Task_ApproveGoals")).isEqualTo(1);

    // the members' pledges run side by side: none has a step of its own before it
    cycle.draftGoals().approveGoals().deploy().planImplementation(branch);
    String pledge = pledgeOf(member).getId();
    assertThat(act(pledge, "return", Map.of("reason", "承诺内容需要支部重新研究"), member).json().path("message").asText())
        .isEqualTo("此任务没有可退回的上一步");
  }

  private long passes(String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.cycleId())
        .activityId(activityId).count();
  }

  private List<String> offered(String taskId, String user) {
    var answer = rest.get("/api/tasks/" + taskId + "/actions", user, user);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("actions").findValuesAsText("action");
  }
}
