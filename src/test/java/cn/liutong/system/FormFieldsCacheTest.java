package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link FormFields} parses a task's form once per process definition and task: a task of an older version of
 * a process keeps the form deployed with that version, a task of the new version gets the new form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class FormFieldsCacheTest {

  static final String KEY = "form_fields_cache";
  static final String FORM = "form-fields-cache";

  @Autowired
  ProcessEngine engine;

  @Autowired
  FormFields forms;

  /** Deploys the process with a form whose one editable field is {@code field}; returns a new task of it. */
  private String taskWithForm(String field) {
    var model = Bpmn.createExecutableProcess(KEY).name("表单缓存").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Cache").sequenceFlowId("SequenceFlow_CacheStarted")
        .userTask("Task_Cache").name("填写表单").camundaAssignee("demo").camundaDueDate("${due.inDays(7)}")
        .camundaFormRef(FORM).camundaFormRefBinding("deployment")
        .sequenceFlowId("SequenceFlow_CacheDone").endEvent("EndEvent_Cache").done();
    String form = "{\"id\": \"" + FORM + "\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": ["
        + "{\"id\": \"Field_" + field + "\", \"type\": \"textfield\", \"key\": \"" + field + "\", \"label\": \"字段\"}]}";
    String definition = engine.getRepositoryService().createDeployment().name("form fields cache " + field)
        .addModelInstance(KEY + ".bpmn", model).addString(FORM + ".form", form).deployWithResult()
        .getDeployedProcessDefinitions().get(0).getId();
    String instance = engine.getRuntimeService().startProcessInstanceById(definition).getId();
    return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private void check(String taskId, String field) {
    forms.checkTask(new FormFields.Change(taskId, Map.of(field, "内容"), List.of()));
  }

  @Test
  void eachVersionKeepsItsOwnForm() {
    String older = taskWithForm("first");
    check(older, "first"); // parsed and kept
    assertThatThrownBy(() -> check(older, "second")).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("second");

    String newer = taskWithForm("second");
    check(newer, "second");
    assertThatThrownBy(() -> check(newer, "first")).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("first");

    check(older, "first");
    assertThatThrownBy(() -> check(older, "second")).as("the older task still has the older form")
        .isInstanceOf(AuthorizationException.class);
    assertThat(forms.shownFields(newer)).contains("second").doesNotContain("first");
  }

  @Test
  void aTaskThatIsGoneIsRefused() {
    assertThatThrownBy(() -> check("no-such-task", "first")).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("no-such-task");
  }
}
