package cn.liutong.notification;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.system.Caller;

/** What the notification endpoints share: who calls (HTTP Basic on {@code /api}), strict JSON, Chinese errors. */
public final class Callers {

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Callers() {
  }

  public static boolean isAdmin(IdentityService identity) {
    return Caller.current(identity).isAdministrator();
  }

  public static List<String> groups(IdentityService identity) {
    return Caller.current(identity).groupIds();
  }

  public static ResponseEntity<Object> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("message", message));
  }

  /** A JSON object with exactly the allowed fields (some optional), or an {@link IllegalArgumentException} in Chinese. */
  public static JsonNode object(String body, List<String> required, List<String> optional) {
    JsonNode node;
    try {
      node = STRICT.readTree(body == null ? "" : body);
    } catch (Exception e) {
      throw new IllegalArgumentException("请求内容不是有效的JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("请求内容应为JSON对象");
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!required.contains(name) && !optional.contains(name)) {
        throw new IllegalArgumentException("不允许的字段：" + name);
      }
    });
    for (String name : required) {
      if (!node.has(name) || node.get(name).isNull()) {
        throw new IllegalArgumentException("缺少字段：" + name);
      }
    }
    return node;
  }

  public static boolean bool(JsonNode node, String field) {
    if (!node.get(field).isBoolean()) {
      throw new IllegalArgumentException("字段" + field + "应为true或false");
    }
    return node.get(field).booleanValue();
  }
}
