package cn.liutong.taskaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.support.Rest;

/**
 * 加签: the holder of a task asks colleagues to co-sign; each answers on a task of their own; the task is completed
 * once all have answered, and the holder sees their opinions.
 */
class CosignTest extends TaskActionsTestBase {

  static final String PENDING = "该任务尚有加签意见未反馈，请待全部加签人反馈或撤回加签后再办理";

  @Test
  void aMemberAsksTwoColleaguesToCoSignAndCompletesOnceBothAnswered() {
    atPledges();
    Task pledge = pledgeOf(member);

    var asked = act(pledge.getId(), "cosign", Map.of("userIds", List.of(member2, secretary), "reason", "请帮忙把关承诺内容"),
        member);
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    assertThat(asked.json().path("message").asText()).isEqualTo("已请2人加签");

    List<Task> cosigns = engine.getTaskService().getSubTasks(pledge.getId());
    assertThat(cosigns).extracting(Task::getAssignee).containsExactlyInAnyOrder(member2, secretary);
    assertThat(cosigns).allSatisfy(t -> {
      assertThat(t.getName()).isEqualTo("加签：" + pledge.getName());
      assertThat(t.getTenantId()).isEqualTo(agency.id());
      assertThat(t.getOwner()).isEqualTo(member);
      assertThat(t.getDueDate()).as("due with the pledge, so that the co-signer is reminded").isNotNull()
          .isEqualTo(pledge.getDueDate());
      assertThat(t.getDescription()).isEqualTo("李伟请您对“" + pledge.getName() + "”加签：请帮忙把关承诺内容。请在“办理操作”页签中选择同意或不同意，并填写意见。");
    });
    String zhang = cosigns.stream().filter(t -> t.getAssignee().equals(member2)).findFirst().orElseThrow().getId();
    String chen = cosigns.stream().filter(t -> t.getAssignee().equals(secretary)).findFirst().orElseThrow().getId();

    // the co-signer finds it in their own list, by id, and sees what it is about
    assertThat(rest.get("/engine-rest/task?assignee=" + member2, member2).json().findValuesAsText("id")).contains(zhang);
    assertThat(rest.get("/engine-rest/task/" + zhang, member2).status()).isEqualTo(200);
    var view = rest.get("/api/tasks/" + zhang + "/actions", member2, member2).json();
    assertThat(view.path("actions").findValuesAsText("action")).containsExactly("agree", "disagree");
    assertThat(view.path("cosignOf").path("taskId").asText()).isEqualTo(pledge.getId());
    assertThat(view.path("cosignOf").path("requesterName").asText()).isEqualTo("李伟");
    assertThat(view.path("cosignOf").path("taskName").asText()).isEqualTo(pledge.getName());

    // the task is not completed while they have not answered, through whichever door
    Map<String, Object> form = Map.of("variables", Rest.formVariables(Map.of(CycleProcess.Var.PLEDGE,
        "带头完成本岗位重点工作并按时报告", CycleProcess.Var.PIONEER_POST, true)));
    for (String call : List.of("submit-form", "complete")) {
      var refused = rest.post("/engine-rest/task/" + pledge.getId() + "/" + call, form, member);
      assertThat(refused.status()).as(call + ": " + refused.body()).isEqualTo(409);
      assertThat(refused.json().path("message").asText()).isEqualTo(PENDING);
    }

    assertThat(act(zhang, "agree", Map.of("reason", "内容具体，同意"), member2).status()).isEqualTo(200);
    var noReason = act(chen, "disagree", Map.of("reason", "  "), secretary);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("message").asText()).isEqualTo("不同意须填写理由");
    assertThat(act(chen, "disagree", Map.of("reason", "第二项缺少完成时限"), secretary).status()).isEqualTo(200);
    assertThat(task(zhang)).isNull();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(chen).variableName("cosignAgreed")
        .singleResult().getValue()).isEqualTo(false);

    // the holder sees the opinions, on the tab and in the task's history
    var mine = rest.get("/api/tasks/" + pledge.getId() + "/actions", member, member).json().path("cosigns");
    assertThat(mine.findValuesAsText("name")).containsExactly("张华", "陈静");
    assertThat(mine.findValuesAsText("state")).containsExactly("同意", "不同意");
    assertThat(mine.findValuesAsText("opinion")).containsExactly("内容具体，同意", "第二项缺少完成时限");
    assertThat(engine.getTaskService().getTaskComments(pledge.getId())).extracting(Comment::getFullMessage)
        .containsExactlyInAnyOrder("加签：李伟请张华、陈静加签，说明：请帮忙把关承诺内容", "加签意见：张华同意，意见：内容具体，同意",
            "加签意见：陈静不同意，意见：第二项缺少完成时限");
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ? ORDER BY acted_at, action",
        String.class, pledge.getId())).containsExactly("cosign", "agree", "disagree");
    assertThat(jdbc.queryForObject("SELECT targets FROM lt_task_action WHERE task_id = ? AND action = 'cosign'",
        String.class, pledge.getId())).isEqualTo(member2 + "," + secretary);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT recipient) FROM lt_notification WHERE recipient IN (?, ?) AND kind = 'COSIGN'",
        Integer.class, member2, secretary)).isEqualTo(2);

    var completed = rest.post("/engine-rest/task/" + pledge.getId() + "/submit-form", form, member);
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    assertThat(task(pledge.getId())).isNull();
  }

  @Test
  void theHolderWithdrawsAndAWaiverRemovesWhatIsStillPending() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    assertThat(act(pledge, "cosign", Map.of("userIds", List.of(member2)), member).status()).isEqualTo(200);
    var again = act(pledge, "cosign", Map.of("userIds", List.of(member2)), member);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).isEqualTo("张华的加签尚未反馈，请勿重复请求");
    String first = engine.getTaskService().getSubTasks(pledge).get(0).getId();

    assertThat(act(pledge, "withdraw", Map.of(), member2).status()).as("not the holder").isEqualTo(403);
    assertThat(act(pledge, "withdraw", Map.of(), member).status()).isEqualTo(200);
    assertThat(engine.getTaskService().getSubTasks(pledge)).isEmpty();
    assertThat(deleteReason(first)).isEqualTo("加签已撤回");
    assertThat(rest.get("/api/tasks/" + pledge + "/actions", member, member).json().path("cosigns")
        .findValuesAsText("state")).containsExactly("已撤回");

    assertThat(act(pledge, "cosign", Map.of("userIds", List.of(member2)), member).status()).isEqualTo(200);
    String second = engine.getTaskService().getSubTasks(pledge).get(0).getId();
    assertThat(act(pledge, "waive", Map.of("reason", "病假住院三个月，经党委研究免于承诺"), committee).status()).isEqualTo(200);
    assertThat(task(second)).isNull();
    assertThat(deleteReason(second)).isEqualTo("原任务已免办");
    assertThat(act(second, "agree", Map.of(), member2).status()).isEqualTo(404);

    // whatever else ends a task ends its co-sign tasks with it: the engine deletes a task's sub-tasks
    String other = pledgeOf(member2).getId();
    assertThat(act(other, "cosign", Map.of("userIds", List.of(member)), member2).status()).isEqualTo(200);
    String third = engine.getTaskService().getSubTasks(other).get(0).getId();
    engine.getRuntimeService().deleteProcessInstance(cycle.cycleId(), "测试：撤销本轮周期");
    assertThat(task(third)).isNull();
  }

  @Test
  void aCommitteeTaskIsCoSignedByTheCommitteeOnly() {
    cycle.start();
    Task draft = engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId())
        .taskCandidateGroup(agency.committeeGroup()).singleResult();
    engine.getTaskService().claim(draft.getId(), committee);
    for (String outside : List.of(partyGroup, secretary, member)) {
      var refused = act(draft.getId(), "cosign", Map.of("userIds", List.of(outside)), committee);
      assertThat(refused.status()).as(outside).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).isEqualTo("加签人只能是本机关党委的委员");
    }
    var offered = rest.get("/api/tasks/" + draft.getId() + "/actions", committee, committee).json().path("actions");
    assertThat(offered.findValues("people").stream().filter(p -> p.size() > 0).findFirst()).isPresent();
    assertThat(act(draft.getId(), "cosign", Map.of("userIds", List.of(committee2)), committee).status()).isEqualTo(200);
    assertThat(engine.getTaskService().getSubTasks(draft.getId())).extracting(Task::getAssignee).containsExactly(committee2);
  }

  private String deleteReason(String taskId) {
    HistoricTaskInstance done = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    return done.getDeleteReason();
  }
}
