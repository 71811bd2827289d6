package cn.liutong.assessment;

import static cn.liutong.assessment.DecisionFixture.ASSESSMENT_GRADE_DMN;
import static cn.liutong.assessment.DecisionFixture.decision;
import static cn.liutong.assessment.DecisionFixture.evaluate;
import static cn.liutong.assessment.DecisionFixture.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The weighted assessment (同考核): decision {@code assessment-score} computes the weighted score from the
 * plan's goals scored one by one ({@code goalScores}), {@code party-score} and {@code business-score} the two
 * kinds' scores, and decision {@code assessment-grade} requires them and assigns the grade.
 *
 * <p>Most rows score two goals, a party-building goal of weight {@code partyWeight} with {@code partyScore} and a
 * business goal of weight {@code 100 - partyWeight} with {@code businessScore}: the party-building goals' weights
 * are the party-building share. All expected values are worked out by hand in the comments above each CSV row:
 * indicator = (partyScore * partyWeight + businessScore * (100 - partyWeight)) / 100;
 * evaluation = mean of the non-null evaluations; score = indicator * 0.8 + evaluation * 0.2
 * (or the indicator alone when there is no evaluation), rounded half-even to one decimal.
 */
class AssessmentGradeDecisionTest {

  private static final DmnDecision SCORE = decision(ASSESSMENT_GRADE_DMN, "assessment-score");
  private static final DmnDecision GRADE = decision(ASSESSMENT_GRADE_DMN, "assessment-grade");

  private static final List<String> GRADES = List.of("优秀", "良好", "一般", "较差");

  private static VariableMap assessment(
      Double partyScore,
      Double businessScore,
      Double partyWeight,
      Double memberEvaluation,
      Double publicSatisfaction,
      Boolean veto) {
    return variables(
        "goalScores", twoGoals(partyScore, businessScore, partyWeight),
        "memberEvaluation", memberEvaluation,
        "publicSatisfaction", publicSatisfaction,
        "veto", veto);
  }

  /** One party-building goal of the weight given and one business goal of the rest, each with its score. */
  static List<Map<String, Object>> twoGoals(Double partyScore, Double businessScore, Double partyWeight) {
    return List.of(goal("partyBasic", partyWeight, partyScore), goal("business", 100 - partyWeight, businessScore));
  }

  static Map<String, Object> goal(String category, Number weight, Number score) {
    return Map.of("category", category, "weight", weight, "score", score);
  }

  private static Object weightedScore(VariableMap variables) {
    return evaluate(SCORE, variables).getSingleResult().getSingleEntry();
  }

  private static DmnDecisionResultEntries grade(VariableMap variables) {
    return evaluate(GRADE, variables).getSingleResult();
  }

  @Test
  void standaloneEngineUsesTheScalaFeelEngine() {
    assertThat(DecisionFixture.CONFIGURATION.getFeelEngine()).isInstanceOf(ScalaFeelEngine.class);
    assertThat(DecisionFixture.CONFIGURATION.isEnableFeelLegacyBehavior()).isFalse();
  }

