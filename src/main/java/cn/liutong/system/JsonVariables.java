package cn.liutong.system;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lists and objects travel as {@code Json} variables (what Camunda Forms submit), never as serialized
 * Java objects. This reads them as Jackson trees and writes Java values back as Json.
 */
@Component
public class JsonVariables {

  private final ObjectMapper objectMapper;

  JsonVariables(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  /** The variable as a JSON tree; a missing variable reads as JSON null. */
  public JsonNode read(VariableScope scope, String name) {
    return tree(scope.getVariable(name));
  }

  public JsonNode tree(Object value) {
    try {
      if (value == null) {
        return objectMapper.nullNode();
      }
      if (value instanceof SpinJsonNode spin) {
        return objectMapper.readTree(spin.toString());
      }
      if (value instanceof String text) {
        return objectMapper.readTree(text);
      }
      return objectMapper.valueToTree(value);
    } catch (JsonProcessingException e) {
      return objectMapper.missingNode();
    }
  }

  /** A Java value (records, lists, maps) as a Json variable value. */
  public TypedValue json(Object value) {
    try {
      return SpinValues.jsonValue(objectMapper.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not representable as JSON: " + value, e);
    }
  }

  public <T> List<T> list(JsonNode array, Class<T> type) {
    return objectMapper.convertValue(array,
        objectMapper.getTypeFactory().constructCollectionType(List.class, type));
  }
}
