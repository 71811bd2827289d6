package cn.liutong.assessment;

import static cn.liutong.assessment.DecisionFixture.ASSESSMENT_GRADE_DMN;
import static cn.liutong.assessment.DecisionFixture.decision;
import static cn.liutong.assessment.DecisionFixture.evaluate;
import static cn.liutong.assessment.DecisionFixture.variables;
import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Members' 践诺 counts in the grade: when fewer than 60% of the branch's members are rated 好 or 较好, 优秀
 * becomes 良好 and 良好 becomes 一般; without ratings (no pledges) nothing changes. Scores are given with no
 * evaluations, so the weighted score is the indicator score: party and business equal give that score.
 */
class PledgeShareDecisionTest {

  private static final DmnDecision GRADE = decision(ASSESSMENT_GRADE_DMN, "assessment-grade");

  @ParameterizedTest(name = "score {0}, 好/较好 {1}% -> {2}")
  @CsvSource({
      "95, 100, 优秀",
      "95, 60, 优秀",
      "95, 59.9, 良好",
      "95, , 优秀",
      "85, 60, 良好",
      "85, 50, 一般",
      "85, , 良好",
      "70, 0, 一般",
      "70, 100, 一般",
      "50, 100, 较差",
      "50, 0, 较差"})
  void theShareOfGoodFulfilmentCapsTheGrade(double score, Double pledgeShare, String grade) {
    var result = evaluate(GRADE, variables("goalScores", AssessmentGradeDecisionTest.twoGoals(score, score, 30.0),
        "memberEvaluation", null, "publicSatisfaction", null, "veto", false, "pledgeShare", pledgeShare))
        .getSingleResult();
    assertThat(result.<String>getEntry("grade")).isEqualTo(grade);
    assertThat(result.<Double>getEntry("weightedScore")).as("the score itself is not changed").isEqualTo(score);
  }

  @ParameterizedTest(name = "veto with 好/较好 {0}%")
  @CsvSource({"100", "0"})
  void aVetoStaysPoor(double pledgeShare) {
    var result = evaluate(GRADE, variables("goalScores", AssessmentGradeDecisionTest.twoGoals(95.0, 95.0, 30.0),
        "veto", true, "pledgeShare", pledgeShare)).getSingleResult();
    assertThat(result.<String>getEntry("grade")).isEqualTo("较差");
  }
}
