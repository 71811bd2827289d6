package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Models are code: everything in bpmn/ and forms/ is deployed, and every model keeps the conventions
 * Modeler, Cockpit and Tasklist rely on ({@link ModelConventions}, which the server's {@link DeploymentCheck}
 * also applies to every deployment). Each problem is listed with its file and element. Run it before
 * deploying a changed model: {@code ./mvnw -q -Dtest=ModelConventionsTest test}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ModelConventionsTest {

  @Autowired
  ProcessEngine engine;

  @Autowired
  ApplicationContext beans;

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
    var known = new ModelConventions.Known(beans::containsBean, formIds(), decisionKeys());
    List<String> problems = new ArrayList<>();
    for (Resource file : models("*.bpmn")) {
      try (InputStream in = file.getInputStream()) {
        ModelConventions.check(file.getFilename(), Bpmn.readModelFromStream(in), known).forEach(p -> problems.add(p.text()));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void decisionsHaveTimeToLiveAndReadableIds() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Resource file : models("*.dmn")) {
      try (InputStream in = file.getInputStream()) {
        ModelConventions.check(file.getFilename(), Dmn.readModelFromStream(in)).forEach(p -> problems.add(p.text()));
      }
    }
    assertThat(problems).isEmpty();
  }

  private Resource[] models(String pattern) throws IOException {
    return resources.getResources("classpath*:models/" + pattern);
  }

  private Set<String> decisionKeys() throws IOException {
    Set<String> keys = new HashSet<>();
    for (Resource file : models("*.dmn")) {
      try (InputStream in = file.getInputStream()) {
        Dmn.readModelFromStream(in).getModelElementsByType(Decision.class).forEach(d -> keys.add(d.getId()));
      }
    }
    return keys;
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
