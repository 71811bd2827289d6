package cn.liutong.feedback;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.RectificationDriver;
import cn.liutong.feedback.FeedbackLedger.Status;

/** Every path of {@code public-feedback}, on the real application, with the job executor off. */
class FeedbackProcessTest extends FeedbackTestBase {

  FeedbackDriver feedback;

  @BeforeEach
  void newDriver() {
    feedback = feedback();
  }

  @Test
  void unsatisfiedRatingStartsARectificationAndTheItemClosesWhenItIsVerified() {
    ProcessInstance instance = feedback.submit().instance();
    assertThat(instance.getTenantId()).isEqualTo(agency.id());
    assertThat(feedback.task("Task_TriageFeedback")).hasCandidateGroup(agency.committeeGroup());
    assertThat(feedback.row().status()).isEqualTo(Status.RECEIVED);

    feedback.assignTo(agency.branch(BUDGET));
    assertThat(feedback.task("Task_HandleFeedback")).hasCandidateGroup(agency.secretariesGroup(BUDGET));
    assertThat(feedback.row().status()).isEqualTo(Status.ASSIGNED);
    assertThat(jdbc.queryForObject("select branch_name from lt_feedback where id = ?", String.class, feedback.row().id()))
        .isEqualTo("预算处党支部");

    feedback.handle(null).returnReply("答复未说明后续如何避免再次发生");
    assertThat(engine.getTaskService().getVariable(feedback.task("Task_HandleFeedback").getId(), "replyReturnReason"))
        .isEqualTo("答复未说明后续如何避免再次发生");
    assertThat(feedback.row().reply()).as("a draft is never public").isNull();
    feedback.handle(null).approveReply();

    assertThat(instance).isWaitingAt("Task_AwaitRating");
    assertThat(channel.track(feedback.code())).hasValueSatisfying(t -> {
      assertThat(t.status()).isEqualTo("replied");
      assertThat(t.reply()).startsWith("经核实，当日因系统故障");
      assertThat(t.ratingPossible()).isTrue();
    });

    feedback.rate(1);
    assertThat(feedback.row().status()).isEqualTo(Status.RATED);
    assertThat(feedback.row().satisfaction()).isEqualTo(1);
    ProcessInstance rectification = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult();
    assertThat(rectification.getProcessDefinitionId()).startsWith("rectification:");
    assertThat(rectification.getTenantId()).isEqualTo(agency.id());
    Map<String, Object> handedOver = engine.getRuntimeService().getVariables(rectification.getId());
    assertThat(handedOver).containsEntry("branchCode", agency.branch(BUDGET)).containsEntry("branchName", "预算处党支部")
        .containsEntry("source", "feedback").containsEntry("sourceLabel", "群众意见");
    assertThat((String) handedOver.get("problem")).contains(FeedbackDriver.SUBJECT).contains("1分（满分5分）")
        .contains("答复不解决实际问题");
    assertThat(jdbc.queryForObject("select status from lt_rectification where process_instance_id = ?", String.class,
        rectification.getId())).isEqualTo("open");
    assertThat(channel.rate(feedback.code(), 5, null)).as("rated once").isEqualTo(FeedbackChannel.Rating.NOT_RATEABLE);

    new RectificationDriver(engine, rectification).completely();
    assertThat(instance).isEnded();
    assertThat(instance).hasPassedInOrder("Task_TriageFeedback", "Task_HandleFeedback", "Task_ApproveReply",
        "Task_HandleFeedback", "Task_ApproveReply", "Task_PublishReply", "Task_AwaitRating", "Task_DescribeProblem",
        "CallActivity_Rectification", "Task_CloseFeedback", "EndEvent_FeedbackClosed");
    assertThat(feedback.row().status()).isEqualTo(Status.CLOSED);
    assertThat(channel.track(feedback.code()).orElseThrow().ratingPossible()).isFalse();
  }

  @Test
  void rejectedFeedbackEndsWithAReasonTheSubmitterCanRead() {
    ProcessInstance instance = feedback.submit().instance();
    feedback.reject("所反映事项属于市税务局职责，请向市税务局反映");

    assertThat(instance).isEnded().hasPassed("Task_RecordRejection", "EndEvent_FeedbackRejected");
    FeedbackChannel.Tracking tracking = channel.track(feedback.code()).orElseThrow();
    assertThat(tracking.status()).isEqualTo("rejected");
    assertThat(tracking.rejectReason()).isEqualTo("所反映事项属于市税务局职责，请向市税务局反映");
    assertThat(tracking.reply()).isNull();
    assertThat(tracking.ratingPossible()).isFalse();
    assertThat(channel.rate(feedback.code(), 1, null)).isEqualTo(FeedbackChannel.Rating.NOT_RATEABLE);
  }