  @ParameterizedTest(name = "party {0}, business {1}, weight {2}%, members {3}, public {4} -> {5}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # partyScore, businessScore, partyWeight, memberEvaluation, publicSatisfaction, expected
          # (80*30 + 90*70)/100 = 87.0; evaluation (88+82)/2 = 85; 87*0.8 + 85*0.2 = 69.6 + 17 = 86.6
          80,  90,  30, 88,   82,   86.6
          # lowest weight: (60*10 + 100*90)/100 = 96.0; (90+80)/2 = 85; 96*0.8 + 85*0.2 = 76.8 + 17 = 93.8
          60,  100, 10, 90,   80,   93.8
          # highest weight, no evaluation: (60*60 + 100*40)/100 = 76.0
          60,  100, 60, null, null, 76.0
          # (77*33 + 83*67)/100 = (2541 + 5561)/100 = 81.02; (91+86)/2 = 88.5;
          # 81.02*0.8 + 88.5*0.2 = 64.816 + 17.7 = 82.516 -> 82.5
          77,  83,  33, 91,   86,   82.5
          # half-even rounding down: (85*35 + 90*65)/100 = (2975 + 5850)/100 = 88.25 -> 88.2 (half-up would give 88.3)
          85,  90,  35, null, null, 88.2
          # half-even rounding up: 87.0; (83.5+84)/2 = 83.75; 87*0.8 + 83.75*0.2 = 69.6 + 16.75 = 86.35 -> 86.4
          80,  90,  30, 83.5, 84,   86.4
          # lower bound: everything 0 -> 0.0
          0,   0,   30, 0,    0,    0.0
          # upper bound: everything 100 -> 100.0
          100, 100, 45, 100,  100,  100.0
          """)
  void computesTheWeightedScore(
      Double partyScore,
      Double businessScore,
      Double partyWeight,
      Double memberEvaluation,
      Double publicSatisfaction,
      double expected) {
    VariableMap variables =
        assessment(partyScore, businessScore, partyWeight, memberEvaluation, publicSatisfaction, false);

    assertThat(weightedScore(variables)).isEqualTo(expected);
  }

  /** The demo plan's four goals (20, 15, 5 and 60 %), as the scoring form sends them. */
  static final String PLAN_JSON = """
      [{"name":"支部标准化规范化建设","category":"partyBasic","weight":20,"score":90,"basis":"三会一课全部按期召开"},
       {"name":"党建引领预算绩效改革","category":"partyKey","weight":15,"score":80,"basis":""},
       {"name":"“书香机关”品牌创建","category":"partyInnovation","weight":5,"score":70,"basis":""},
       {"name":"预算执行率","category":"business","weight":60,"score":85,"basis":"执行率96%"}]""";

  @Test
  void scoresEachGoalWithItsWeight() {
    List<Map<String, Object>> goals = List.of(goal("partyBasic", 20, 90), goal("partyKey", 15, 80),
        goal("partyInnovation", 5, 70), goal("business", 60, 85));
    // indicator (90*20 + 80*15 + 70*5 + 85*60)/100 = (1800 + 1200 + 350 + 5100)/100 = 84.5, no evaluation;
    // party (1800 + 1200 + 350)/40 = 83.75 -> half-even 83.8; business 5100/60 = 85.0
    VariableMap variables = variables("goalScores", goals, "veto", false);

    assertThat(weightedScore(variables)).isEqualTo(84.5);
    assertThat(grade(variables).getEntryMap())
        .isEqualTo(Map.of("weightedScore", 84.5, "grade", "良好", "partyScore", 83.8, "businessScore", 85.0));
    // the weights decide, not the number of goals: the business goal alone at 100 lifts the total to
    // (1800 + 1200 + 350 + 6000)/100 = 93.5 -> 优秀
    VariableMap better = variables("goalScores", List.of(goal("partyBasic", 20, 90), goal("partyKey", 15, 80),
        goal("partyInnovation", 5, 70), goal("business", 60, 100)), "veto", false);
    assertThat(grade(better).<String>getEntry("grade")).isEqualTo("优秀");
    assertThat(grade(better).<Object>getEntry("weightedScore")).isEqualTo(93.5);
  }

  @ParameterizedTest(name = "members {0}, public {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # indicator in every row: (80*30 + 90*70)/100 = (2400 + 6300)/100 = 87.0
          # memberEvaluation null: evaluation = 70; 87*0.8 + 70*0.2 = 69.6 + 14 = 83.6
          null, 70,   83.6
          # publicSatisfaction null: evaluation = 95; 87*0.8 + 95*0.2 = 69.6 + 19 = 88.6
          95,   null, 88.6
          # both null: no evaluation part, score = indicator = 87.0
          null, null, 87.0
          """)
  void leavesOutMissingEvaluations(Double memberEvaluation, Double publicSatisfaction, double expected) {
    VariableMap variables = assessment(80.0, 90.0, 30.0, memberEvaluation, publicSatisfaction, false);

    assertThat(weightedScore(variables)).isEqualTo(expected);
  }

