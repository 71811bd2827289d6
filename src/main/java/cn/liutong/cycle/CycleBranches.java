package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.BRANCH_OPTIONS;
import static cn.liutong.cycle.CycleProcess.Var.ITEMS;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.system.JsonVariables;

/**
 * The branches taking part in a cycle, fixed when the committee decomposes the goals: the multi-instance
 * stages fan out over {@code ${cycleBranches.codes(execution)}} and show each branch its own data.
 */
@Component("cycleBranches")
public class CycleBranches {

  private final JsonVariables json;

  CycleBranches(JsonVariables json) {
    this.json = json;
  }

  public List<String> codes(DelegateExecution execution) {
    List<String> codes = new ArrayList<>();
    json.read(execution, BRANCH_OPTIONS).forEach(option -> codes.add(option.path("value").asText()));
    return codes;
  }

  public String name(DelegateExecution execution, String branchCode) {
    for (JsonNode option : json.read(execution, BRANCH_OPTIONS)) {
      if (option.path("value").asText().equals(branchCode)) {
        return option.path("label").asText();
      }
    }
    return branchCode;
  }

  /** This branch's responsibility items, as the forms list them. */
  public TypedValue items(DelegateExecution execution, String branchCode) {
    List<JsonNode> mine = new ArrayList<>();
    json.read(execution, ITEMS).forEach(item -> {
      if (item.path("branchCode").asText().equals(branchCode)) {
        mine.add(item);
      }
    });
    return json.json(mine);
  }
}
