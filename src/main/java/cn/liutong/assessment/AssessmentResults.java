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
  private final GoalScores goalScores;

  AssessmentResults(JsonVariables json, AssessmentLedger ledger, GoalScores goalScores) {
    this.json = json;
    this.ledger = ledger;
    this.goalScores = goalScores;
  }

  /** The problems the branch's approved assessment found (a rectification is opened on them); null when none. */
  public String problems(DelegateExecution execution, String branchCode) {
    AssessmentLedger.Assessment assessment = ledger.assessment(AssessmentDelegates.cycleId(execution), branchCode);
    return assessment == null ? null : assessment.problems();
  }

  /** One row per branch: the scores, the grade, and each goal's score (目标逐项得分) as the committee gave it. */
  public TypedValue table(DelegateExecution execution) {
    String cycleId = AssessmentDelegates.cycleId(execution);
    Map<String, String> byGoal = goalScores.ofCycle(cycleId).stream().collect(java.util.stream.Collectors.groupingBy(
        GoalScores.Row::branchCode, java.util.stream.Collectors.mapping(g -> g.goalName() + " "
            + g.score().stripTrailingZeros().toPlainString(), java.util.stream.Collectors.joining("；"))));
    return json.json(ledger.assessments(cycleId).stream().map(a -> Map.of(
        "branchName", a.branchName(),
        "goalScores", byGoal.getOrDefault(a.branchCode(), ""),
        "partyScore", a.partyScore(),
        "businessScore", a.businessScore(),
        "memberEvaluation", a.memberEvaluation() == null ? "" : a.memberEvaluation(),
        "weightedScore", a.weightedScore(),
        "grade", a.grade())).toList());
  }
}
