package cn.liutong.assessment;

import static cn.liutong.assessment.DecisionFixture.ACCOUNTABILITY_MEASURE_DMN;
import static cn.liutong.assessment.DecisionFixture.decision;
import static cn.liutong.assessment.DecisionFixture.evaluate;
import static cn.liutong.assessment.DecisionFixture.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accountability measure (同问责) that follows from a grade and the rectification counts. */
class AccountabilityMeasureDecisionTest {

  private static final DmnDecision MEASURE =
      decision(ACCOUNTABILITY_MEASURE_DMN, "accountability-measure");

  private static final List<String> GRADES = List.of("优秀", "良好", "一般", "较差");

  /** Every measure code with its Chinese label, as the table's output values define them. */
  private static final Map<String, String> LABELS =
      Map.of(
          "none", "无",
          "commend", "表彰推荐（评先评优、推广典型）",
          "reminderTalk", "提醒谈话",
          "interview", "约谈",
          "circular", "通报批评",
          "orgAdjustment", "组织调整建议");

  private static VariableMap accountability(String grade, Object overdue, Object open) {
    return variables("grade", grade, "overdueRectifications", overdue, "openRectifications", open);
  }

  @ParameterizedTest(name = "[{index}] {0}, overdue {1}, open {2} -> {3} {4}")
  @CsvSource(
      textBlock =
          """
          # grade, overdueRectifications, openRectifications, measure, measureLabel
          # rule 1: 较差 -> organisational adjustment, whatever the rectifications
          较差, 0, 0, orgAdjustment, 组织调整建议
          较差, 3, 4, orgAdjustment, 组织调整建议
          # rule 2: 一般 with at least one overdue rectification -> circular (edge: overdue 1)
          一般, 1, 0, circular,      通报批评
          一般, 3, 4, circular,      通报批评
          # rule 3: 一般 without overdue rectifications -> interview, however many are open
          一般, 0, 0, interview,     约谈
          一般, 0, 4, interview,     约谈
          # rule 4: 优秀/良好 with two or more overdue -> interview (edge: overdue 2)
          优秀, 2, 0, interview,     约谈
          良好, 2, 0, interview,     约谈
          良好, 3, 4, interview,     约谈
          # rule 5: 优秀/良好 with exactly one overdue -> reminder talk, open count irrelevant
          优秀, 1, 0, reminderTalk,  提醒谈话
          良好, 1, 4, reminderTalk,  提醒谈话
          # rule 6: 优秀/良好, nothing overdue, three or more open -> reminder talk (edge: open 3)
          优秀, 0, 3, reminderTalk,  提醒谈话
          良好, 0, 4, reminderTalk,  提醒谈话
          # rule 7: 良好, nothing overdue, fewer than three open -> none (edge: open 2)
          良好, 0, 2, none,          无
          良好, 0, 0, none,          无
          # rule 8: 优秀, nothing overdue, fewer than three open -> commendation (edge: open 2)
          优秀, 0, 2, commend,       表彰推荐（评先评优、推广典型）
          优秀, 0, 0, commend,       表彰推荐（评先评优、推广典型）
          """)
  void choosesTheMeasure(
      String grade, int overdue, int open, String expectedMeasure, String expectedLabel) {
    DmnDecisionResult result = evaluate(MEASURE, accountability(grade, overdue, open));

    assertThat(result.getSingleResult().getEntryMap())
        .isEqualTo(Map.of("measure", expectedMeasure, "measureLabel", expectedLabel));
  }

  @Test
  void everyGradeOverdueAndOpenCombinationGivesExactlyOneMeasure() {
    int combinations = 0;
    for (String grade : GRADES) {
      for (int overdue = 0; overdue <= 3; overdue++) {
        for (int open = 0; open <= 4; open++) {
          // UNIQUE hit policy: an overlap throws, a gap gives an empty result list.
          DmnDecisionResult result = evaluate(MEASURE, accountability(grade, overdue, open));

          assertThat(result.getResultList())
              .as("%s, overdue %d, open %d", grade, overdue, open)
              .hasSize(1);
          String measure = result.getSingleResult().getEntry("measure");
          assertThat(LABELS).containsKey(measure);
          assertThat(result.getSingleResult().<String>getEntry("measureLabel"))
              .isEqualTo(LABELS.get(measure));
          combinations++;
        }
      }
    }
    assertThat(combinations).isEqualTo(4 * 4 * 5);
  }

  @Test
  void acceptsCountsAsLongAsWell() {
    // Counts from a query arrive as Long; the integer typeRef converts them.
    DmnDecisionResult result = evaluate(MEASURE, accountability("良好", 1L, 0L));

    assertThat(result.getSingleResult().<String>getEntry("measure")).isEqualTo("reminderTalk");
  }

  @Test
  void processEngineEvaluatesTheDecisionLikeTheStandaloneEngine() {
    VariableMap variables = accountability("一般", 1, 0);

    DecisionFixture.withProcessEngine(
        processEngine -> {
          Map<String, Object> result =
              processEngine
                  .getDecisionService()
                  .evaluateDecisionByKey("accountability-measure")
                  .variables(variables)
                  .evaluate()
                  .getSingleResult()
                  .getEntryMap();

          assertThat(result).isEqualTo(Map.of("measure", "circular", "measureLabel", "通报批评"));
          assertThat(result).isEqualTo(evaluate(MEASURE, variables).getSingleResult().getEntryMap());
        });
  }
}
