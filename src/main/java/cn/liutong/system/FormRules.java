package cn.liutong.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The single-field rules of one Camunda Form, read from its {@code validate} blocks (required, minLength,
 * maxLength, min, max, pattern), its static options and its number fields' {@code decimalDigits: 0}: what
 * the browser checks, checked again on the server for every client. A field hidden by its
 * {@code conditional.hide} expression is not checked, as in the browser; read-only fields are not checked.
 * Fields of a {@code dynamiclist} are checked in every row; the problem names the row with the list's
 * custom property {@code rowLabel} ({@code 第{n}个目标}). Lengths count characters (code points) after
 * trimming. Parsed once per deployed form; {@link #problems} is cheap.
 */
public final class FormRules {

  /** Evaluates a FEEL expression (without its leading {@code =}) against variables; null when it cannot. */
  public interface Feel extends BiFunction<String, Map<String, Object>, Object> {
  }

  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime", "dynamiclist");
  private static final Set<String> CHOICE_TYPES = Set.of("radio", "select", "checklist", "taglist");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One input of the form, or one dynamic list with its row fields. */
  record Field(String key, String type, String label, boolean required, Integer minLength, Integer maxLength,
      Double min, Double max, boolean whole, Pattern pattern, Set<String> options, String hide, String rowLabel,
      List<Field> rows) {
  }

  private final List<Field> fields;
  private final Set<String> keys;

  private FormRules(List<Field> fields, Set<String> keys) {
    this.fields = fields;
    this.keys = keys;
  }

  /** The rules of a form's JSON (an empty form has none). */
  public static FormRules of(JsonNode form) {
    Set<String> keys = new HashSet<>();
    return new FormRules(fields(form.path("components"), keys), Set.copyOf(keys));
  }

  public static FormRules of(String formJson) {
    try {
      return of(JSON.readTree(formJson));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a form: " + e.getMessage(), e);
    }
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  private static List<Field> fields(JsonNode components, Set<String> keys) {
    List<Field> fields = new ArrayList<>();
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      String key = c.path("dynamiclist".equals(type) ? "path" : "key").asText(null);
      boolean readonly = c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false);
      if (key != null && INPUT_TYPES.contains(type)) {
        keys.add(key);
      }
      if ("dynamiclist".equals(type) && key != null && !readonly) {
        fields.add(new Field(key, type, label(c), false, null, null, null, null, false, null, null, hide(c),
            c.path("properties").path("rowLabel").asText(null), fields(c.path("components"), new HashSet<>())));
      } else if (INPUT_TYPES.contains(type) && key != null && !readonly) {
        JsonNode v = c.path("validate");
        Pattern pattern = null;
        if (v.hasNonNull("pattern")) {
          try {
            pattern = Pattern.compile(v.path("pattern").asText());
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("字段“" + key + "”的校验规则 pattern 不是有效的正则表达式", e);
          }
        }
        Set<String> options = null;
        if (CHOICE_TYPES.contains(type) && c.path("values").isArray() && !c.path("values").isEmpty()) {
          options = new HashSet<>();
          for (JsonNode option : c.path("values")) {
            options.add(option.path("value").asText());
          }
        }
        fields.add(new Field(key, type, label(c), v.path("required").asBoolean(false), integer(v, "minLength"),
            integer(v, "maxLength"), number(v, "min"), number(v, "max"),
            "number".equals(type) && c.path("decimalDigits").isInt() && c.path("decimalDigits").asInt() == 0,
            pattern, options, hide(c), null, List.of()));
      } else if (c.path("components").isArray() && !"dynamiclist".equals(type)) {
        fields.addAll(fields(c.path("components"), keys)); // groups
      }
    }
    return List.copyOf(fields);
  }

  private static String label(JsonNode c) {
    String label = c.path("label").asText(null);
    if (label == null || label.isBlank()) {
      label = c.path("dateLabel").asText(null);
    }
    return label == null || label.isBlank() ? c.path("dynamiclist".equals(c.path("type").asText()) ? "path" : "key").asText() : label;
  }

  private static String hide(JsonNode c) {
    String hide = c.path("conditional").path("hide").asText(null);
    return hide == null || hide.isBlank() ? null : hide;
  }

  private static Integer integer(JsonNode validate, String name) {
    return validate.path(name).isNumber() ? validate.path(name).intValue() : null;
  }

  private static Double number(JsonNode validate, String name) {
    return validate.path(name).isNumber() ? validate.path(name).doubleValue() : null;
  }

  /**
   * Every problem of the submitted values, in the form's order and in Chinese ("标题不能为空"), as
   * {@link FormCheck} words them. {@code values} gives a variable's current value (what the task or start
   * will keep); {@code feel} evaluates the hide conditions and labels written as expressions.
   */
  public List<String> problems(Function<String, Object> values, Feel feel) {
    Map<String, Object> context = new HashMap<>();
    for (String key : keys) {
      context.put(key, values.apply(key));
    }
    List<String> problems = new ArrayList<>();
    check(fields, context, "", feel, problems);
    return problems;
  }

  private static void check(List<Field> fields, Map<String, Object> values, String at, Feel feel,
      List<String> problems) {
    Map<String, Object> context = withDefaults(fields, values);
    for (Field field : fields) {
      if (field.hide() != null && Boolean.TRUE.equals(evaluate(feel, field.hide(), context))) {
        continue;
      }
      String label = shown(field, context, feel);
      Object value = plain(values.get(field.key()));
      String problem = switch (field.type()) {
        case "dynamiclist" -> {
          rows(field, value, at, context, feel, problems);
          yield null;
        }
        case "number" -> number(field, value, label);
        case "checkbox" -> field.required() && !Boolean.TRUE.equals(value) ? "请勾选" + label : null;
        case "radio", "select" -> {
          String text = text(value);
          yield (text.isEmpty() ? field.required() : field.options() != null && !field.options().contains(text))
              ? "请选择" + label : null;
        }
        case "checklist", "taglist" -> {
          List<Object> chosen = list(value);
          boolean unknown = field.options() != null && chosen.stream().anyMatch(o -> !field.options().contains(text(o)));
          yield chosen.isEmpty() && field.required() || unknown ? "请选择" + label : null;
        }
        default -> text(field, text(value), label, !at.isEmpty());
      };
      if (problem != null) {
        problems.add(at + problem);
      }
    }
  }

  /** Fields the person never touched count as the browser initialises them: a checkbox as unticked. */
  private static Map<String, Object> withDefaults(List<Field> fields, Map<String, Object> values) {
    Map<String, Object> context = new HashMap<>(values);
    for (Field field : fields) {
      if ("checkbox".equals(field.type()) && context.get(field.key()) == null) {
        context.put(field.key(), false);
      }
    }
    return context;
  }

  private static void rows(Field list, Object value, String at, Map<String, Object> outer, Feel feel,
      List<String> problems) {
    JsonNode rows = value instanceof JsonNode node ? node : JSON.valueToTree(value);
    if (!rows.isArray()) {
      return;
    }
    int n = 0;
    for (JsonNode row : rows) {
      n++;
      String rowAt = at + (list.rowLabel() != null ? list.rowLabel().replace("{n}", Integer.toString(n))
          : list.label() + "第" + n + "行") + "：";
      Map<String, Object> values = new HashMap<>(outer);
      for (Field field : list.rows()) {
        JsonNode cell = row.get(field.key());
        values.put(field.key(), cell == null || cell.isNull() ? null : JSON.convertValue(cell, Object.class));
      }
      check(list.rows(), values, rowAt, feel, problems);
    }
  }

  private static String number(Field field, Object value, String label) {
    if (value == null || "".equals(value)) {
      return field.required() ? label + "不能为空" : null;
    }
    if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
      return label + "必须是数字";
    }
    double d = number.doubleValue();
    if (field.min() != null && d < field.min() || field.max() != null && d > field.max()) {
      return label + (field.min() != null && field.max() != null
          ? "应在" + format(field.min()) + "至" + format(field.max()) + "之间"
          : field.min() != null ? "不能小于" + format(field.min()) : "不能大于" + format(field.max()));
    }
    return field.whole() && d != Math.rint(d) ? label + "必须是整数" : null;
  }

  /**
   * A text's problem. An empty required text is "不能为空"; in a row of a list, where a person fills in a table,
   * its limits are named instead ("第1个目标：目标名称应为2至100个字，当前0个字").
   */
  private static String text(Field field, String text, String label, boolean inRow) {
    Integer min = field.minLength();
    Integer max = field.maxLength();
    if (text.isEmpty() && (!inRow || !field.required() || min == null || max == null)) {
      return field.required() ? label + "不能为空" : null;
    }
    int length = CleanText.length(text);
    if (min != null && max != null && (length < min || length > max)) {
      return label + "应为" + min + "至" + max + "个字，当前" + length + "个字";
    } else if (min != null && max == null && length < min) {
      return label + "至少应为" + min + "个字，当前" + length + "个字";
    } else if (max != null && min == null && length > max) {
      return label + "不能超过" + max + "个字";
    } else if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
      return label + "的格式不正确";
    }
    return null;
  }

  /**
   * The label a problem names: the form's label without its trailing hint in full-width brackets
   * ({@code 测评得分（0-100）} → 测评得分); a label written as an expression is evaluated.
   */
  private static String shown(Field field, Map<String, Object> context, Feel feel) {
    String label = field.label();
    if (label.startsWith("=")) {
      Object evaluated = evaluate(feel, label, context);
      label = evaluated instanceof String s && !s.isBlank() ? s : field.key();
    }
    int hint = label.lastIndexOf('（');
    return hint > 0 && label.endsWith("）") ? label.substring(0, hint) : label;
  }

  private static Object evaluate(Feel feel, String expression, Map<String, Object> context) {
    String feelExpression = expression.startsWith("=") ? expression.substring(1) : expression;
    Map<String, Object> plain = new LinkedHashMap<>();
    context.forEach((k, v) -> plain.put(k, plain(v)));
    return feel.apply(feelExpression, plain);
  }

  /** A value as plain Java: JSON (Spin or Jackson) as lists and maps, anything else as it is. */
  private static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof JsonNode node) {
      return JSON.convertValue(node, Object.class);
    }
    if (value instanceof Iterable<?> || value instanceof Map<?, ?>) {
      return value;
    }
    if (value.getClass().getName().startsWith("org.camunda.spin")) {
      try {
        return JSON.readValue(value.toString(), Object.class);
      } catch (java.io.IOException e) {
        return value.toString();
      }
    }
    return value;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  private static List<Object> list(Object value) {
    List<Object> list = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      for (Iterator<?> i = iterable.iterator(); i.hasNext();) {
        list.add(i.next());
      }
    } else if (value != null && !"".equals(value)) {
      list.add(value);
    }
    return list;
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
