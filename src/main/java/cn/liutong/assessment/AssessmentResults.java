package cn.liutong.assessment;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.liutong.system.JsonVariables;

/**
 * Every branch's assessment result as the party group's approval shows it
 * ({@code ${assessmentResults.table(execution)}} in {@code integrated-cycle}), and a branch's problems as 同问责 starts.
 */
@Component("assessmentResults")
public class AssessmentResults {

  private final JsonVariables json;
  private final AssessmentLedger ledger;

  AssessmentResults(JsonVariables json, AssessmentLedger ledger) {
    this.json = json;
    this.ledger = ledger;
  }

  /** The problems the branch's approved assessment found (a rectification is opened on them); null when none. */
  public String problems(DelegateExecution execution, String branchCode) {
    AssessmentLedger.Assessment assessment = ledger.assessment(AssessmentDelegates.cycleId(execution), branchCode);
    return assessment == null ? null : assessment.problems();
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
