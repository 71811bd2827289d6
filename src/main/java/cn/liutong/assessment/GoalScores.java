package cn.liutong.assessment;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleLedger;
import cn.liutong.cycle.CycleLedger.Goal;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.milestone.Milestones;
import cn.liutong.milestone.Milestones.ItemLight;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 双考 by the plan (目标逐项评分): the committee scores a branch on every goal of the goal system as the party group
 * approved it (with the cycle's adjustments), each with the goal's weight; the {@code assessment-grade} decision
 * weighs them. The form's rows come from the ledger with the material for each goal (the branch's items under it,
 * their milestones and latest reported progress); what comes back is checked against the ledger's goals, and only
 * the score and the basis (评分依据) are taken from the client: name, category and weight are the ledger's.
 */
@Component
public class GoalScores {

  /** The rows of the scoring form and, once checked, the decision's input: name, category, weight, score, basis. */
  public static final String VARIABLE = "goalScores";
  /** The branch's progress reports and inspection findings, round by round, shown beside the scores. */
  public static final String INSPECTION_RECORD = "inspectionRecord";
  static final String NAME = "name";
  static final String CATEGORY = "category";
  static final String WEIGHT = "weight";
  static final String SCORE = "score";
  static final String BASIS = "basis";
  static final int BASIS_MAX = 300;
  static final String NOT_THE_PLAN = "评分表中的目标与本周期现行目标体系不一致，请关闭任务后重新打开再评分";

  /** One goal as scored for one branch. */
  public record Scored(int position, String name, String category, int weight, BigDecimal score, String basis) {
  }

  private final JdbcClient jdbc;
  private final CycleLedger cycles;
  private final Milestones milestones;
  private final JsonVariables json;

  GoalScores(JdbcClient jdbc, CycleLedger cycles, Milestones milestones, JsonVariables json) {
    this.jdbc = jdbc;
    this.cycles = cycles;
    this.milestones = milestones;
    this.json = json;
  }

  /**
   * On create of a scoring task: one row per goal, the branch's material for it, and the score and basis recorded
   * before (a return or an appeal reopens them), empty the first time; and the branch's reports and findings.
   */
  public void prepare(DelegateTask task) {
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    String branch = (String) task.getVariable(CycleProcess.Var.BRANCH_CODE);
    List<ItemLight> items = milestones.ofCycle(cycleId).stream().filter(i -> branch.equals(i.branchCode())).toList();
    task.setVariableLocal(VARIABLE, sheet(cycleId, branch, goal -> {
      List<ItemLight> under = items.stream().filter(i -> goal.equals(i.goalName())).toList();
      return under.isEmpty() ? "本支部在此目标下没有责任事项，按支部对机关实现此目标的贡献评分。" : material(under);
    }));
    task.setVariableLocal(INSPECTION_RECORD, inspectionRecord(cycleId, branch));
  }

