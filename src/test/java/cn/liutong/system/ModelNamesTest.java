package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.Stage;

/**
 * Every name the Java code uses for something in a model exists in that model, so that a Modeler edit that
 * breaks the Java fails here in seconds, naming the constant. Plain JUnit: the models, forms and the
 * application's classes are read from the classpath; no Spring context, no engine.
 *
 * <p>The constants classes are found by reflection ({@code cn.liutong.*.*Process}, each with the {@code KEY}
 * of its model); a new constant is checked without touching this test. By the nested class it stands in:
 * {@code Activity} ids are elements of the model, {@code Form} keys are forms the model shows,
 * {@code Decision} values are options of the model's forms, {@code Bean} names are beans of another
 * capability the model calls (any other bean must belong to the model's own package, {@code system} or
 * {@code organisation}); every other name (variables, fields of list rows, map keys, list values, message
 * names) is written in a model, a form or a decision table, unless it is marked {@link CodeOnly}. A gateway
 * that tests a variable against a literal tests a value a form or a decision table can give it.
 */
class ModelNamesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern SINGLE_NAME = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*$");
  private static final Pattern LITERAL_TEST = Pattern.compile(
      "([A-Za-z_][A-Za-z0-9_]*)\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*'([^']*)'");
  /** Packages whose beans every model may use without declaring them: the shared layers. */
  private static final Set<String> SHARED = Set.of("cn.liutong.system", "cn.liutong.organisation");

  private static final Map<String, BpmnModelInstance> processes = new HashMap<>();
  private static final Map<String, String> bpmnText = new HashMap<>();
  private static final Map<String, String> fileOfProcess = new HashMap<>();
  private static final Map<String, JsonNode> forms = new HashMap<>();
  private static final Map<String, String> dmnText = new HashMap<>();
  private static final Map<String, DmnModelInstance> decisions = new HashMap<>();
  private static final Map<String, String> beanPackages = new HashMap<>();
  private static final List<Class<?>> constants = new ArrayList<>();
  /** Every word written in a model, form or decision table. */
  private static final Set<String> written = new java.util.HashSet<>();

  @BeforeAll
  static void read() throws Exception {
    var resolver = new PathMatchingResourcePatternResolver();
    StringBuilder all = new StringBuilder();
    for (Resource file : resolver.getResources("classpath*:models/*.bpmn")) {
      String text = text(file);
      all.append(text);
      BpmnModelInstance model = Bpmn.readModelFromStream(file.getInputStream());
      for (Process process : model.getModelElementsByType(Process.class)) {
        processes.put(process.getId(), model);
        bpmnText.put(process.getId(), text);
        fileOfProcess.put(process.getId(), file.getFilename());
      }
    }
    for (Resource file : resolver.getResources("classpath*:models/*.form")) {
      String text = text(file);
      all.append(text);
      JsonNode form = JSON.readTree(text);
      forms.put(form.path("id").asText(), form);
    }
    for (Resource file : resolver.getResources("classpath*:models/*.dmn")) {
      String text = text(file);
      all.append(text);
      DmnModelInstance dmn = Dmn.readModelFromStream(file.getInputStream());
      for (org.camunda.bpm.model.dmn.instance.Decision decision
          : dmn.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)) {
        dmnText.put(decision.getId(), text);
        decisions.put(decision.getId(), dmn);
      }
    }
    written.addAll(List.of(all.toString().split("[^A-Za-z0-9_\\p{IsHan}]+")));
    for (Resource file : resolver.getResources("classpath*:cn/liutong/*/*Process.class")) {
      String name = file.getFilename().replace(".class", "");
      String pkg = file.getURL().toString().replaceAll(".*/cn/liutong/([^/]+)/[^/]+$", "$1");
      constants.add(Class.forName("cn.liutong." + pkg + "." + name, false, ModelNamesTest.class.getClassLoader()));
    }
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    var names = new AnnotationBeanNameGenerator();
    var registry = new SimpleBeanDefinitionRegistry();
    for (BeanDefinition bean : scanner.findCandidateComponents("cn.liutong")) {
      Class<?> type = Class.forName(bean.getBeanClassName(), false, ModelNamesTest.class.getClassLoader());
      beanPackages.put(names.generateBeanName(bean, registry), type.getPackageName());
      for (Method method : type.getDeclaredMethods()) {
        Bean factory = method.getAnnotation(Bean.class);
        if (factory != null) {
          List<String> declared = List.of(factory.name().length > 0 ? factory.name() : factory.value());
          beanPackages.put(declared.isEmpty() ? method.getName() : declared.get(0), type.getPackageName());
        }
      }
    }
  }

  @Test
  void theConstantsClassesAreFoundAndEachNamesADeployedProcess() {
    assertThat(constants).as("constants classes").extracting(Class::getSimpleName)
        .contains("CycleProcess", "AssessmentProcess", "RectificationProcess", "FeedbackProcess", "MeetingProcess",
            "VanguardProcess");
    List<String> problems = new ArrayList<>();
    for (Class<?> type : constants) {
      String key = key(type);
      if (key == null || !processes.containsKey(key)) {
        problems.add(type.getSimpleName() + ".KEY = " + key + ": no process with this id in models/*.bpmn");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void activityIdsAreElementsOfTheirModel() {
    List<String> problems = new ArrayList<>();
    forEachName("Activity", (type, name, value) -> {
      BpmnModelInstance model = processes.get(key(type));
      if (model == null || model.getModelElementById(value) == null) {
        problems.add(name + " = \"" + value + "\": no element with this id in " + fileOfProcess.get(key(type)));
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void formKeysAreFormsTheModelShows() {
    List<String> problems = new ArrayList<>();
    forEachName("Form", (type, name, value) -> {
      if (!forms.containsKey(value)) {
        problems.add(name + " = \"" + value + "\": no form with this id in forms/");
      } else if (!formsOf(key(type)).contains(value)) {
        problems.add(name + " = \"" + value + "\": " + fileOfProcess.get(key(type)) + " shows no such form (formRef)");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void decisionValuesAreOptionsOfTheModelsForms() {
    List<String> problems = new ArrayList<>();
    forEachName("Decision", (type, name, value) -> {
      Set<String> offered = new LinkedHashSet<>();
      options(key(type)).values().forEach(offered::addAll);
      if (!offered.contains(value)) {
        problems.add(name + " = \"" + value + "\": no form of " + fileOfProcess.get(key(type)) + " offers this value");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyOtherNameIsWrittenInAModelAFormOrADecisionTable() {
    List<String> problems = new ArrayList<>();
    forEachName(null, (type, name, value) -> {
      if (!writtenSomewhere(value)) {
        problems.add(name + " = \"" + value + "\": written in no model, form or decision table");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void namesTheCodeKeepsToItselfAreWrittenInNoModel() {
    List<String> problems = new ArrayList<>();
    for (Class<?> type : constants) {
      for (Class<?> scope : scopes(type)) {
        for (Field field : scope.getDeclaredFields()) {
          if (field.isAnnotationPresent(CodeOnly.class)) {
            String value = (String) constant(field);
            if (writtenSomewhere(value)) {
              problems.add(scope.getSimpleName() + "." + field.getName() + " = \"" + value
                  + "\" is marked @CodeOnly, but a model, form or decision table names it");
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void gatewayConditionsTestValuesTheFormsOffer() {
    List<String> problems = new ArrayList<>();
    processes.forEach((key, model) -> {
      Map<String, Set<String>> options = options(key);
      for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
        Matcher test = LITERAL_TEST.matcher(condition.getTextContent());
        while (test.find()) {
          Set<String> offered = options.get(test.group(1));
          if (offered == null || !offered.contains(test.group(2))) {
            problems.add(fileOfProcess.get(key) + " " + ((org.camunda.bpm.model.xml.instance.ModelElementInstance) condition)
                .getParentElement().getAttributeValue("id") + ": \"" + condition.getTextContent().trim() + "\" tests '"
                + test.group(2) + "', but the forms offer " + test.group(1) + " only " + offered);
          }
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void expressionsNameBeansOfTheApplication() throws IOException {
    Set<String> decisionKeys = dmnText.keySet();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, BpmnModelInstance> process : processes.entrySet()) {
      ModelConventions.check(fileOfProcess.get(process.getKey()), process.getValue(),
          new ModelConventions.Known(beanPackages::containsKey, forms.keySet(), decisionKeys))
          .forEach(problem -> problems.add(problem.text()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void beansOfAnotherCapabilityAreDeclaredByTheProcessThatCallsThem() {
    List<String> problems = new ArrayList<>();
    for (String key : processes.keySet()) {
      List<Class<?>> owners = constants.stream().filter(type -> key.equals(key(type))).toList();
      Set<String> own = new LinkedHashSet<>(SHARED);
      Set<String> declared = new LinkedHashSet<>();
      owners.forEach(type -> {
        own.add(type.getPackageName());
        declared.addAll(values(type, "Bean").values());
      });
      Set<String> used = beansUsedBy(key);
      for (String bean : used) {
        if (!own.contains(beanPackages.get(bean)) && !declared.contains(bean)) {
          problems.add(fileOfProcess.get(key) + " uses bean " + bean + " of " + beanPackages.get(bean)
              + ": declare it in the Bean constants of " + owners.stream().map(Class::getSimpleName).toList());
        }
      }
      declared.stream().filter(bean -> !used.contains(bean)).forEach(bean ->
          problems.add(owners.stream().map(Class::getSimpleName).toList() + " declare bean " + bean + ", which "
              + fileOfProcess.get(key) + " does not use"));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theStagesNameElementsOfTheCycle() {
    BpmnModelInstance cycle = processes.get(CycleProcess.KEY);
    for (Stage stage : Stage.values()) {
      assertThat(stage.elements()).as("elements of stage " + stage)
          .allSatisfy(id -> assertThat((Object) cycle.getModelElementById(id)).as(id + " in integrated-cycle.bpmn").isNotNull());
    }
  }

  @Test
  void theApprovalFilterNamesUserTasksOfTheModels() throws Exception {
    Field field = Class.forName("cn.liutong.organisation.TaskFilters").getDeclaredField("APPROVAL_TASKS");
    field.setAccessible(true);
    Set<String> userTasks = new LinkedHashSet<>();
    processes.values().forEach(model -> model.getModelElementsByType(UserTask.class).forEach(t -> userTasks.add(t.getId())));
    assertThat((Collection<?>) field.get(null)).as("TaskFilters.APPROVAL_TASKS").isNotEmpty()
        .allSatisfy(id -> assertThat(userTasks).as("user tasks of the models").contains((String) id));
  }

  // ----------------------------------------------------------------- reading

  private interface NameCheck {
    void check(Class<?> type, String name, String value);
  }

  /**
   * Calls {@code check} for each name in the nested class {@code kind} of every constants class; with a null
   * kind, for every name outside {@code Activity}, {@code Form}, {@code Decision} and {@code Bean} (strings, map
   * keys, list elements), except the {@code KEY}.
   */
  private static void forEachName(String kind, NameCheck check) {
    for (Class<?> type : constants) {
      if (kind != null) {
        values(type, kind).forEach((name, value) -> check.check(type, name, value));
        continue;
      }
      for (Class<?> scope : scopes(type)) {
        if (Set.of("Activity", "Form", "Decision", "Bean").contains(scope.getSimpleName())) {
          continue;
        }
        names(scope).forEach((name, value) -> {
          if (!name.equals(type.getSimpleName() + ".KEY")) {
            check.check(type, name, value);
          }
        });
      }
    }
  }

  private static boolean writtenSomewhere(String name) {
    return written.contains(name);
  }

  private static List<Class<?>> scopes(Class<?> type) {
    List<Class<?>> scopes = new ArrayList<>(List.of(type));
    scopes.addAll(List.of(type.getDeclaredClasses()));
    return scopes;
  }

  private static Object constant(Field field) {
    field.setAccessible(true);
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> values(Class<?> type, String kind) {
    for (Class<?> nested : type.getDeclaredClasses()) {
      if (nested.getSimpleName().equals(kind)) {
        return names(nested);
      }
    }
    return Map.of();
  }

  /** The class's static constants by qualified name: strings as they are, map keys and list elements each. */
  private static Map<String, String> names(Class<?> scope) {
    Map<String, String> names = new LinkedHashMap<>();
    String prefix = scope.getName().substring(scope.getPackageName().length() + 1).replace('$', '.') + ".";
    for (Field field : scope.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isFinal(field.getModifiers())
          || field.isAnnotationPresent(CodeOnly.class)) {
        continue;
      }
      Object value = constant(field);
      String name = prefix + field.getName();
      if (value instanceof String text) {
        names.put(name, text);
      } else if (value instanceof Map<?, ?> map) {
        map.keySet().stream().filter(String.class::isInstance)
            .forEach(k -> names.put(name + "[" + k + "]", (String) k));
      } else if (value instanceof Collection<?> list) {
        list.stream().filter(String.class::isInstance).forEach(v -> names.put(name + "[" + v + "]", (String) v));
      }
    }
    return names;
  }

  private static String key(Class<?> type) {
    return names(type).get(type.getSimpleName() + ".KEY");
  }

  /** The forms the process's model shows. */
  private static Set<String> formsOf(String key) {
    Set<String> shown = new LinkedHashSet<>();
    Matcher ref = Pattern.compile("camunda:formRef=\"([^\"]+)\"").matcher(bpmnText.getOrDefault(key, ""));
    while (ref.find()) {
      shown.add(ref.group(1));
    }
    return shown;
  }

  /**
   * Variable → the values it can take: option values of the forms the process's model shows, and the
   * literal outputs of the decision tables it calls (by output name).
   */
  private static Map<String, Set<String>> options(String key) {
    Map<String, Set<String>> options = new TreeMap<>();
    for (String form : formsOf(key)) {
      if (forms.containsKey(form)) {
        collectOptions(forms.get(form), options);
      }
    }
    Matcher ref = Pattern.compile("camunda:decisionRef=\"([^\"]+)\"").matcher(bpmnText.getOrDefault(key, ""));
    while (ref.find()) {
      DmnModelInstance dmn = decisions.get(ref.group(1));
      DecisionTable table = dmn.<org.camunda.bpm.model.dmn.instance.Decision>getModelElementById(ref.group(1))
          .getChildElementsByType(DecisionTable.class).iterator().next();
      List<Output> outputs = List.copyOf(table.getOutputs());
      for (Rule rule : table.getRules()) {
        List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
        for (int i = 0; i < outputs.size(); i++) {
          String text = entries.get(i).getTextContent().trim();
          if (text.startsWith("\"") && text.endsWith("\"")) {
            options.computeIfAbsent(outputs.get(i).getName(), k -> new LinkedHashSet<>()).add(text.substring(1, text.length() - 1));
          }
        }
      }
    }
    return options;
  }

  private static void collectOptions(JsonNode node, Map<String, Set<String>> options) {
    if (node.isObject() && node.has("key") && node.path("values").isArray()) {
      Set<String> values = options.computeIfAbsent(node.path("key").asText(), k -> new LinkedHashSet<>());
      node.path("values").forEach(option -> values.add(option.path("value").asText()));
    }
    node.forEach(child -> collectOptions(child, options));
  }

  /** Beans the process's model names: delegate expressions and the roots of method calls ({@code ${due.inDays(7)}}). */
  private static Set<String> beansUsedBy(String key) {
    Set<String> used = new LinkedHashSet<>();
    Matcher expression = EXPRESSION.matcher(bpmnText.get(key));
    while (expression.find()) {
      Matcher single = SINGLE_NAME.matcher(expression.group(1));
      if (single.matches() && beanPackages.containsKey(single.group(1))) {
        used.add(single.group(1));
      }
      ModelConventions.beansNamedIn(expression.group(0), false).stream().filter(beanPackages::containsKey).forEach(used::add);
    }
    return used;
  }

  private static String text(Resource file) throws IOException {
    try (InputStream in = file.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
