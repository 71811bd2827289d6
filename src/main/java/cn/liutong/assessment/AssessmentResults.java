package cn.liutong.assessment;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.liutong.system.JsonVariables;

/**
 * Every branch's assessment result as the party group's approval and the committee's explanation show
 * it: {@code ${assessmentResults.table(execution)}} in {@code integrated-cycle}.
 */
@Component("assessmentResults")
public class AssessmentResults {

  private final JsonVariables json;
  private final AssessmentLedger ledger;

  AssessmentResults(JsonVariables json, AssessmentLedger ledger) {
    this.json = json;
    this.ledger = ledger;
  }

  public TypedValue table(DelegateExecution execution) {
    return json.json(ledger.assessments(AssessmentDelegates.cycleId(execution)).stream().map(a -> Map.of(
        "branchName", a.branchName(),
        "partyScore", a.partyScore(),
        "businessScore", a.businessScore(),
        "memberEvaluation", a.memberEvaluation() == null ? "" : a.memberEvaluation(),
        "weightedScore", a.weightedScore(),
        "grade", a.grade())).toList());
  }
}