  /**
   * The scoring sheet of one unit (a branch, or the agency for its party group's and committee's items): one row per
   * goal with the material on it ({@code material} by the goal's name), and the score and basis recorded before for
   * the unit, empty the first time.
   */
  Object sheet(String cycleId, String unit, java.util.function.Function<String, String> material) {
    Map<String, Scored> before = ofBranch(cycleId, unit).stream()
        .collect(Collectors.toMap(Scored::name, s -> s, (a, b) -> b));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Goal goal : cycles.goals(cycleId)) {
      Scored earlier = before.get(goal.name());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(NAME, goal.name());
      row.put("categoryLabel", CycleProcess.GOAL_CATEGORIES.getOrDefault(goal.category(), goal.category()));
      row.put("indicator", goal.indicator());
      row.put("target", goal.target());
      row.put(WEIGHT, goal.weight());
      row.put("material", material.apply(goal.name()));
      row.put(SCORE, earlier == null ? null : earlier.score());
      row.put(BASIS, earlier == null || earlier.basis() == null ? "" : earlier.basis());
      rows.add(row);
    }
    return json.json(rows);
  }

  /** The branch's items of the cycle with their milestones and latest progress, for its 述职. */
  public String branchItemsRecord(String cycleId, String branch) {
    List<ItemLight> items = milestones.ofCycle(cycleId).stream().filter(i -> branch.equals(i.branchCode())).toList();
    return items.isEmpty() ? "本支部本周期没有责任事项。" : items.stream()
        .map(i -> "【" + i.goalName() + "】" + material(List.of(i))).collect(Collectors.joining("\n"));
  }

  /** The items' milestones and latest reported progress, one line each. */
  static String material(List<ItemLight> items) {
    return items.stream().map(i -> "第" + i.itemNo() + "项：" + i.milestone() + "（节点日期 " + i.milestoneDate() + "）"
        + "，最新进展：" + i.statusLabel() + "，" + i.light().label() + (i.note() == null ? "" : "。" + i.note()))
        .collect(Collectors.joining("\n"));
  }

  private String inspectionRecord(String cycleId, String branch) {
    List<String> lines = new ArrayList<>();
    cycles.progressReports(cycleId).stream().filter(p -> branch.equals(p.branchCode()))
        .forEach(p -> lines.add("第" + p.round() + "轮进展报告：党建 " + p.partyProgress() + "；业务 " + p.businessProgress()
            + (p.difficulties() == null ? "" : "；困难 " + p.difficulties())));
    cycles.findings(cycleId).stream().filter(f -> branch.equals(f.branchCode()))
        .forEach(f -> lines.add("第" + f.round() + "轮督查发现：" + f.findings()
            + (f.problemsFound() && f.problem() != null ? "（问题：" + f.problem() + "）" : "")));
    return lines.isEmpty() ? "本周期尚无本支部的进展报告和督查记录。" : String.join("\n", lines);
  }

  /**
   * The submitted rows checked against the cycle's goals: every goal once, nothing else, a score of 0 to 100 with
   * at most one decimal, a basis of at most {@value #BASIS_MAX} characters. Problems go to {@code check}; the
   * result holds the goals scored correctly, with the ledger's name, category and weight.
   */
  List<Scored> read(DelegateTask task, FormCheck check) {
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    List<Goal> goals = cycles.goals(cycleId);
    Map<String, Integer> positions = new LinkedHashMap<>();
    for (int i = 0; i < goals.size(); i++) {
      positions.put(goals.get(i).name(), i);
    }
    JsonNode rows = json.read(task, VARIABLE);
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    boolean foreign = !rows.isArray();
    for (JsonNode row : rows.isArray() ? rows : List.<JsonNode>of()) {
      String name = row.path(NAME).asText("");
      foreign |= !positions.containsKey(name) || byName.put(name, row) != null;
    }
    check.require(!foreign && byName.keySet().equals(positions.keySet()), NOT_THE_PLAN);
    List<Scored> scored = new ArrayList<>();
    for (Goal goal : goals) {
      JsonNode row = byName.get(goal.name());
      if (row == null) {
        continue;
      }
      JsonNode score = row.path(SCORE);
      String basis = row.path(BASIS).isTextual() ? row.path(BASIS).asText().strip() : "";
      String at = "目标“" + goal.name() + "”";
      if (score.isMissingNode() || score.isNull()) {
        continue; // the form's own rule (required) names the row
      } else if (!score.isNumber()) {
        check.require(false, at + "的得分应为数字");
      } else if (score.decimalValue().compareTo(BigDecimal.ZERO) < 0 || score.decimalValue().compareTo(BigDecimal.valueOf(100)) > 0) {
        check.require(false, at + "的得分应在0至100之间");
      } else if (score.decimalValue().stripTrailingZeros().scale() > 1) {
        check.require(false, at + "的得分最多保留一位小数");
      } else if (basis.codePointCount(0, basis.length()) > BASIS_MAX) {
        check.require(false, at + "的评分依据不能超过" + BASIS_MAX + "个字");
      } else {
        scored.add(new Scored(positions.get(goal.name()), goal.name(), goal.category(), goal.weight(),
            score.decimalValue().setScale(1), basis.isEmpty() ? null : basis));
      }
    }
    // every goal scored, or the answer says why not (never a partial sheet recorded)
    check.require(scored.size() == goals.size() || check.hasProblems(), NOT_THE_PLAN);
    return scored;
  }

  /** The checked scores as the decision reads them (a Json list). */
  Object forDecision(List<Scored> scored) {
    return json.json(scored.stream().map(s -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(NAME, s.name());
      row.put(CATEGORY, s.category());
      row.put(WEIGHT, s.weight());
      row.put(SCORE, s.score());
      row.put(BASIS, s.basis());
      return row;
    }).toList());
  }

  /** The branch's scores replace any earlier ones (a rescoring, a review). */
  @Transactional
  void record(String cycleId, String branchCode, List<Scored> scored, String by) {
    jdbc.sql("delete from lt_goal_score where cycle_id = :cycle and branch_code = :branch").param("cycle", cycleId)
        .param("branch", branchCode).update();
    for (Scored s : scored) {
      jdbc.sql("""
          insert into lt_goal_score (id, cycle_id, branch_code, position, goal_name, category, weight, score, basis,
            scored_by, scored_at)
          values (:id, :cycle, :branch, :position, :name, :category, :weight, :score, :basis, :by, :at)""")
          .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("position", s.position())
          .param("name", s.name()).param("category", s.category()).param("weight", s.weight()).param("score", s.score())
          .param("basis", s.basis()).param("by", by).param("at", timestamp()).update();
    }
  }

  /** A branch's goal scores in the goal system's order; empty before it is scored. */
  public List<Scored> ofBranch(String cycleId, String branchCode) {
    return jdbc.sql("""
        select position, goal_name as name, category, weight, score, basis from lt_goal_score
        where cycle_id = :cycle and branch_code = :branch order by position""")
        .param("cycle", cycleId).param("branch", branchCode).query(Scored.class).list();
  }

  /** Every goal score of a cycle, branch by branch. */
  public List<Row> ofCycle(String cycleId) {
    return jdbc.sql("""
        select branch_code, position, goal_name, category, weight, score, basis, scored_by, scored_at from lt_goal_score
        where cycle_id = :cycle order by branch_code, position""").param("cycle", cycleId).query(Row.class).list();
  }

  public record Row(String branchCode, int position, String goalName, String category, int weight, BigDecimal score,
      String basis, String scoredBy, java.sql.Timestamp scoredAt) {
  }
}
