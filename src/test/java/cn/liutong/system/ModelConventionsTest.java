package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Models are code: everything in bpmn/ and forms/ is deployed, and every model keeps the conventions
 * Modeler, Cockpit and Tasklist rely on. Each problem is listed with its file and element.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ModelConventionsTest {

  private static final Pattern MODELER_DEFAULT_ID = Pattern.compile(
      "^[A-Za-z]+_(\\d+|[0-9a-z]{7})$|^sid-.*");
  private static final Pattern READABLE_ID = Pattern.compile(
      "^(StartEvent|EndEvent|Task|BusinessRuleTask|SubProcess|CallActivity|Gateway|BoundaryEvent|TimerEvent|SequenceFlow)_[A-Z][A-Za-z]+$");

  @Autowired
  ProcessEngine engine;

  private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

  @Test
  void everyModelAndFormIsDeployed() throws IOException {
    var deployed = new HashSet<String>();
    engine.getRepositoryService().createDeploymentQuery().list().forEach(d ->
        engine.getRepositoryService().getDeploymentResourceNames(d.getId()).forEach(n -> deployed.add(n.replaceAll(".*/", ""))));
    for (Resource model : models("*")) {
      assertThat(deployed).as("deployed resources").contains(model.getFilename());
    }
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("integrated-cycle").count()).isPositive();
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("assessment-grade").count()).isPositive();
  }

  @Test
  void bpmnModelsFollowTheConventions() throws IOException {
    Set<String> formIds = formIds();
    List<String> problems = new ArrayList<>();
    for (Resource file : models("*.bpmn")) {
      BpmnModelInstance model;
      try (InputStream in = file.getInputStream()) {
        model = Bpmn.readModelFromStream(in);
      }
      String name = file.getFilename();
      for (Process process : model.getModelElementsByType(Process.class)) {
        check(problems, process.getCamundaHistoryTimeToLiveString() != null, name, process.getId(), "no historyTimeToLive");
        check(problems, process.isExecutable(), name, process.getId(), "not executable");
      }
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        readable(problems, name, node);
        check(problems, node.getDiagramElement() != null, name, node.getId(), "has no diagram shape");
        check(problems, !(node instanceof ScriptTask), name, node.getId(), "is a script task");
        if (!(node instanceof StartEvent) && !node.getElementType().getTypeName().contains("Event")
            && !node.getElementType().getTypeName().contains("Gateway")) {
          check(problems, node.getName() != null && node.getName().codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
              name, node.getId(), "has no Chinese name");
        }
      }
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        readable(problems, name, flow);
        check(problems, flow.getDiagramElement() != null, name, flow.getId(), "has no diagram edge");
      }
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        check(problems, task.getCamundaDelegateExpression() != null && task.getCamundaClass() == null, name, task.getId(),
            "does not use a delegate expression");
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        form(problems, formIds, name, task, task.getCamundaFormRef(), task.getCamundaFormRefBinding());
        check(problems, task.getCamundaAssignee() != null || task.getCamundaCandidateGroups() != null, name, task.getId(),
            "is routed to nobody");
        check(problems, task.getCamundaDueDate() != null, name, task.getId(), "has no due date");
        check(problems, task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().startsWith("${"),
            name, task.getId(), "is routed to a hard-coded group");
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getCamundaFormRef() != null) {
          form(problems, formIds, name, start, start.getCamundaFormRef(), start.getCamundaFormRefBinding());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void decisionsHaveTimeToLiveAndReadableIds() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Resource file : models("*.dmn")) {
      try (InputStream in = file.getInputStream()) {
        for (Decision decision : Dmn.readModelFromStream(in).getModelElementsByType(Decision.class)) {
          check(problems, decision.getCamundaHistoryTimeToLiveString() != null, file.getFilename(), decision.getId(), "no historyTimeToLive");
          check(problems, !MODELER_DEFAULT_ID.matcher(decision.getId()).matches(), file.getFilename(), decision.getId(), "Modeler default id");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private void form(List<String> problems, Set<String> formIds, String file, BaseElement element, String formRef, String binding) {
    check(problems, formRef != null && formIds.contains(formRef), file, element.getId(), "refers to missing form " + formRef);
    check(problems, "deployment".equals(binding), file, element.getId(), "form is not bound to its deployment");
  }

  private static void readable(List<String> problems, String file, BaseElement element) {
    check(problems, !MODELER_DEFAULT_ID.matcher(element.getId()).matches() && READABLE_ID.matcher(element.getId()).matches(),
        file, element.getId(), "id is not a readable, prefixed id");
  }

  private static void check(List<String> problems, boolean ok, String file, String element, String problem) {
    if (!ok) {
      problems.add(file + " " + element + ": " + problem);
    }
  }

  private Resource[] models(String pattern) throws IOException {
    return resources.getResources("classpath*:models/" + pattern);
  }

  private Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (Resource form : models("*.form")) {
      try (InputStream in = form.getInputStream()) {
        ids.add(json.readTree(in).path("id").asText());
      }
    }
    return ids;
  }
}
