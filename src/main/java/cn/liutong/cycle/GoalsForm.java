package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.GOALS;
import static cn.liutong.cycle.CycleProcess.Var.GOALS_DECISION;
import static cn.liutong.cycle.CycleProcess.Var.MIN_PARTY_SHARE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleLedger.Goal;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 同规划: one goal system for party-building and business work. Weights add up to 100, the
 * party-building goals together reach the cycle's minimum share, and every problem carried over from the
 * agency's previous cycle is answered ({@link CarryOvers}).
 */
@Component("goalsForm")
class GoalsForm implements TaskListener {

  static final Map<String, String> CATEGORIES = CycleProcess.GOAL_CATEGORIES;

  private final JsonVariables json;
  private final CarryOvers carryOvers;

  GoalsForm(JsonVariables json, CarryOvers carryOvers) {
    this.json = json;
    this.carryOvers = carryOvers;
  }

  @Override
  public void notify(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    List<Goal> goals = read(json.read(task, GOALS), check);
    int minShare = ((Number) task.getVariable(MIN_PARTY_SHARE)).intValue();
    if (!check.hasProblems()) {
      requireWeights(goals, minShare, check);
    }
    // the last cycle's open problems: each answered once, by one of these goals or with an explanation
    var answers = carryOvers.answers(task, goals.stream().map(Goal::name).collect(Collectors.toSet()), check);
    check.validate();
    carryOvers.record(task, answers);
    task.setVariable(GOALS, json.json(goals.stream().map(GoalsForm::shown).toList()));
    task.setVariable(GOALS_DECISION, null);
  }

  /** The weights span the goals: 100 in all, the party-building goals at least {@code minShare}, both kinds present. */
  static void requireWeights(List<Goal> goals, int minShare, FormCheck check) {
    int total = goals.stream().mapToInt(Goal::weight).sum();
    int party = goals.stream().filter(g -> !g.category().equals("business")).mapToInt(Goal::weight).sum();
    check.require(total == 100, "全部目标权重合计须为100%，当前为" + total + "%");
    check.require(party >= minShare, "党建目标权重合计不得低于" + minShare + "%，当前为" + party + "%");
    check.require(party < total, "目标体系须同时包含业务工作目标");
    check.require(party > 0, "目标体系须同时包含党建工作目标");
  }

  /** A goal as later forms show it (read-only tables): with its category's Chinese label. */
  static Map<String, Object> shown(Goal goal) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("category", goal.category());
    shown.put("categoryLabel", CATEGORIES.get(goal.category()));
    shown.put("name", goal.name());
    shown.put("indicator", goal.indicator());
    shown.put("target", goal.target());
    shown.put("weight", goal.weight());
    return shown;
  }

  /**
   * The submitted goals; the form's own rules have checked each field (lengths, category, weight), this adds
   * the rule that spans rows: no name twice. The problems name the goal's position.
   */
  static List<Goal> read(JsonNode array, FormCheck check) {
    List<Goal> goals = new ArrayList<>();
    if (!array.isArray() || array.isEmpty()) {
      check.require(false, "请至少填写一个目标");
      return goals;
    }
    Set<String> names = new HashSet<>();
    int position = 0;
    for (JsonNode node : array) {
      String at = "第" + (++position) + "个目标：";
      String category = node.path("category").asText("");
      String name = node.path("name").asText("").trim();
      String indicator = node.path("indicator").asText("").trim();
      String target = node.path("target").asText("").trim();
      JsonNode weight = node.path("weight");
      check.require(name.isEmpty() || names.add(name), at + "目标名称“" + name + "”重复");
      goals.add(new Goal(category, name, indicator, target, weight.isNumber() ? (int) Math.round(weight.asDouble()) : 0));
    }
    return goals;
  }
}
