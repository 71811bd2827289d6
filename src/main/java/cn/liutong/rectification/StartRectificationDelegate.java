package cn.liutong.rectification;

import static cn.liutong.rectification.RectificationProcess.Var.*;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Starts a {@code rectification} for the current branch, wherever a problem is found. The caller does
 * not wait: the rectification has its own deadline, may still be open when the cycle reaches
 * accountability (which counts it), and is carried into the next cycle if it outlives this one. Input
 * (local to the service task): {@code rectificationSource}, {@code rectificationProblem}.
 */
@Component
class StartRectificationDelegate implements JavaDelegate {

  private final RuntimeService runtimeService;

  StartRectificationDelegate(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    runtimeService.createProcessInstanceByKey(RectificationProcess.KEY)
        .businessKey(execution.getProcessBusinessKey())
        .setVariables(Variables.createVariables()
            .putValue(AGENCY_ID, execution.getVariable(AGENCY_ID))
            .putValue(CYCLE_ID, execution.getVariable(CYCLE_ID))
            .putValue(BRANCH_CODE, execution.getVariable(BRANCH_CODE))
            .putValue(BRANCH_NAME, execution.getVariable(BRANCH_NAME))
            .putValue(SOURCE, execution.getVariable(RectificationProcess.Caller.SOURCE))
            .putValue(PROBLEM, execution.getVariable(RectificationProcess.Caller.PROBLEM))
            .putValue(RECTIFICATION_DAYS, execution.getVariable(RECTIFICATION_DAYS)))
        .execute();
  }
}
