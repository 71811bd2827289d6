package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The rules read from a form's JSON, checked without an engine (FEEL as the engine evaluates it). */
class FormRulesTest {

  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();
  private static final FormRules.Feel EVALUATE = (expression, variables) ->
      FEEL.evaluateSimpleExpression(expression, Variables.fromMap(variables).asVariableContext());

  private static List<String> problems(String form, Map<String, Object> values) {
    return FormRules.of(form).problems(values::get, EVALUATE);
  }

  private static String ourForm(String name) throws Exception {
    return Files.readString(Path.of("forms", name + ".form"));
  }

  @Test
  void aCheckboxNeverTouchedCountsAsUntickedSoItsConditionalFieldIsHidden() throws Exception {
    String inspect = ourForm("inspect-branch");
    Map<String, Object> values = new HashMap<>(Map.of("findings", "支部按计划推进"));

    assertThat(problems(inspect, values)).isEmpty();
    values.put("problemsFound", true);
    assertThat(problems(inspect, values)).containsExactly("需整改的问题不能为空");
  }

  @Test
  void labelsLoseTheirHintAndAnExpressionLabelIsEvaluated() throws Exception {
    assertThat(problems(ourForm("cycle-start"), Map.of("signForDays", 31L))).contains("责任清单签收期限应在1至30之间");
    assertThat(problems(ourForm("review-vanguard-branch"), Map.of("branchReviewDecision", "refused")))
        .containsExactly("不予同意的理由不能为空");
    assertThat(problems(ourForm("review-vanguard-branch"), Map.of("branchReviewDecision", "returned", "branchReviewReason", "改")))
        .containsExactly("退回理由应为5至500个字，当前1个字");
    assertThat(problems(ourForm("review-vanguard-branch"), Map.of("branchReviewDecision", "approved"))).isEmpty();
  }

  @Test
  void readOnlyFieldsAreNotCheckedAndOptionsAreTheFormsOwn() throws Exception {
    String signFor = ourForm("sign-for");
    assertThat(problems(signFor, Map.of("signForDecision", "signed"))).as("cycleName is read-only").isEmpty();
    assertThat(problems(signFor, Map.of("signForDecision", "later"))).containsExactly("请选择签收意见");
    assertThat(problems(signFor, Map.of("signForDecision", "objection", "objection", " 　 "))).containsExactly("异议内容不能为空");
  }

  @Test
  void rowsOfADynamicListAreNamedByTheirPosition() throws Exception {
    var goals = List.of(Map.of("category", "partyBasic", "name", "", "indicator", "指标", "target", "100%", "weight", 40),
        Map.of("category", "unknown", "name", "业务目标", "indicator", "年度预算执行率", "target", "", "weight", 60.5));

    assertThat(problems(ourForm("draft-goals"), Map.of("goals", goals))).containsExactly(
        "第1个目标：目标名称应为2至100个字，当前0个字", "第2个目标：请选择目标类别",
        "第2个目标：目标值应为1至100个字，当前0个字", "第2个目标：权重必须是整数");
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    String form = """
        {"components": [{"type": "textfield", "key": "t", "label": "题目", "validate": {"maxLength": 3}}]}""";
    assertThat(problems(form, Map.of("t", "𠀀𠀁𠀂"))).isEmpty();
    assertThat(problems(form, Map.of("t", "𠀀𠀁𠀂𠀃"))).containsExactly("题目不能超过3个字");
    assertThat(CleanText.length("𠀀a")).isEqualTo(2);
  }

  @Test
  void patternsAndGroupsAndChecklistsAreChecked() {
    String form = """
        {"components": [{"type": "group", "label": "联系", "components": [
          {"type": "textfield", "key": "phone", "label": "电话", "validate": {"pattern": "[0-9]{11}"}}]},
          {"type": "checklist", "key": "days", "label": "日期", "validate": {"required": true},
           "values": [{"label": "一", "value": "mon"}, {"label": "二", "value": "tue"}]}]}""";
    assertThat(problems(form, Map.of("phone", "12345", "days", List.of("sun"))))
        .containsExactly("电话的格式不正确", "请选择日期");
    assertThat(problems(form, Map.of("phone", "13800000000", "days", List.of("mon", "tue")))).isEmpty();
    assertThat(problems(form, Map.of())).containsExactly("请选择日期");
  }

  @Test
  void aPatternThatIsNoRegularExpressionIsNamed() {
    String form = """
        {"components": [{"type": "textfield", "key": "code", "label": "编号", "validate": {"pattern": "[0-9"}}]}""";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormRules.of(form))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("字段“code”的校验规则 pattern 不是有效的正则表达式");
  }
}
