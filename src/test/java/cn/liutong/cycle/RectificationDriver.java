package cn.liutong.cycle;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;

import cn.liutong.support.TestAgency;

/** Drives one {@code rectification} instance through its forms. */
public class RectificationDriver {

  private final ProcessEngine engine;
  private final ProcessInstance instance;

  public RectificationDriver(ProcessEngine engine, ProcessInstance instance) {
    this.engine = engine;
    this.instance = instance;
  }

  /**
   * A rectification started on its own (no cycle) for one of the agency's branches, as a finding starts it, due in
   * 30 days, its plan approved: the branch's secretary is at 提交整改情况及佐证.
   */
  public static RectificationDriver rectifying(ProcessEngine engine, TestAgency agency, String branchKey, String problem) {
    return new RectificationDriver(engine, engine.getRuntimeService().createProcessInstanceByKey("rectification")
        .setVariables(Variables.createVariables().putValue("agencyId", agency.id())
            .putValue("branchCode", agency.branch(branchKey)).putValue("branchName", agency.unitName(branchKey))
            .putValue("source", "inspection").putValue("problem", problem).putValue("rectificationDays", 30))
        .execute()).plan().approvePlan();
  }

  /** The rectifications a cycle started for a branch. */
  public static List<ProcessInstance> of(ProcessEngine engine, String cycleId, String branch) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("rectification")
        .variableValueEquals("cycleId", cycleId).variableValueEquals("branchCode", branch).list();
  }

  public ProcessInstance instance() {
    return instance;
  }

  public Task task(String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).singleResult();
  }

  public RectificationDriver submit(String activityId, Map<String, Object> form) {
    engine.getFormService().submitTaskForm(task(activityId).getId(), Variables.fromMap(form));
    return this;
  }

  public RectificationDriver plan() {
    return submit("Task_DraftRectificationPlan", Map.of("rectificationPlan", "一个月内补开组织生活会并建立台账"));
  }

  public RectificationDriver approvePlan() {
    return submit("Task_ReviewRectificationPlan", Map.of("planDecision", "approved"));
  }

  public RectificationDriver evidence() {
    return submit("Task_SubmitEvidence", Map.of("evidence", "已补开组织生活会，会议记录和台账已上传"));
  }

  public RectificationDriver verify() {
    return submit("Task_VerifyRectification", Map.of("verificationDecision", "verified"));
  }

  /** The branch asks, on the evidence task, for the deadline {@code date} (yyyy-MM-dd). */
  public RectificationDriver requestExtension(String date, String reason) {
    return submit("Task_SubmitEvidence", extensionRequest(date, reason));
  }

  public static Map<String, Object> extensionRequest(String date, String reason) {
    return Map.of("evidenceAction", "requestExtension", "extensionDate", date, "extensionReason", reason);
  }

  public RectificationDriver approveExtension() {
    return submit("Task_ReviewExtension", Map.of("extensionDecision", "approved"));
  }

  public RectificationDriver refuseExtension(String reason) {
    return submit("Task_ReviewExtension", Map.of("extensionDecision", "refused", "extensionRefusalReason", reason));
  }

  public RectificationDriver completely() {
    return plan().approvePlan().evidence().verify();
  }
}
