package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The element templates administrators use in Camunda Modeler ({@code bpmn/.camunda/element-templates/}):
 * each is a valid Camunda 7 template, speaks Chinese, writes only beans and forms the application has, and
 * applied to a task gives what the real models have (read with the Camunda model API) and passes the
 * deployment check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("bpmn", ".camunda", "element-templates");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  /** The binding types of the Camunda 7 template schema. */
  static final Set<String> C7_BINDINGS = Set.of("property", "camunda:property", "camunda:inputParameter",
      "camunda:outputParameter", "camunda:in", "camunda:in:businessKey", "camunda:out", "camunda:executionListener",
      "camunda:field", "camunda:errorEventDefinition");
  static final Set<String> TYPES = Set.of("String", "Text", "Boolean", "Dropdown", "Hidden");

  @Autowired
  ApplicationContext beans;

  private final ObjectMapper json = new ObjectMapper();
  private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
  private final List<JsonNode> templates = new ArrayList<>();
  private final List<BpmnModelInstance> models = new ArrayList<>();
  private ModelConventions.Known known;

  @BeforeAll
  void read() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode array = json.readTree(file.toFile());
        assertThat(array.isArray()).as(file + " is a JSON array of templates").isTrue();
        array.forEach(templates::add);
      }
    }
    for (Resource model : resources.getResources("classpath*:models/*.bpmn")) {
      try (InputStream in = model.getInputStream()) {
        models.add(Bpmn.readModelFromStream(in));
      }
    }
    Set<String> forms = new HashSet<>();
    for (Resource form : resources.getResources("classpath*:models/*.form")) {
      try (InputStream in = form.getInputStream()) {
        forms.add(json.readTree(in).path("id").asText());
      }
    }
    Set<String> decisions = new HashSet<>();
    for (Resource dmn : resources.getResources("classpath*:models/*.dmn")) {
      try (InputStream in = dmn.getInputStream()) {
        Dmn.readModelFromStream(in).getModelElementsByType(Decision.class).forEach(d -> decisions.add(d.getId()));
      }
    }
    known = new ModelConventions.Known(beans::containsBean, forms, decisions);
  }

  @Test
  void theBuildingBlocksAreThere() {
    assertThat(templates).extracting(t -> t.path("id").asText()).containsExactlyInAnyOrder(
        "cn.liutong.BranchTask", "cn.liutong.MemberTask", "cn.liutong.CommitteeTask", "cn.liutong.PartyGroupTask",
        "cn.liutong.StartRectification", "cn.liutong.DueTimer", "cn.liutong.Remind", "cn.liutong.LedgerStep");
  }

  @Test
  void everyTemplateKeepsTheSchemasEssentials() {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode template : templates) {
      String id = template.path("id").asText();
      check(problems, SCHEMA.equals(template.path("$schema").asText()), id, "$schema of Camunda 7 templates");
      check(problems, !id.isBlank() && ids.add(id + "@" + template.path("version").asInt()), id, "id missing or twice");
      check(problems, template.path("version").isInt(), id, "version is an integer");
      check(problems, chinese(template.path("name").asText()) && chinese(template.path("description").asText()), id,
          "Chinese name and description");
      check(problems, template.path("appliesTo").isArray() && !template.path("appliesTo").isEmpty(), id, "appliesTo");
      template.path("appliesTo").forEach(a -> check(problems, a.asText().startsWith("bpmn:"), id, "appliesTo " + a));
      if (template.has("elementType")) {
        check(problems, template.path("elementType").path("value").asText().startsWith("bpmn:"), id, "elementType.value");
      }
      check(problems, template.path("properties").isArray() && !template.path("properties").isEmpty(), id, "properties");
      for (JsonNode property : template.path("properties")) {
        String type = property.path("type").asText();
        JsonNode binding = property.path("binding");
        String where = id + " " + binding.path("name").asText();
        check(problems, TYPES.contains(type), where, "type " + type);
        check(problems, C7_BINDINGS.contains(binding.path("type").asText()), where, "binding type " + binding.path("type"));
        check(problems, !binding.path("name").asText().isBlank(), where, "binding name");
        if ("Hidden".equals(type)) {
          check(problems, property.has("value"), where, "a hidden property has its value");
        } else {
          check(problems, chinese(property.path("label").asText()), where, "Chinese label");
        }
        if ("Dropdown".equals(type)) {
          check(problems, property.path("choices").isArray() && !property.path("choices").isEmpty(), where, "choices");
          Set<String> values = new HashSet<>();
          property.path("choices").forEach(c -> {
            check(problems, chinese(c.path("name").asText()) && c.has("value"), where, "choice " + c);
            values.add(c.path("value").asText());
          });
          check(problems, values.contains(property.path("value").asText()), where, "default among the choices");
        }
        check(problems, !"String".equals(type) && !"Text".equals(type) || !property.path("value").asText().contains("${"),
            where, "no expression for the administrator to type");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyBeanAndFormATemplateWritesExists() {
    List<String> problems = new ArrayList<>();
    for (JsonNode template : templates) {
      for (JsonNode property : template.path("properties")) {
        String binding = property.path("binding").path("name").asText();
        for (String value : values(property)) {
          for (String bean : ModelConventions.beansNamedIn(value, binding.endsWith("delegateExpression"))) {
            check(problems, beans.containsBean(bean), template.path("id").asText(), "unknown bean " + bean + " in " + value);
          }
          if ("camunda:formRef".equals(binding)) {
            check(problems, known.formIds().contains(value), template.path("id").asText(), "no form " + value + " in forms/");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * What a template fixes (its hidden properties) is what a real element of the models has, all together;
   * every value an administrator can pick is one a real element of the same kind has.
   */
  @Test
  void appliedTemplatesGiveWhatTheModelsHave() {
    List<String> problems = new ArrayList<>();
    for (JsonNode template : templates) {
      String id = template.path("id").asText();
      List<BaseElement> sameKind = sameKind(template);
      check(problems, !sameKind.isEmpty(), id, "no element of its kind in the models");
      List<JsonNode> fixed = new ArrayList<>();
      template.path("properties").forEach(p -> {
        if ("Hidden".equals(p.path("type").asText())) {
          fixed.add(p);
        }
      });
      check(problems, sameKind.stream().anyMatch(e -> fixed.stream().allMatch(p -> has(e, p, p.path("value").asText()))),
          id, "no element of the models has all its fixed values " + fixed);
      for (JsonNode property : template.path("properties")) {
        if ("Dropdown".equals(property.path("type").asText())) {
          for (JsonNode choice : property.path("choices")) {
            String value = choice.path("value").asText();
            check(problems, sameKind.stream().anyMatch(e -> has(e, property, value)), id,
                "no element of the models has " + property.path("binding").path("name").asText() + "=" + value);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** A task made from a template, with every choice of every list, passes the server's deployment check. */
  @Test
  void aTaskMadeFromATemplatePassesTheDeploymentCheck() {
    List<String> problems = new ArrayList<>();
    for (JsonNode template : templates) {
      String type = template.path("elementType").path("value").asText();
      if (!type.equals("bpmn:UserTask") && !type.equals("bpmn:ServiceTask")) {
        continue; // a boundary event needs a task to sit on: covered by the comparison with the models
      }
      for (JsonNode property : template.path("properties")) {
        for (JsonNode choice : property.path("choices")) {
          BpmnModelInstance model = apply(template, property, choice.path("value").asText());
          ModelConventions.check("template " + template.path("id").asText(), model, known)
              .forEach(p -> problems.add(p.text() + " with " + choice.path("value").asText()));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private BpmnModelInstance apply(JsonNode template, JsonNode chosen, String chosenValue) {
    var flow = Bpmn.createExecutableProcess("template-probe").name("模板检查").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Probe").sequenceFlowId("SequenceFlow_ProbeStarted");
    BpmnModelInstance model = (template.path("elementType").path("value").asText().equals("bpmn:UserTask")
        ? flow.userTask("Task_FromTemplate") : flow.serviceTask("Task_FromTemplate"))
        .sequenceFlowId("SequenceFlow_ProbeDone").endEvent("EndEvent_Probe").done();
    BaseElement task = model.getModelElementById("Task_FromTemplate");
    for (JsonNode property : template.path("properties")) {
      String value = property == chosen ? chosenValue : property.path("value").asText();
      String name = property.path("binding").path("name").asText();
      if (name.equals("name") && value.isBlank()) {
        value = "模板生成的任务";
      }
      if (property.path("binding").path("type").asText().equals("camunda:inputParameter")) {
        ((ServiceTask) task).builder().camundaInputParameter(name, value);
      } else if (name.startsWith("camunda:")) {
        task.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
      } else {
        task.setAttributeValue(name, value);
      }
    }
    return model;
  }

  private List<BaseElement> sameKind(JsonNode template) {
    String type = template.has("elementType") ? template.path("elementType").path("value").asText()
        : template.path("appliesTo").get(0).asText();
    String local = type.substring("bpmn:".length());
    List<BaseElement> elements = new ArrayList<>();
    for (BpmnModelInstance model : models) {
      model.getModelElementsByType(BaseElement.class).stream()
          .filter(e -> e.getElementType().getTypeName().equalsIgnoreCase(local)).forEach(elements::add);
    }
    return elements;
  }

  /** Whether an element of the models has this binding with this value. */
  private static boolean has(BaseElement element, JsonNode property, String value) {
    JsonNode binding = property.path("binding");
    String name = binding.path("name").asText();
    if (binding.path("type").asText().equals("camunda:inputParameter")) {
      // camunda:inputParameter ← camunda:inputOutput ← bpmn:extensionElements ← the element
      return element.getModelInstance().getModelElementsByType(CamundaInputParameter.class).stream()
          .anyMatch(p -> p.getParentElement().getParentElement().getParentElement() instanceof BaseElement owner
              && element.getId().equals(owner.getId()) && name.equals(p.getCamundaName()) && value.equals(p.getTextContent().trim()));
    }
    String actual = name.startsWith("camunda:") ? element.getAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()))
        : element.getAttributeValue(name);
    return value.equals(actual);
  }

  private static List<String> values(JsonNode property) {
    List<String> values = new ArrayList<>();
    if (property.has("value")) {
      values.add(property.path("value").asText());
    }
    property.path("choices").forEach(c -> values.add(c.path("value").asText()));
    return values;
  }

  private static boolean chinese(String text) {
    return text != null && text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  private static void check(List<String> problems, boolean ok, String where, String problem) {
    if (!ok) {
      problems.add(where + ": " + problem);
    }
  }
}
