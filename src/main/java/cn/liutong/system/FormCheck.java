package cn.liutong.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Server-side check of what a form submitted. Collects every problem in Chinese and, if there is one,
 * throws {@link FormFieldValidationException}: the engine rolls the whole step back and the REST API
 * (and so Tasklist) answers 400 with the message.
 */
public final class FormCheck {

  private final VariableScope scope;
  private final List<String> problems = new ArrayList<>();

  private FormCheck(VariableScope scope) {
    this.scope = scope;
  }

  public static FormCheck of(VariableScope scope) {
    return new FormCheck(scope);
  }

  /** A required text of {@code min}..{@code max} characters (trimmed). */
  public String text(String name, String label, int min, int max) {
    String value = asText(scope.getVariable(name));
    if (value == null || value.isEmpty()) {
      problems.add(label + "不能为空");
    } else if (value.length() < min || value.length() > max) {
      problems.add(label + "应为" + min + "至" + max + "个字，当前" + value.length() + "个字");
    }
    return value;
  }

  /** An optional text of at most {@code max} characters; null when absent or blank. */
  public String optionalText(String name, String label, int max) {
    String value = asText(scope.getVariable(name));
    if (value != null && value.length() > max) {
      problems.add(label + "不能超过" + max + "个字");
    }
    return value == null || value.isEmpty() ? null : value;
  }

  /** A required number in [min, max]; forms submit Integer, Long or Double. */
  public Double number(String name, String label, double min, double max) {
    Object value = scope.getVariable(name);
    if (!(value instanceof Number number)) {
      problems.add(label + (value == null ? "不能为空" : "必须是数字"));
      return null;
    }
    double d = number.doubleValue();
    if (Double.isNaN(d) || d < min || d > max) {
      problems.add(label + "应在" + format(min) + "至" + format(max) + "之间");
      return null;
    }
    return d;
  }

  /** A required whole number in [min, max]. */
  public Integer wholeNumber(String name, String label, int min, int max) {
    Double d = number(name, label, min, max);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      problems.add(label + "必须是整数");
      return null;
    }
    return d.intValue();
  }

  /** A checkbox: absent counts as unticked. */
  public boolean flag(String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  /** One of the allowed option values (the map gives each value's Chinese label for messages). */
  public String choice(String name, String label, Set<String> allowed) {
    String value = asText(scope.getVariable(name));
    if (value == null || !allowed.contains(value)) {
      problems.add("请选择" + label);
      return null;
    }
    return value;
  }

  /**
   * A review decision: {@code approvedValue} or {@code returnedValue}; a return needs a reason of 5..500
   * characters.
   */
  public String decision(String name, String label, String approvedValue, String returnedValue,
      String reasonName, String reasonLabel) {
    String decision = choice(name, label, Set.of(approvedValue, returnedValue));
    if (returnedValue.equals(decision)) {
      text(reasonName, reasonLabel, 5, 500);
    }
    return decision;
  }

  public void require(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** Throws when anything was wrong; nothing of the step is kept. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException(Map.of("problems", List.copyOf(problems)),
          "提交的内容有误：" + String.join("；", problems));
    }
  }

  /** Who submits the task's form: the authenticated user, else (engine-internal calls) its assignee. */
  public static String submitter(DelegateTask task) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication != null ? authentication.getUserId() : task.getAssignee();
  }

  static String asText(Object value) {
    return value == null ? null : value.toString().trim();
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