  @Test
  void withoutARatingInTheRatingPeriodTheItemClosesUnrated() {
    ProcessInstance instance = feedback.submit().instance();
    feedback.replied(agency.branch(TREASURY));

    var timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("BoundaryEvent_RatingTimeout").singleResult();
    assertThat(timer).as("rating period timer").isNotNull();
    engine.getManagementService().executeJob(timer.getId());

    assertThat(instance).isEnded().hasPassed("Task_CloseRating", "Task_CloseFeedback").hasNotPassed("CallActivity_Rectification");
    assertThat(feedback.row().status()).isEqualTo(Status.CLOSED);
    assertThat(feedback.row().satisfaction()).isNull();
    assertThat(channel.rate(feedback.code(), 4, null)).isEqualTo(FeedbackChannel.Rating.NOT_RATEABLE);
  }

  @Test
  void aRatingArrivingAfterTheRatingPeriodEndedChangesNothing() {
    feedback.submit().replied(agency.branch(TREASURY));
    var timer = engine.getManagementService().createJobQuery().processInstanceId(feedback.instanceId()).singleResult();
    engine.getManagementService().executeJob(timer.getId());
    // The race: the ledger still says "replied" when the rating comes, but the process no longer waits.
    jdbc.update("update lt_feedback set status = 'replied' where id = ?", feedback.row().id());

    assertThat(channel.rate(feedback.code(), 2, null)).isEqualTo(FeedbackChannel.Rating.NOT_RATEABLE);
    assertThat(feedback.row().satisfaction()).as("the ledger update is rolled back with the correlation").isNull();
    assertThat(feedback.row().status()).isEqualTo(Status.REPLIED);
  }

  @Test
  void aConfirmedProblemIsRectifiedEvenWhenTheSubmitterIsSatisfied() {
    ProcessInstance instance = feedback.submit().instance();
    feedback.assignTo(agency.branch(AUDIT)).handle("办事大厅高峰时段窗口不足，未建立应急分流机制").approveReply().rate(5);

    ProcessInstance rectification = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult();
    assertThat(rectification).isNotNull();
    assertThat(engine.getRuntimeService().getVariable(rectification.getId(), "branchCode")).isEqualTo(agency.branch(AUDIT));
    assertThat((String) engine.getRuntimeService().getVariable(rectification.getId(), "problem"))
        .contains("办事大厅高峰时段窗口不足").contains("5分（满分5分）");
    assertThat(feedback.row().status()).isEqualTo(Status.RATED);
  }

  @Test
  void aRectificationFromFeedbackCountsInTheAgencysRunningCycle() {
    var cycle = new cn.liutong.cycle.CycleDriver(engine, agency).start();
    ProcessInstance instance = feedback.submit().instance();
    feedback.assignTo(agency.branch(BUDGET)).handle("窗口人员业务不熟，群众反复跑腿").approveReply().rate(1);

    ProcessInstance rectification = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult();
    assertThat(engine.getRuntimeService().getVariable(rectification.getId(), "cycleId")).isEqualTo(cycle.cycleId());
  }

  @Test
  void aSatisfiedRatingWithoutAProblemClosesAtOnce() {
    ProcessInstance instance = feedback.submit().instance();
    feedback.replied(agency.branch(BUDGET)).rate(3);

    assertThat(instance).isEnded().hasNotPassed("CallActivity_Rectification");
    assertThat(feedback.row().status()).isEqualTo(Status.CLOSED);
    assertThat(feedback.row().satisfaction()).isEqualTo(3);
  }

  @Test
  void formsRefuseIncompleteDecisions() {
    feedback.submit();
    assertThatThrownBy(() -> feedback.submit("Task_TriageFeedback", Map.of("triageDecision", "assign")))
        .hasMessageContaining("请选择承办支部");
    assertThatThrownBy(() -> feedback.assignTo("educationOffice")).as("not a branch of this agency")
        .hasMessageContaining("请选择承办支部");
    assertThatThrownBy(() -> feedback.submit("Task_TriageFeedback", Map.of("triageDecision", "reject")))
        .hasMessageContaining("不予受理理由不能为空");
    assertThat(feedback.row().status()).isEqualTo(Status.RECEIVED);

    feedback.assignTo(agency.branch(BUDGET));
    assertThatThrownBy(() -> feedback.submit("Task_HandleFeedback", Map.of("handlingNotes", "已核实", "substantiveProblem", true)))
        .hasMessageContaining("答复意见不能为空").hasMessageContaining("需整改的问题不能为空");
    feedback.handle(null);
    assertThatThrownBy(() -> feedback.submit("Task_ApproveReply", Map.of("replyDecision", "returned")))
        .hasMessageContaining("退回理由不能为空");
    assertThat(feedback.row().reply()).isNull();
  }

  @Test
  void anInstanceStartedAroundThePublicChannelIsRefused() {
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("public-feedback").count();
    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("public-feedback",
        Map.of("agencyId", agency.id(), "subject", "绕过公开渠道", "feedbackText", "直接调用引擎发起的群众意见")))
        .hasMessageContaining("群众意见只能通过公开渠道提交");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("public-feedback").count())
        .isEqualTo(before);
  }
}
