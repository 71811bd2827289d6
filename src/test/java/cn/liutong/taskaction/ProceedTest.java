package cn.liutong.taskaction;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * 推进 (#11 point 3): a stage does not wait for a late branch once the committee decides so. On a branch's
 * overdue task in 同部署 (sign-for) or 同落实 (plan, pledges) the committee, with a reason, ends the branch's open
 * work in the stage; the stage goes on when the other branches are done; the branch stays recorded as late.
 */
class ProceedTest extends TaskActionsTestBase {

  private static final String REASON = "预算处党支部逾期未签收，经党委会研究按期推进";
  private static final long DAY = 24 * 60 * 60 * 1000L;

  @Test
  void theCommitteeStopsWaitingForABranchThatHasNotSignedFor() {
    cycle.start().plan().decompose().signFor(agency.branch(AUDIT)).signFor(agency.branch(TREASURY)).continuations();
    Task signFor = cycle.branchTask("Task_SignFor", branch);
    String id = signFor.getId();

    var early = act(id, "proceed", Map.of("reason", REASON), committee);
    assertThat(early.status()).as(early.body()).isEqualTo(403);
    assertThat(early.json().path("message").asText()).isEqualTo("此任务尚未逾期，逾期后机关党委方可决定不再等待");
    assertThat(offered(id, committee)).doesNotContain("proceed");

    ClockUtil.setCurrentTime(new Date(signFor.getDueDate().getTime() + DAY));
    assertThat(offered(id, committee)).contains("proceed");
    assertThat(offered(id, secretary)).doesNotContain("proceed");
    assertThat(act(id, "proceed", Map.of("reason", REASON), secretary).json().path("message").asText())
        .isEqualTo("只有本机关党委可以决定推进");
    assertThat(act(id, "proceed", Map.of(), committee).json().path("message").asText()).isEqualTo("缺少字段：reason");
    assertThat(act(id, "proceed", Map.of("reason", "逾期"), committee).status()).isEqualTo(400);
    assertThat(act(id, "proceed", Map.of("reason", REASON), outsider).status()).isEqualTo(404);
    assertThat(actions(id)).isZero();
    assertThat(task(id)).isNotNull();

    var done = act(id, "proceed", Map.of("reason", REASON), committee);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("message").asText()).isEqualTo("已推进：不再等待预算处党支部");
    cycle.continuations();

    assertThat(cycle.tasks("Task_SignFor")).as("nothing of the branch's sign-for is left").isEmpty();
    assertThat(cycle.tasks("Task_PlanImplementation")).as("同落实 starts for every branch, the late one too").hasSize(3);
    assertThat(passes("EndEvent_SignForBranchLate")).isEqualTo(1);
    assertThat(passes("EndEvent_BranchSigned")).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lt_responsibility_item WHERE cycle_id = ? AND branch_code = ?"
        + " AND signed_at IS NOT NULL", Integer.class, cycle.cycleId(), branch)).as("its items stay unsigned").isZero();
    assertThat(jdbc.queryForMap("SELECT action, branch_code, actor, reason, task_key FROM lt_task_action WHERE task_id = ?", id))
        .containsEntry("ACTION", "proceed").containsEntry("BRANCH_CODE", branch).containsEntry("ACTOR", committee)
        .containsEntry("REASON", REASON).containsEntry("TASK_KEY", "Task_SignFor");
    assertThat(engine.getTaskService().getTaskComments(id)).extracting(Comment::getFullMessage)
        .containsExactly("推进：王强决定不再等待预算处党支部，结束其在本阶段未办结的事项，记为逾期未完成，理由：" + REASON);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(id).singleResult().getDeleteReason())
        .as("ended, not completed").isNotEqualTo("completed");
  }

  @Test
  void theCommitteeStopsWaitingForABranchsLatePledgesAndNotInARound() {
    atPledges();
    cycle.submit(pledgeOf(member), Map.of("pledge", "带头完成预算编审重点工作", "pioneerPost", false));
    for (String other : List.of(agency.branch(AUDIT), agency.branch(TREASURY))) {
      cycle.planImplementation(other).pledgeAll(other);
    }
    cycle.continuations();
    Task late = pledgeOf(member2);
    ClockUtil.setCurrentTime(new Date(late.getDueDate().getTime() + DAY));

    var done = act(late.getId(), "proceed", Map.of("reason", "张华长期外派，经党委研究不再等待本支部承诺"), committee);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    cycle.continuations();

    assertThat(cycle.tasks("Task_Pledge")).isEmpty();
    assertThat(passes("EndEvent_ImplementBranchLate")).isEqualTo(1);
    assertThat(passes("EndEvent_BranchImplemented")).as("the other two branches").isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.cycleId())
        .activityId("SubProcess_Implement#multiInstanceBody").finished().count()).as("同落实 is done").isOne();
    assertThat(jdbc.queryForList("SELECT member_id FROM lt_pledge WHERE cycle_id = ? AND branch_code = ?", String.class,
        cycle.cycleId(), branch)).as("what the branch did stays").containsExactly(member);

    // a round's report is the committee's calendar, not a stage that waits: no 推进 there
    cycle.inspectionDue();
    Task report = cycle.branchTask("Task_ReportProgress", branch);
    ClockUtil.setCurrentTime(new Date(report.getDueDate().getTime() + DAY));
    var refused = act(report.getId(), "proceed", Map.of("reason", "逾期未报告进展，按期推进"), committee);
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().path("message").asText()).isEqualTo("只有同部署（签收）和同落实阶段可以不再等待逾期的支部");
    assertThat(actions(report.getId())).isZero();
  }

  @Test
  void nobodyEndsABranchsStageThroughTheEngineApi() {
    cycle.start().plan().decompose();
    Task signFor = cycle.branchTask("Task_SignFor", branch);
    ClockUtil.setCurrentTime(new Date(signFor.getDueDate().getTime() + DAY));
    String execution = engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(cycle.cycleId())
        .eventName("branchProceeded").list().stream()
        .filter(s -> branch.equals(engine.getRuntimeService().getVariable(s.getExecutionId(), "branchCode")))
        .findFirst().orElseThrow().getExecutionId();

    for (String user : List.of(secretary, member, committee, partyGroup)) {
      var message = rest.post("/engine-rest/message", Map.of("messageName", "branchProceeded",
          "processInstanceId", cycle.cycleId(), "all", true), user, user);
      assertThat(message.status()).as(user + " " + message.body()).isBetween(400, 499);
      var trigger = rest.post("/engine-rest/execution/" + execution + "/messageSubscriptions/branchProceeded/trigger",
          Map.of(), user, user);
      assertThat(trigger.status()).as(user + " " + trigger.body()).isBetween(400, 499);
    }
    assertThat(task(signFor.getId())).isNotNull();
    assertThat(cycle.tasks("Task_SignFor")).hasSize(3);
  }

  private List<String> offered(String taskId, String user) {
    var answer = rest.get("/api/tasks/" + taskId + "/actions", user, user);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("actions").findValuesAsText("action");
  }

  private long passes(String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.cycleId())
        .activityId(activityId).count();
  }
}
