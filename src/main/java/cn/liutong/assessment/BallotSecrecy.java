package cn.liutong.assessment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.CycleProcess;

/**
 * 民主测评 is anonymous: the engine's history must not keep what a member graded. Camunda's full history would
 * keep the ballot's variables (created, updated) and, for a submitted form, each text field as a form property,
 * all tied to the task and so to its assignee. This plugin registers a history level that is Camunda's
 * {@code full} (same id and name, so the database's recorded level still matches) except for those events:
 * the ballot's variables ({@link AssessmentProcess#BALLOT}) produce no history anywhere, and the evaluation
 * task's form produces no form-property details. Everything else about the task (who, when, completed) stays in
 * the history: that a member took part is on record, what they chose is only in the anonymous ballot table.
 * <p>
 * A custom level named {@code full} replaces the built-in one because Camunda takes the last level of that name
 * among its levels and the custom ones come after the built-in ones.
 */
@Component
class BallotSecrecy extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> custom = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      custom.addAll(configuration.getCustomHistoryLevels());
    }
    custom.add(new FullExceptBallots());
    configuration.setCustomHistoryLevels(custom);
  }

  /** Camunda's full history without the ballot's values. */
  static final class FullExceptBallots extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (entity instanceof VariableInstance variable && AssessmentProcess.BALLOT.contains(variable.getName())) {
        return false;
      }
      return !(eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE && entity instanceof TaskEntity task
          && CycleProcess.Activity.EVALUATE_BRANCH.equals(task.getTaskDefinitionKey()));
    }
  }
}
