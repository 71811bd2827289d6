package cn.liutong.system;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * A model is deployed as Camunda Modeler 5.x deploys it ({@code POST /engine-rest/deployment/create}, multipart,
 * the diagram and its attached files, duplicate filtering, HTTP Basic) and refused, whole, when it breaks the conventions: 400 with a Chinese message naming each
 * element, which Modeler shows in its log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DeploymentCheckTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** Another agency, whose people must neither see nor touch the class's agency. */
  @RegisterExtension
  static final TestAgency other = TestAgency.fresh();

  private static final String DEPLOYMENT_NAME = "deployment-check-probe";
  private static final String FORM_FILE = "deploy-check-probe.form";
  private static final String FORM = """
      {"id": "deploy-check-probe", "type": "default", "schemaVersion": 16, "components": [
        {"id": "Field_Note", "key": "note", "label": "说明", "type": "textfield"}]}""";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @AfterEach
  void removeProbes() {
    var repository = engine.getRepositoryService();
    repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME).list()
        .forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  /** A user task as the models write one: form bound to the deployment, due date, candidate group expression. */
  static BpmnModelInstance conforming() {
    return Bpmn.createExecutableProcess("deploy-check-probe").name("部署检查探针").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Probe")
        .sequenceFlowId("SequenceFlow_ProbeStarted")
        .userTask("Task_Probe").name("检查探针任务")
          .camundaFormRef("deploy-check-probe").camundaFormRefBinding("deployment")
          .camundaCandidateGroups("${organisation.committee(agencyId)}").camundaDueDate("${due.inDays(7)}")
        .sequenceFlowId("SequenceFlow_ProbeDone")
        .endEvent("EndEvent_Probe")
        .done();
  }

  private Rest.Response deploy(BpmnModelInstance model, boolean withForm, String user) {
    return deploy(model, withForm ? Map.of(FORM_FILE, FORM) : Map.of(), user);
  }

  private Rest.Response deploy(BpmnModelInstance model, Map<String, String> forms, String user) {
    Map<String, String> files = new java.util.LinkedHashMap<>(forms);
    files.put("deploy-check-probe.bpmn", Bpmn.convertToString(model));
    return new Rest(port).postFiles("/engine-rest/deployment/create",
        Map.of("deployment-name", DEPLOYMENT_NAME, "deployment-source", "Camunda Modeler", "enable-duplicate-filtering", "true"),
        files, user);
  }

  private long probesDeployed() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("deploy-check-probe").count();
  }

  @Test
  void aConformingModelDeploysWithItsForm() {
    var response = deploy(conforming(), true, "admin");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("deployedProcessDefinitions").size()).isEqualTo(1);
    assertThat(probesDeployed()).isEqualTo(1);
  }

  /** As a task made from an element template: it names no complete listener, and gets its form's server check. */
  @Test
  void aTaskWithoutItsOwnListenerGetsItsFormsServerCheck() throws Exception {
    BpmnModelInstance model = conforming();
    model.<UserTask>getModelElementById("Task_Probe").setCamundaFormRef("sign-for");
    String signFor = new String(getClass().getResourceAsStream("/models/sign-for.form").readAllBytes(), StandardCharsets.UTF_8);
    assertThat(deploy(model, Map.of("sign-for.form", signFor), "admin").status()).isEqualTo(200);

    var instance = engine.getRuntimeService().startProcessInstanceByKey("deploy-check-probe", Map.of("agencyId", agency.id()));
    var task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("signForDecision", "maybe")))
        .hasMessageContaining("请选择签收意见");
    engine.getTaskService().complete(task.getId(), Map.of("signForDecision", "signed"));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aUserTaskWithoutFormIsRefusedNamingTheElement() {
    BpmnModelInstance model = conforming();
    UserTask task = model.getModelElementById("Task_Probe");
    task.setCamundaFormRef(null);
    task.setCamundaFormRefBinding(null);

    var response = deploy(model, true, "admin");

    assertThat(response.status()).isEqualTo(400);
    String message = response.json().path("message").asText();
    assertThat(message).startsWith("流程模型不符合本系统的约定，未部署。")
        .contains("“检查探针任务”（Task_Probe）：没有表单（camunda:formRef）")
        .contains("表单应绑定到同一次部署")
        .doesNotContain("ENGINE-").doesNotContain("Exception");
    assertThat(response.json().path("type").asText()).isEqualTo("BadRequest");
    assertThat(response.json().at("/details/deploy-check-probe.bpmn/errors/0/mainElementId").asText()).isEqualTo("Task_Probe");
    assertThat(probesDeployed()).as("nothing of the deployment is stored").isZero();
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName(DEPLOYMENT_NAME).count()).isZero();
  }

  /** The server enforces a form's validate blocks: a rule it could not read is refused at deployment. */
  @Test
  void aFormWithAnUnreadablePatternIsRefused() {
    String form = FORM.replace("\"type\": \"textfield\"}", "\"type\": \"textfield\", \"validate\": {\"pattern\": \"[0-9\"}}");
    assertThat(form).contains("pattern");

    var response = deploy(conforming(), Map.of(FORM_FILE, form), "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("字段“note”的校验规则 pattern 不是有效的正则表达式");
    assertThat(probesDeployed()).isZero();
  }

  @Test
  void aFormLeftOutOfTheDeploymentIsRefused() {
    var response = deploy(conforming(), false, "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText())
        .contains("（Task_Probe）：引用的表单“deploy-check-probe”不在同一次部署中");
    assertThat(probesDeployed()).isZero();
  }

  @Test
  void anUnknownBeanIsRefusedNamingTheElementAndTheBean() {
    BpmnModelInstance model = conforming();
    model.<UserTask>getModelElementById("Task_Probe").setCamundaCandidateGroups("${organisaton.committee(agencyId)}");

    var response = deploy(model, true, "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText())
        .contains("（Task_Probe）：表达式“${organisaton.committee(agencyId)}”引用了系统中不存在的组件“organisaton”");
    assertThat(probesDeployed()).isZero();
  }

  @Test
  void aUserTaskWithoutDueDateIsRefused() {
    BpmnModelInstance model = conforming();
    model.<UserTask>getModelElementById("Task_Probe").setCamundaDueDate(null);

    var response = deploy(model, true, "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("“检查探针任务”（Task_Probe）：没有到期日");
    assertThat(probesDeployed()).isZero();
  }

  @Test
  void everyProblemIsListedOnce() {
    BpmnModelInstance model = conforming();
    UserTask task = model.getModelElementById("Task_Probe");
    task.setCamundaDueDate(null);
    task.setCamundaCandidateGroups(agency.committeeGroup());
    model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
        .forEach(p -> p.setCamundaHistoryTimeToLiveString(null));

    var response = deploy(model, true, "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText())
        .contains("（共3处）")
        .contains("没有到期日").contains("候选组写死了组名").contains("没有设置历史保留期");
  }

  @Test
  void aModelCamundaCannotReadIsRefusedInChinese() {
    String model = Bpmn.convertToString(conforming());
    var response = new Rest(port).postFile("/engine-rest/deployment/create", Map.of("deployment-name", DEPLOYMENT_NAME),
        "broken.bpmn", model.substring(0, model.length() / 2), "admin");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).startsWith("流程模型不符合本系统的约定，未部署。")
        .containsPattern("broken.bpmn “broken.bpmn”：文件无法解析（第\\d+行第\\d+列）").doesNotContain("ENGINE-");
  }

  @Test
  void onlyAdministratorsDeploy() {
    String ours = engine.getRepositoryService().createDeploymentQuery().orderByDeploymentTime().desc().list().get(0).getId();
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    for (String user : new String[] {agency.committee(), agency.partyGroup(), agency.secretary(BUDGET), agency.member(BUDGET, 0),
        other.committee()}) {
      var response = deploy(conforming(), true, user);
      assertThat(response.status()).as(user).isEqualTo(403);
      assertThat(response.json().path("message").asText()).isEqualTo("无权执行此操作");
      // the other door to a new deployment: redeploying one that exists
      assertThat(new Rest(port).post("/engine-rest/deployment/" + ours + "/redeploy", "{}", user).status()).as(user).isEqualTo(403);
    }
    assertThat(probesDeployed()).isZero();
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
  }
}
