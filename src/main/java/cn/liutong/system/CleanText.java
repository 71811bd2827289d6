package cn.liutong.system;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text that people type may hold letters, digits, punctuation, line breaks and tabs, nothing that hides or
 * reorders what a reader sees: no NUL or other control characters, no bidirectional overrides (U+202A–202E,
 * U+2066–2069, marks), no zero-width characters, no lone surrogates. JSON values must parse, once, without
 * duplicate keys.
 */
public final class CleanText {

  private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private CleanText() {
  }

  /** How many characters a person sees: code points, so that a character outside the BMP counts once. */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** Why the text is refused (Chinese), or null when it is clean. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "含有无效的字符编码";
      } else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c >= 0x7f && c <= 0x9f) {
        return "含有控制字符";
      } else if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f || c == 0x061c) {
        return "含有文字方向控制符";
      } else if (c >= 0x200b && c <= 0x200d || c == 0x2060 || c == 0xfeff) {
        return "含有零宽字符";
      }
    }
    return null;
  }

  /** Why a JSON text is refused, or null when it parses and every key and text in it is clean. */
  public static String jsonProblem(String json) {
    String text = problem(json);
    if (text != null) {
      return text;
    }
    try {
      return clean(STRICT.readTree(json)) ? null : "含有控制字符、文字方向控制符或零宽字符";
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().startsWith("Duplicate field") ? "含有重复的键" : "不是有效的JSON";
    }
  }

  /** The first problem of submitted variables as "name: reason", or null when all are clean. */
  static String problem(Map<String, ?> variables) {
    for (Map.Entry<String, ?> entry : variables.entrySet()) {
      String reason = problem(entry.getKey());
      if (reason == null) {
        reason = valueProblem(entry.getValue());
      }
      if (reason != null) {
        return entry.getKey() + reason;
      }
    }
    return null;
  }

  private static String valueProblem(Object value) {
    if (value instanceof TypedValue typed && typed.getType() != null && "json".equals(typed.getType().getName())) {
      String serialized = typed instanceof SerializableValue s ? s.getValueSerialized() : null;
      if (serialized == null && typed.getValue() != null) {
        serialized = typed.getValue().toString();
      }
      return serialized == null ? null : jsonProblem(serialized);
    }
    if (value instanceof TypedValue typed && typed.getType() != null && "xml".equals(typed.getType().getName())) {
      return "的类型不受支持";
    }
    Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
    return plain instanceof String text ? problem(text) : null;
  }

  private static boolean clean(JsonNode node) {
    if (node.isTextual()) {
      return problem(node.asText()) == null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
      var field = fields.next();
      if (problem(field.getKey()) != null || !clean(field.getValue())) {
        return false;
      }
    }
    for (JsonNode element : node) {
      if (!node.isObject() && !clean(element)) {
        return false;
      }
    }
    return true;
  }
}
