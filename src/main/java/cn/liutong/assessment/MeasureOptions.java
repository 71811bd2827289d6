package cn.liutong.assessment;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.JsonVariables;

/** The people a measure may name and who may carry it out, as the decision form offers them. */
@Component("measureOptions")
public class MeasureOptions {

  private final OrganisationDirectory organisation;
  private final JsonVariables json;

  MeasureOptions(OrganisationDirectory organisation, JsonVariables json) {
    this.organisation = organisation;
    this.json = json;
  }

  /**
   * The measure's people before the decision: an empty Json list, not a null variable. Tasklist sends a form field
   * with the type of the variable it finds, and a checklist's list cannot be a Null.
   */
  public TypedValue noTargets() {
    return json.json(List.of());
  }

  public TypedValue targets(DelegateExecution execution) {
    return options(organisation.memberIds(AssessmentDelegates.branchCode(execution)));
  }

  public TypedValue executors(DelegateExecution execution) {
    return options(MeasureSteps.executorIds(organisation, (String) execution.getVariable(CycleProcess.Var.AGENCY_ID)));
  }

  private TypedValue options(List<String> ids) {
    Map<String, String> names = organisation.userNames(ids);
    return json.json(ids.stream().map(id -> Map.of("label", names.getOrDefault(id, id), "value", id)).toList());
  }
}
