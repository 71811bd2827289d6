package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentDelegates.branchCode;
import static cn.liutong.assessment.AssessmentDelegates.cycleId;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.liutong.assessment.AssessmentLedger.Assessment;
import cn.liutong.assessment.ReviewLedger.Kind;
import cn.liutong.assessment.ReviewLedger.Review;
import cn.liutong.system.JsonVariables;

/**
 * What the approval, the rescoring and the appeals of {@code integrated-cycle} read from the ledger, called in the
 * model as {@code ${assessmentReviews.…(execution)}}: the branches to score again, the branches whose result is
 * published, and each result as a person reads it.
 */
@Component("assessmentReviews")
public class AssessmentReviews {

  private final AssessmentLedger ledger;
  private final ReviewLedger reviews;
  private final JsonVariables json;
  private final AgencyAssessment agencyAssessments;

  AssessmentReviews(AssessmentLedger ledger, ReviewLedger reviews, JsonVariables json,
      AgencyAssessment agencyAssessments) {
    this.agencyAssessments = agencyAssessments;
    this.ledger = ledger;
    this.reviews = reviews;
    this.json = json;
  }

  /** The branches the party group has just returned for scoring again (the rescoring's instances). */
  public List<String> returnedBranches(DelegateExecution execution) {
    return reviews.openBranches(cycleId(execution), Kind.RETURNED);
  }

  /** Every branch with a result: each gets the 公示 and may appeal. */
  public List<String> assessedBranches(DelegateExecution execution) {
    return ledger.assessments(cycleId(execution)).stream().map(Assessment::branchCode).sorted().toList();
  }

  /** The approval's checklist of branches to return. */
  public TypedValue branchOptions(DelegateExecution execution) {
    List<Map<String, String>> options = new java.util.ArrayList<>(ledger.assessments(cycleId(execution)).stream()
        .map(a -> Map.of("label", a.branchName(), "value", a.branchCode())).toList());
    if (agencyAssessments.result(cycleId(execution)).isPresent()) { // the agency's own levels, under its id
      options.add(Map.of("label", AgencyAssessment.UNIT_LABEL, "value",
          (String) execution.getVariable(cn.liutong.cycle.CycleProcess.Var.AGENCY_ID)));
    }
    return json.json(options);
  }

  /** The branch's result, for its secretary on 公示. */
  public String resultText(DelegateExecution execution) {
    return ledger.assessment(cycleId(execution), branchCode(execution)).line();
  }

  /** What each earlier return changed, for the party group approving again; empty before any return. */
  public String rescoreNotes(DelegateExecution execution) {
    Map<String, String> names = ledger.assessments(cycleId(execution)).stream()
        .collect(Collectors.toMap(Assessment::branchCode, Assessment::branchName));
    return reviews.reviews(cycleId(execution)).stream()
        .filter(r -> r.reviewKind() == Kind.RETURNED && r.decidedAt() != null)
        .map(r -> line(names.getOrDefault(r.branchCode(), r.branchCode()), r))
        .collect(Collectors.joining("\n"));
  }

  static String line(String branchName, Review r) {
    return "【" + branchName + "】" + r.reviewKind().label + "：" + r.reason() + "。原等次 " + r.gradeBefore() + "（"
        + r.scoreBefore().toPlainString() + " 分），现等次 " + r.gradeAfter() + "（" + r.scoreAfter().toPlainString()
        + " 分）。说明：" + r.note();
  }
}