  @Test
  void treatsAbsentEvaluationVariablesLikeNullOnes() {
    // Neither memberEvaluation nor publicSatisfaction exists as a variable at all.
    // (80*30 + 90*70)/100 = 87.0, no evaluation part -> 87.0
    VariableMap variables =
        variables("goalScores", List.of(goal("partyKey", 30, 80), goal("business", 70, 90)), "veto", false);

    assertThat(weightedScore(variables)).isEqualTo(87.0);
    assertThat(grade(variables).getEntryMap())
        .isEqualTo(Map.of("weightedScore", 87.0, "grade", "良好", "partyScore", 80.0, "businessScore", 90.0));
  }

  @Test
  void returnsTheScoreAsADoubleEvenWhenItIsWhole() {
    // (80*30 + 90*70)/100 = 87.0; the caller must not get a Long for whole scores and a Double
    // otherwise, so the typeRef is double.
    VariableMap variables = assessment(80.0, 90.0, 30.0, null, null, false);

    assertThat(weightedScore(variables)).isInstanceOf(Double.class).isEqualTo(87.0);
    assertThat(grade(variables).<Object>getEntry("weightedScore")).isInstanceOf(Double.class);
  }

  @ParameterizedTest(name = "[{index}] party {0}, business {1}, weight {2}%, members {3}, public {4}, veto {5} -> {6} {7}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # partyScore, businessScore, partyWeight, memberEvaluation, publicSatisfaction, veto, score, grade
          # lowest score: all 0 -> 0.0 -> 较差
          0,   0,    30, 0,    0,    false, 0.0,   较差
          # (70*20 + 55*80)/100 = (1400 + 4400)/100 = 58.0; (70+65)/2 = 67.5; 58*0.8 + 67.5*0.2 = 46.4 + 13.5 = 59.9
          70,  55,   20, 70,   65,   false, 59.9,  较差
          # 58.0; (70+66)/2 = 68; 46.4 + 13.6 = 60.0
          70,  55,   20, 70,   66,   false, 60.0,  一般
          # (85*30 + 78*70)/100 = (2550 + 5460)/100 = 80.1; public only 79; 80.1*0.8 + 79*0.2 = 64.08 + 15.8 = 79.88 -> 79.9
          85,  78,   30, null, 79,   false, 79.9,  一般
          # 80.1; members only 79.6; 64.08 + 15.92 = 80.0
          85,  78,   30, 79.6, null, false, 80.0,  良好
          # (95*40 + 88*60)/100 = (3800 + 5280)/100 = 90.8; (86+87)/2 = 86.5; 90.8*0.8 + 86.5*0.2 = 72.64 + 17.3 = 89.94 -> 89.9
          95,  88,   40, 86,   87,   false, 89.9,  良好
          # 90.8; (86+88)/2 = 87; 72.64 + 17.4 = 90.04 -> 90.0
          95,  88,   40, 86,   88,   false, 90.0,  优秀
          # highest score: all 100 -> 100.0
          100, 100,  60, 100,  100,  false, 100.0, 优秀
          # rounding decides: (90*50 + 89.9*50)/100 = 89.95 -> half-even 90.0 -> 优秀
          90,  89.9, 50, null, null, false, 90.0,  优秀
          # rounding decides: (90*50 + 89.7*50)/100 = 89.85 -> half-even 89.8 -> 良好
          90,  89.7, 50, null, null, false, 89.8,  良好
          # veto with the highest score: 100.0 but 较差
          100, 100,  60, 100,  100,  true,  100.0, 较差
          # veto with an 优秀 score: 90.04 -> 90.0 but 较差
          95,  88,   40, 86,   88,   true,  90.0,  较差
          # veto with a 一般 score: 60.0 but 较差
          70,  55,   20, 70,   66,   true,  60.0,  较差
          # veto with the lowest score: 0.0, 较差
          0,   0,    30, 0,    0,    true,  0.0,   较差
          """)
  void gradesTheScore(
      Double partyScore,
      Double businessScore,
      Double partyWeight,
      Double memberEvaluation,
      Double publicSatisfaction,
      boolean veto,
      double expectedScore,
      String expectedGrade) {
    VariableMap variables =
        assessment(partyScore, businessScore, partyWeight, memberEvaluation, publicSatisfaction, veto);

    assertThat(grade(variables).getEntryMap()).isEqualTo(Map.of("weightedScore", expectedScore, "grade", expectedGrade,
        "partyScore", partyScore, "businessScore", businessScore));
  }

  @Test
  void everyScoreFrom0To100WithOrWithoutVetoGetsExactlyOneGrade() {
    for (int tenths = 0; tenths <= 1000; tenths++) {
      double score = tenths / 10.0;
      for (boolean veto : new boolean[] {false, true}) {
        // Equal party and business scores and no evaluation: the weighted score is the score itself.
        VariableMap variables = assessment(score, score, 30.0, null, null, veto);

        // UNIQUE hit policy: an overlap throws, a gap gives an empty result list.
        DmnDecisionResult result = evaluate(GRADE, variables);

        assertThat(result.getResultList()).as("score %s, veto %s", score, veto).hasSize(1);
        assertThat(result.getSingleResult().<String>getEntry("grade")).isIn(GRADES);
        assertThat(result.getSingleResult().<Object>getEntry("weightedScore")).isEqualTo(score);
      }
    }
  }

  @Test
  void missingVetoMatchesNoRule() {
    // The table only knows veto true or false; the process must always set it. With FEEL, a null
    // veto satisfies neither "true" nor "false", so the result is empty (singleResult -> null).
    // (80*30 + 90*70)/100 = 87.0
    VariableMap withNullVeto = assessment(80.0, 90.0, 30.0, null, null, null);
    VariableMap withoutVeto = variables("goalScores", twoGoals(80.0, 90.0, 30.0));

    assertThat(evaluate(GRADE, withNullVeto).getResultList()).isEmpty();
    assertThat(evaluate(GRADE, withoutVeto).getResultList()).isEmpty();
  }

  @Test
  void processEngineEvaluatesTheDecisionLikeTheStandaloneEngine() {
    // (95*40 + 88*60)/100 = 90.8; (86+87)/2 = 86.5; 72.64 + 17.3 = 89.94 -> 89.9, 良好
    VariableMap variables = assessment(95.0, 88.0, 40.0, 86.0, 87.0, false);
    // (85*35 + 90*65)/100 = 88.25 -> half-even 88.2, member evaluation missing: same in both engines
    VariableMap halfEven = assessment(85.0, 90.0, 35.0, null, null, false);

    DecisionFixture.withProcessEngine(
        processEngine -> {
          assertThat(DecisionFixture.dmnConfigurationOf(processEngine).getFeelEngine())
              .isInstanceOf(ScalaFeelEngine.class);

          Map<String, Object> result =
              processEngine
                  .getDecisionService()
                  .evaluateDecisionByKey("assessment-grade")
                  .variables(variables)
                  .evaluate()
                  .getSingleResult()
                  .getEntryMap();
          assertThat(result).isEqualTo(Map.of("weightedScore", 89.9, "grade", "良好", "partyScore", 95.0,
              "businessScore", 88.0));
          assertThat(result).isEqualTo(grade(variables).getEntryMap());

          Map<String, Object> rounded =
              processEngine
                  .getDecisionService()
                  .evaluateDecisionByKey("assessment-grade")
                  .variables(halfEven)
                  .evaluate()
                  .getSingleResult()
                  .getEntryMap();
          assertThat(rounded).isEqualTo(Map.of("weightedScore", 88.2, "grade", "良好", "partyScore", 85.0,
              "businessScore", 90.0));

          // the process reads the scored goals as the form leaves them: a JSON list (Spin)
          Map<String, Object> fromJson =
              processEngine
                  .getDecisionService()
                  .evaluateDecisionByKey("assessment-grade")
                  .variables(variables("goalScores", org.camunda.spin.Spin.JSON(PLAN_JSON), "veto", false,
                      "memberEvaluation", 88.0, "publicSatisfaction", 82.0))
                  .evaluate()
                  .getSingleResult()
                  .getEntryMap();
          // worked out in scoresEachGoalWithItsWeight: 84.5; (88+82)/2 = 85; 84.5*0.8 + 85*0.2 = 67.6 + 17 = 84.6
          assertThat(fromJson).isEqualTo(Map.of("weightedScore", 84.6, "grade", "良好", "partyScore", 83.8,
              "businessScore", 85.0));
        });
  }
}
