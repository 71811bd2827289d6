package cn.liutong.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;

import cn.liutong.feedback.FeedbackLedger.Feedback;

/**
 * Drives one {@code public-feedback} item: submitted through the public channel (or found by the code an
 * HTTP test received), then through its forms as the committee and the branch do in Tasklist.
 */
class FeedbackDriver {

  static final String SUBJECT = "办事大厅排队时间过长";
  static final String TEXT = "上周二上午在市财政局办事大厅办理非税收入缴款，排队等候超过两个小时，希望增开窗口。";

  private final ProcessEngine engine;
  private final FeedbackChannel channel;
  private final FeedbackLedger ledger;
  private final String agencyId;
  private String code;

  FeedbackDriver(ProcessEngine engine, FeedbackChannel channel, FeedbackLedger ledger, String agencyId) {
    this.engine = engine;
    this.channel = channel;
    this.ledger = ledger;
    this.agencyId = agencyId;
  }

  FeedbackDriver submit() {
    return submit(SUBJECT);
  }

  FeedbackDriver submit(String subject) {
    code = channel.submit(agencyId, subject, TEXT, "13800138000");
    return this;
  }

  /** Takes over an item submitted elsewhere (over HTTP). */
  FeedbackDriver follow(String trackingCode) {
    code = trackingCode;
    return this;
  }

  String code() {
    return code;
  }

  Feedback row() {
    return ledger.byTrackingHash(TrackingCode.hashOf(code).orElseThrow());
  }

  ProcessInstance instance() {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(row().processInstanceId())
        .singleResult();
  }

  String instanceId() {
    return row().processInstanceId();
  }

  FeedbackDriver assignTo(String branch) {
    return submit("Task_TriageFeedback", Map.of("triageDecision", "assign", "branchCode", branch));
  }

  FeedbackDriver reject(String reason) {
    return submit("Task_TriageFeedback", Map.of("triageDecision", "reject", "rejectReason", reason));
  }

  FeedbackDriver handle(String problem) {
    Map<String, Object> form = new HashMap<>(Map.of(
        "handlingNotes", "已到办事大厅核实，上周二上午系统故障导致排队",
        "replyDraft", "经核实，当日因系统故障导致排队时间较长，现已修复，并在高峰时段增开两个窗口。",
        "substantiveProblem", problem != null));
    if (problem != null) {
      form.put("problemDescription", problem);
    }
    return submit("Task_HandleFeedback", form);
  }

  FeedbackDriver approveReply() {
    return submit("Task_ApproveReply", Map.of("replyDecision", "approved"));
  }

  FeedbackDriver returnReply(String reason) {
    return submit("Task_ApproveReply", Map.of("replyDecision", "returned", "replyReturnReason", reason));
  }

  /** Assigned to the branch, handled without a problem, reply approved: waiting for the rating. */
  FeedbackDriver replied(String branch) {
    return assignTo(branch).handle(null).approveReply();
  }

  FeedbackDriver rate(int satisfaction) {
    assertThat(channel.rate(code, satisfaction, "答复不解决实际问题")).isEqualTo(FeedbackChannel.Rating.RATED);
    return this;
  }

  Task task(String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instanceId()).taskDefinitionKey(activityId)
        .singleResult();
  }

  FeedbackDriver submit(String activityId, Map<String, Object> form) {
    Task task = task(activityId);
    assertThat(task).as("open task " + activityId).isNotNull();
    engine.getFormService().submitTaskForm(task.getId(), Variables.fromMap(form));
    return this;
  }
}
