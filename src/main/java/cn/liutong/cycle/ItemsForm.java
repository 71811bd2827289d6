package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleLedger.Item;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 同部署: the three-level responsibility list. Every goal is broken down, every participating branch
 * gets at least one item, and milestones fall inside the cycle.
 */
@Component("itemsForm")
class ItemsForm implements TaskListener {

  private final JsonVariables json;

  ItemsForm(JsonVariables json) {
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    Map<String, String> branches = new LinkedHashMap<>();
    json.read(task, BRANCH_OPTIONS).forEach(o -> branches.put(o.path("value").asText(), o.path("label").asText()));
    Set<String> goals = new LinkedHashSet<>();
    json.read(task, GOALS).forEach(g -> goals.add(g.path("name").asText()));
    LocalDate start = LocalDate.parse(task.getVariable(PERIOD_START).toString().substring(0, 10));
    LocalDate end = LocalDate.parse(task.getVariable(PERIOD_END).toString().substring(0, 10));

    List<Item> items = read(json.read(task, ITEMS), branches, goals, start, end, check);
    if (!check.hasProblems()) {
      requireCoverage(items, branches, goals, check);
    }
    check.validate();
    task.setVariable(ITEMS, json.json(items));
  }

  /** Every participating branch has an item, and every goal is broken down into one. */
  static void requireCoverage(List<Item> items, Map<String, String> branches, Set<String> goals, FormCheck check) {
    Set<String> coveredBranches = new LinkedHashSet<>();
    Set<String> coveredGoals = new LinkedHashSet<>();
    items.forEach(i -> {
      coveredBranches.add(i.branchCode());
      coveredGoals.add(i.goalName());
    });
    branches.forEach((code, name) -> check.require(coveredBranches.contains(code), name + "还没有责任事项"));
    goals.forEach(goal -> check.require(coveredGoals.contains(goal), "目标“" + goal + "”还没有分解为责任事项"));
  }

  static List<Item> read(JsonNode array, Map<String, String> branches, Set<String> goals, LocalDate start,
      LocalDate end, FormCheck check) {
    List<Item> items = new ArrayList<>();
    if (!array.isArray() || array.isEmpty()) {
      check.require(false, "请至少填写一项责任事项");
      return items;
    }
    int position = 0;
    for (JsonNode node : array) {
      String at = "第" + (++position) + "项责任事项：";
      String goal = node.path(CycleProcess.Item.GOAL_NAME).asText("");
      String branch = node.path(CycleProcess.Item.BRANCH_CODE).asText("");
      String measures = node.path("measures").asText("").trim();
      String milestone = node.path("milestone").asText("").trim();
      LocalDate date = null;
      try {
        date = LocalDate.parse(node.path(CycleProcess.Item.MILESTONE_DATE).asText(""));
      } catch (DateTimeParseException e) {
        check.require(node.path("milestoneDate").asText("").isBlank(), at + "请填写有效的节点日期"); // empty: the form's rule
      }
      check.require(goals.contains(goal), at + "请选择对应目标");
      check.require(branches.containsKey(branch), at + "请选择责任支部");
      check.require(date == null || (!date.isBefore(start) && !date.isAfter(end)),
          at + "节点日期须在周期内（" + start + "至" + end + "）");
      items.add(new Item(goal, branch, branches.getOrDefault(branch, branch), measures, milestone, date, null));
    }
    return items;
  }
}
