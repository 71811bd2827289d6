package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * The deployed form's own {@code validate} blocks hold for a REST client as they do in the browser: a task
 * made from a form that no Java check knows (as an administrator would model one) refuses, with 400 and the
 * field's label in Chinese, whatever breaks a rule, and keeps nothing of the refused submission.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class FormRulesRestTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  private static final String DEPLOYMENT_NAME = "form-rules-probe";
  private static final String MEMBER = agency.committee(); // 市财政局机关党委
  private static final String FORM = """
      {"id": "form-rules-probe", "type": "default", "schemaVersion": 16, "components": [
        {"id": "Field_Title", "key": "title", "label": "标题", "type": "textfield",
         "validate": {"required": true, "minLength": 2, "maxLength": 10}},
        {"id": "Field_Score", "key": "score", "label": "得分（0-100）", "type": "number", "decimalDigits": 0,
         "validate": {"required": true, "min": 0, "max": 100}},
        {"id": "Field_Note", "key": "note", "label": "备注", "type": "textarea", "validate": {"maxLength": 5}},
        {"id": "Field_Decision", "key": "decision", "label": "意见", "type": "radio", "validate": {"required": true},
         "values": [{"label": "同意", "value": "yes"}, {"label": "退回", "value": "no"}]},
        {"id": "Field_Reason", "key": "reason", "label": "退回理由", "type": "textarea",
         "validate": {"required": true, "minLength": 5, "maxLength": 50}, "conditional": {"hide": "=decision != \\"no\\""}},
        {"id": "Field_Rows", "path": "rows", "label": "明细", "type": "dynamiclist", "isRepeating": true,
         "properties": {"rowLabel": "第{n}条明细"}, "components": [
           {"id": "Field_RowName", "key": "name", "label": "名称", "type": "textfield",
            "validate": {"required": true, "minLength": 2, "maxLength": 5}}]}]}""";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  private String taskId;

  @BeforeEach
  void startProbe() {
    var model = DeploymentCheckTest.conforming();
    model.<org.camunda.bpm.model.bpmn.instance.UserTask>getModelElementById("Task_Probe").setCamundaFormRef("form-rules-probe");
    engine.getRepositoryService().createDeployment().name(DEPLOYMENT_NAME)
        .addString("form-rules-probe.form", FORM).addString("form-rules-probe.bpmn", Bpmn.convertToString(model)).deploy();
    var instance = engine.getRuntimeService().startProcessInstanceByKey("deploy-check-probe", Map.of("agencyId", agency.id()));
    taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
  }

  @AfterEach
  void removeProbe() {
    var repository = engine.getRepositoryService();
    repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME).list()
        .forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  @Test
  void eachBrokenRuleIsRefusedWithTheFieldsLabelAndNothingIsKept() {
    refused(valid(Map.of("title", "")), "标题不能为空");
    refused(without("title"), "标题不能为空");
    refused(valid(Map.of("title", "长".repeat(11))), "标题应为2至10个字，当前11个字");
    refused(valid(Map.of("title", "短")), "标题应为2至10个字，当前1个字");
    refused(valid(Map.of("score", -1)), "得分应在0至100之间");
    refused(valid(Map.of("score", 100.5)), "得分应在0至100之间");
    refused(valid(Map.of("score", 99.5)), "得分必须是整数");
    refused(without("score"), "得分不能为空");
    refused(valid(Map.of("note", "六个字的备注")), "备注不能超过5个字");
    refused(valid(Map.of("decision", "maybe")), "请选择意见");
    refused(valid(Map.of("decision", "no")), "退回理由不能为空");
    refused(valid(Map.of("rows", rows("好名", "x"))), "第2条明细：名称应为2至5个字，当前1个字");

    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).as("the task stays open").isOne();
    assertThat(engine.getRuntimeService().getVariables(engine.getTaskService().createTaskQuery().taskId(taskId)
        .singleResult().getProcessInstanceId())).as("nothing of a refused submission is kept")
        .containsOnlyKeys("agencyId");
  }

  @Test
  void aValidSubmissionCompletesTheTask() {
    // the reason is hidden unless the decision is 退回; characters outside the BMP count once
    var response = complete(valid(Map.of("title", "𠀀".repeat(10), "note", "", "score", 100)));

    assertThat(response.status()).as(response.body()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isZero();
  }

  private void refused(Map<String, Object> variables, String problem) {
    var response = complete(variables);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).as(variables.toString())
        .contains("提交的内容有误：").contains(problem).doesNotContain("ENGINE-");
  }

  private Rest.Response complete(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, value instanceof List<?> list
        ? Map.of("value", json(list), "type", "Json") : java.util.Collections.singletonMap("value", value)));
    return new Rest(port).post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed), MEMBER, MEMBER);
  }

  private static Map<String, Object> valid(Map<String, Object> changes) {
    Map<String, Object> variables = new LinkedHashMap<>(Map.of("title", "季度小结", "score", 80, "decision", "yes",
        "rows", rows("甲项", "乙项")));
    variables.putAll(changes);
    return variables;
  }

  private static Map<String, Object> without(String name) {
    Map<String, Object> variables = valid(Map.of());
    variables.remove(name);
    return variables;
  }

  private static List<Map<String, Object>> rows(String... names) {
    return java.util.Arrays.stream(names).map(n -> Map.<String, Object>of("name", n)).toList();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
