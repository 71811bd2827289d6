package cn.liutong.taskaction;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.notification.Callers;

/** The body of an action request: strict JSON with the fields the action takes, else 400 in Chinese. */
final class TaskActionRequests {

  private TaskActionRequests() {
  }

  static TaskActions.Request parse(TaskAction action, String body) {
    List<String> required = switch (action) {
      case REASSIGN, DELEGATE -> List.of("userId");
      case WAIVE, PROCEED, RETURN -> List.of("reason");
      case COPY, COSIGN -> List.of("userIds");
      case DISAGREE -> List.of("reason");
      case RESOLVE, URGE, ESCALATE, HANDOVER, DETACH, WITHDRAW, AGREE -> List.of();
    };
    JsonNode node;
    try {
      node = Callers.object(body == null || body.isBlank() ? "{}" : body, required,
          required.contains("reason") ? List.of() : List.of("reason"));
    } catch (IllegalArgumentException e) {
      throw TaskActionRefused.badRequest(e.getMessage());
    }
    return new TaskActions.Request(text(node, "userId"), texts(node, "userIds"), text(node, "reason"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw TaskActionRefused.badRequest("字段" + field + "应为文字");
    }
    return value.textValue();
  }

  private static List<String> texts(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw TaskActionRefused.badRequest("字段" + field + "应为用户编号的列表");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw TaskActionRefused.badRequest("字段" + field + "应为用户编号的列表");
      }
      ids.add(item.textValue());
    }
    return ids;
  }
}
