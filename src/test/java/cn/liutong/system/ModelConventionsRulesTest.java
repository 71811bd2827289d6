package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The rules of {@link ModelConventions} one by one, without an engine. */
class ModelConventionsRulesTest {

  private static final ModelConventions.Known KNOWN = new ModelConventions.Known(
      Set.of("organisation", "due", "recordGoalsDelegate")::contains, Set.of("sign-for"), Set.of("assessment-grade"));

  @Test
  void theBeansAnExpressionNeedsAreTheRootsOfMemberAccesses() {
    assertThat(ModelConventions.beansNamedIn("${organisation.committee(agencyId)}", false)).containsExactly("organisation");
    assertThat(ModelConventions.beansNamedIn("${due.inDays(7)}", false)).containsExactly("due");
    assertThat(ModelConventions.beansNamedIn("${recordGoalsDelegate}", true)).containsExactly("recordGoalsDelegate");
    assertThat(ModelConventions.beansNamedIn("${memberId}", false)).isEmpty();
    assertThat(ModelConventions.beansNamedIn("${signForDecision == 'a.b'}", false)).isEmpty();
    assertThat(ModelConventions.beansNamedIn("${decisionResult.getSingleResult().grade}", false)).isEmpty();
    assertThat(ModelConventions.beansNamedIn("${cycleBranches.name(execution, branchCode)}", false))
        .containsExactly("cycleBranches");
    assertThat(ModelConventions.beansNamedIn("${not empty x and foo.bar}", false)).containsExactly("foo");
  }

  @Test
  void aConformingTaskHasNoProblem() {
    assertThat(ModelConventions.check("probe.bpmn", model("${organisation.committee(agencyId)}", "${due.inDays(7)}", "sign-for"),
        KNOWN)).isEmpty();
  }

  @Test
  void eachBrokenRuleIsNamedWithItsElement() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("probe")
        .startEvent().userTask("UserTask_1").camundaCandidateGroups("financeCommittee")
        .scriptTask("Task_Script").name("脚本").scriptFormat("javascript").scriptText("1")
        .serviceTask("Task_Class").name("类").camundaClass("x.Y")
        .endEvent().done();
    model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
        .forEach(p -> p.setCamundaHistoryTimeToLiveString(null)); // the builder sets one

    var problems = ModelConventions.check("probe.bpmn", model, KNOWN).stream().map(ModelConventions.Problem::text).toList();

    assertThat(problems).contains(
        "probe.bpmn “probe”：没有设置历史保留期（historyTimeToLive）",
        "probe.bpmn “UserTask_1”（UserTask_1）：编号不可读：应以类型开头、后接英文词，如 Task_SignFor、SequenceFlow_GoalsApprovedNo",
        "probe.bpmn “UserTask_1”（UserTask_1）：没有表单（camunda:formRef）",
        "probe.bpmn “UserTask_1”（UserTask_1）：没有到期日（camunda:dueDate，如 ${due.inDays(7)}）",
        "probe.bpmn “UserTask_1”（UserTask_1）：候选组写死了组名，应使用表达式（如 ${organisation.committee(agencyId)}）",
        "probe.bpmn “UserTask_1”（UserTask_1）：没有中文名称",
        "probe.bpmn “脚本”（Task_Script）：是脚本任务，请改用服务任务（委托表达式）",
        "probe.bpmn “类”（Task_Class）：服务任务应使用委托表达式（camunda:delegateExpression，如 ${recordGoalsDelegate}）");
  }

  @Test
  void anUnknownBeanAndAFormOutsideTheDeploymentAreRefused() {
    var problems = ModelConventions.check("probe.bpmn", model("${organisaton.committee(agencyId)}", "${due.inDays(7)}", "draft-goals"),
        KNOWN).stream().map(ModelConventions.Problem::text).toList();

    assertThat(problems).containsExactlyInAnyOrder(
        "probe.bpmn “检查”（Task_Probe）：表达式“${organisaton.committee(agencyId)}”引用了系统中不存在的组件“organisaton”",
        "probe.bpmn “检查”（Task_Probe）：引用的表单“draft-goals”不在同一次部署中（请把 forms/draft-goals.form 一起部署）");
  }

  /** Read from our own models: what a task made from a template gets when it names no complete listener. */
  @Test
  void everyFormOfOurTasksHasOneServerCheck() throws Exception {
    var checks = FormServerChecks.checksOfOurModels(
        new PathMatchingResourcePatternResolver().getResources("classpath*:models/*.bpmn"));

    Set<String> taskForms;
    try (var files = Files.list(Path.of("forms"))) {
      taskForms = files.map(f -> f.getFileName().toString().replace(".form", "")).collect(Collectors.toSet());
    }
    Set<String> startForms = new java.util.HashSet<>();
    for (var model : new PathMatchingResourcePatternResolver().getResources("classpath*:models/*.bpmn")) {
      try (var in = model.getInputStream()) {
        Bpmn.readModelFromStream(in).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class).stream()
            .map(e -> e.getCamundaFormRef()).filter(java.util.Objects::nonNull).forEach(startForms::add);
      }
    }
    assertThat(startForms).as("the start forms").contains("cycle-start", "vanguard-apply", "adjustment-start");
    taskForms.removeAll(startForms);

    assertThat(checks.keySet()).as("every task form in forms/").isEqualTo(taskForms);
    assertThat(checks)
        .containsEntry("sign-for", "${signForForm}")
        .containsEntry("member-pledge", "${pledgeForm}")
        .containsEntry("verify-rectification", "${verificationForm}")
        .doesNotContainKey("cycle-start");
  }

  private static BpmnModelInstance model(String candidateGroups, String dueDate, String form) {
    return Bpmn.createExecutableProcess("probe").name("探针").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Probe").sequenceFlowId("SequenceFlow_ProbeStarted")
        .userTask("Task_Probe").name("检查").camundaCandidateGroups(candidateGroups).camundaDueDate(dueDate)
        .camundaFormRef(form).camundaFormRefBinding("deployment")
        .sequenceFlowId("SequenceFlow_ProbeDone").endEvent("EndEvent_Probe").done();
  }
}
