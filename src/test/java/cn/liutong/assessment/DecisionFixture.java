package cn.liutong.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A standalone DMN engine configured like the one Camunda 7.24 builds inside the process engine
 * (ProcessEngineConfigurationImpl#initDmnEngine with its defaults), so a decision evaluated here
 * behaves as it does behind a business rule task.
 *
 * <p>In 7.24 the process engine runs all DMN expressions (input expressions, input entries,
 * output entries, literal expressions) with the Scala FEEL engine, unless the engine property
 * {@code dmnFeelEnableLegacyBehavior} is switched on (this application does not). The settings
 * below state those defaults explicitly instead of relying on them silently.
 */
final class DecisionFixture {

  static final String ASSESSMENT_GRADE_DMN = "models/assessment-grade.dmn";
  static final String ACCOUNTABILITY_MEASURE_DMN = "models/accountability-measure.dmn";

  static final DefaultDmnEngineConfiguration CONFIGURATION = createConfiguration();
  static final DmnEngine ENGINE = CONFIGURATION.buildEngine();

  private DecisionFixture() {}

  private static DefaultDmnEngineConfiguration createConfiguration() {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    // Process engine default: dmnFeelEnableLegacyBehavior = false -> FEEL everywhere, no JUEL.
    configuration.enableFeelLegacyBehavior(false);
    // Process engine default: dmnReturnBlankTableOutputAsNull = false.
    configuration.setReturnBlankTableOutputAsNull(false);
    // The FEEL engine the process engine creates when legacy behaviour is off (feel-scala).
    configuration.feelEngineFactory(new ScalaFeelEngineFactory());
    return configuration;
  }

  /** Parses one decision (with the decisions it requires) from a classpath resource. */
  static DmnDecision decision(String resource, String decisionKey) {
    try (InputStream in = DecisionFixture.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("not on the classpath: " + resource);
      }
      return ENGINE.parseDecision(decisionKey, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DmnDecisionResult evaluate(DmnDecision decision, VariableMap variables) {
    return ENGINE.evaluateDecision(decision, variables);
  }

  /**
   * Runs the given check against a throw-away in-memory process engine (H2) with both decision
   * files deployed, to compare the process engine's own DMN evaluation with this fixture's.
   */
  static void withProcessEngine(Consumer<ProcessEngine> check) {
    String name = "decision-test-" + UUID.randomUUID();
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:" + name)
                .setProcessEngineName(name)
                .setJobExecutorActivate(false);
    ProcessEngine processEngine = configuration.buildProcessEngine();
    try {
      processEngine
          .getRepositoryService()
          .createDeployment()
          .addClasspathResource(ASSESSMENT_GRADE_DMN)
          .addClasspathResource(ACCOUNTABILITY_MEASURE_DMN)
          .deploy();
      check.accept(processEngine);
    } finally {
      processEngine.close();
    }
  }

  /** The DMN engine configuration the given process engine evaluates decisions with. */
  static DefaultDmnEngineConfiguration dmnConfigurationOf(ProcessEngine processEngine) {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration();
  }

  /**
   * Builds the process variables for a decision from name/value pairs; values may be null, just
   * as a process variable may exist with a null value.
   */
  static VariableMap variables(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs");
    }
    VariableMap variables = Variables.createVariables();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.putValue((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }
}
