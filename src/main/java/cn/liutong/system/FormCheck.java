package cn.liutong.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Server-side check of what a form submitted. It starts with the problems the deployed form's own rules found
 * ({@link FormRules}: required, lengths, ranges, options), and the step adds the rules the form cannot hold
 * (spanning fields, needing the organisation or the engine). Every problem is in Chinese; if there is one,
 * {@link #validate} throws {@link org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException}: the
 * engine rolls the whole step back and the REST API (and so Tasklist) answers 400 with the message.
 */
public final class FormCheck {

  private final VariableScope scope;
  private final List<String> problems = new ArrayList<>();

  private FormCheck(VariableScope scope) {
    this.scope = scope;
  }

  /** A check that starts with what the form's own rules found ({@link FormRules}), so one answer names all. */
  public static FormCheck of(VariableScope scope) {
    FormCheck check = new FormCheck(scope);
    check.problems.addAll(DeployedFormRules.take(scope));
    return check;
  }

  /** A required text of {@code min}..{@code max} characters (trimmed), for input that no form holds. */
  public String text(String name, String label, int min, int max) {
    String value = asText(scope.getVariable(name));
    if (value == null || value.isEmpty()) {
      problems.add(label + "不能为空");
    } else if (CleanText.length(value) < min || CleanText.length(value) > max) {
      problems.add(label + "应为" + min + "至" + max + "个字，当前" + CleanText.length(value) + "个字");
    }
    return value;
  }

  /** A text variable trimmed; null when absent or blank (the form's own rules have checked its length). */
  public String trimmed(String name) {
    String value = asText(scope.getVariable(name));
    return value == null || value.isEmpty() ? null : value;
  }

  /** A number variable as a double; null when absent (the form's own rules have checked its range). */
  public Double decimal(String name) {
    return scope.getVariable(name) instanceof Number number ? number.doubleValue() : null;
  }

  /** A whole number variable as an Integer; null when absent (the form's own rules have checked it). */
  public Integer whole(String name) {
    Double value = decimal(name);
    return value == null ? null : (int) Math.round(value);
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
      throw DeployedFormRules.refusal(problems.stream().distinct().toList());
    }
  }

  /** Who submits the task's form: the authenticated user, else (engine-internal calls) its assignee. */
  public static String submitter(DelegateTask task) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication != null ? authentication.getUserId() : task.getAssignee();
  }

  static String asText(Object value) {
    return value == null ? null : value.toString().strip();
  }

}
