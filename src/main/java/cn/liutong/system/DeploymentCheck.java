package cn.liutong.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.context.ApplicationContext;
import org.xml.sax.SAXParseException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Refuses, at deployment, a model that breaks {@link ModelConventions}: whatever deploys (Camunda Modeler
 * through {@code POST /engine-rest/deployment/create}, the application's own auto-deployment at start, a
 * test), nothing of the deployment is stored and the caller gets one Chinese message naming each problem
 * and its element.
 *
 * <p>It runs as a deployer before Camunda's own (BPMN, DMN, forms), so it sees the deployment whole: the
 * forms and decisions a process binds with {@code binding="deployment"} must be among its resources. It
 * throws the engine's {@link ParseException}, which the REST API answers with 400 and {@code message} (what
 * Modeler shows in its log when a deployment fails) plus {@code details} by resource and element. Deployments
 * already stored are not checked again when the engine loads them.
 */
@Component
public class DeploymentCheck extends AbstractProcessEnginePlugin {

  static final String LEAD = "流程模型不符合本系统的约定，未部署。";
  static final String REFUSED = LEAD + "请在 Camunda Modeler 中修改后重新部署（共%d处）：";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApplicationContext beans;

  DeploymentCheck(ApplicationContext beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreDeployers());
    deployers.add(this::check);
    configuration.setCustomPreDeployers(deployers);
  }

  void check(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    Set<String> formIds = new HashSet<>();
    Set<String> decisionKeys = new HashSet<>();
    List<ModelConventions.Problem> problems = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      try {
        if (name.endsWith(".form")) {
          var form = JSON.readTree(resource.getBytes());
          formIds.add(form.path("id").asText());
          try {
            FormRules.of(form); // the server enforces the form's rules: they must read
          } catch (IllegalArgumentException e) {
            problems.add(new ModelConventions.Problem(name, name, null, e.getMessage()));
          }
        } else if (isDmn(name)) {
          var model = Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
          model.getModelElementsByType(Decision.class).forEach(d -> decisionKeys.add(d.getId()));
          problems.addAll(ModelConventions.check(name, model));
        }
      } catch (IOException e) {
        problems.add(new ModelConventions.Problem(name, name, null, "表单文件不是有效的 JSON：" + e.getMessage().lines().findFirst().orElse("")));
      } catch (ModelException e) {
        problems.add(new ModelConventions.Problem(name, name, null, unreadable(resource.getBytes(), e)));
      }
    }
    var known = new ModelConventions.Known(beans::containsBean, formIds, decisionKeys);
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (isBpmn(resource.getName())) {
        try {
          var model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
          problems.addAll(ModelConventions.check(resource.getName(), model, known));
        } catch (ModelException e) {
          problems.add(new ModelConventions.Problem(resource.getName(), resource.getName(), null, unreadable(resource.getBytes(), e)));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw refusal(problems);
    }
  }

  /** Where the XML parser stops, and why (the parser's own words); else what the model API found wrong. */
  private static String unreadable(byte[] content, Exception e) {
    try {
      var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      builder.parse(new ByteArrayInputStream(content));
    } catch (SAXParseException sax) {
      return "文件无法解析（第" + sax.getLineNumber() + "行第" + sax.getColumnNumber() + "列）：" + sax.getMessage();
    } catch (Exception other) {
      // not even XML: the model API's reason below
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return "文件无法解析：" + cause.getMessage();
  }

  static ParseException refusal(List<ModelConventions.Problem> problems) {
    StringBuilder message = new StringBuilder(String.format(REFUSED, problems.size()));
    for (int i = 0; i < problems.size(); i++) {
      message.append('\n').append(i + 1).append(". ").append(problems.get(i).text());
    }
    List<org.camunda.bpm.engine.Problem> errors = problems.stream().<org.camunda.bpm.engine.Problem>map(ElementProblem::new).toList();
    return new ParseException(message.toString(), problems.get(0).file(), errors, List.of());
  }

  private static boolean isBpmn(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
  }

  private static boolean isDmn(String name) {
    return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
  }

  /** One problem in the REST answer's {@code details}: the element's id and the Chinese reason. */
  private record ElementProblem(ModelConventions.Problem problem) implements org.camunda.bpm.engine.Problem {
    @Override
    public String getMessage() {
      return problem.text();
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return problem.elementId();
    }

    @Override
    public List<String> getElementIds() {
      return problem.elementId() == null ? List.of() : List.of(problem.elementId());
    }
  }
}
