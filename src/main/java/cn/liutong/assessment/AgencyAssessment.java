package cn.liutong.assessment;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleLedger;
import cn.liutong.cycle.CycleLedger.NumberedItem;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.feedback.FeedbackLedger;
import cn.liutong.milestone.Milestones;
import cn.liutong.milestone.Milestones.ItemLight;
import cn.liutong.system.CleanText;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 同考核 of the agency's own levels (三级责任清单: 党组领导、机关党委加强): every owner of a party group or committee
 * item reports on their own items (述职, item by item: 一岗双责 — the 党组书记 as 第一责任人, each party group member on
 * their 分管 items, the committee's owners), then the committee scores the agency goal by goal on these items, as it
 * scores a branch ({@link GoalScores}, the goal scores under the agency's id), and {@code assessment-grade} grades
 * the result by the year's rules, with the department's 社会评价 and no member evaluation (members evaluate their
 * branch). The party group sees the result beside the branches' when it approves the results.
 */
@Component("agencyAssessments")
public class AgencyAssessment {

  /** The owner's items on the 述职 form, one row each: read-only facts and the owner's statement. */
  public static final String OWN_ITEMS = "ownItems";
  public static final String ITEM_NO = "itemNo";
  public static final String STATEMENT = "statement";
  /** The owner's 述职报告 over all their items. */
  public static final String SUMMARY = "ownerDutySummary";
  /** The owners' 述职, as the committee reads it when it scores the agency. */
  public static final String DUTY_RECORD = "ownerDutyRecord";
  /** Why the party group returned the agency-level score, on the committee's rescoring. */
  public static final String RETURN_NOTE = "agencyReturnNote";
  /** The agency-level result as the party group reads it when it approves the results. */
  public static final String RESULT_TEXT = "agencyAssessment";
  /** How the agency's own levels are named where a branch's name stands (the approval, the ledger). */
  public static final String UNIT_LABEL = "机关层面（党组、机关党委）";
  static final int STATEMENT_MAX = 500;
  static final int SUMMARY_MAX = 2000;

  /** One owner's 述职: the summary and the statement on each own item. */
  public record DutyReport(String ownerId, String ownerName, String summary, Timestamp reportedAt,
      List<Statement> statements) {
  }

  public record Statement(int itemNo, String goalName, String milestone, String statement) {
  }

  /** The agency-level result of a cycle. */
  public record Result(BigDecimal weightedScore, BigDecimal partyScore, BigDecimal businessScore, String grade,
      String scoredBy, Timestamp recordedAt, String returnReason, BigDecimal previousWeightedScore,
      String previousGrade) {
  }

  private final JdbcClient jdbc;
  private final CycleLedger cycles;
  private final Milestones milestones;
  private final GoalScores goalScores;
  private final FeedbackLedger feedback;
  private final JsonVariables json;

  AgencyAssessment(JdbcClient jdbc, CycleLedger cycles, Milestones milestones, GoalScores goalScores,
      FeedbackLedger feedback, JsonVariables json) {
    this.jdbc = jdbc;
    this.cycles = cycles;
    this.milestones = milestones;
    this.goalScores = goalScores;
    this.feedback = feedback;
    this.json = json;
  }

  // ----------------------------------------------------------------- 述职 of the owners

  /** The owner's 述职 on create: their items with milestone and latest progress, a statement to write for each. */
  void prepareDutyReport(DelegateTask task) {
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    Map<String, ItemLight> lights = lights(cycleId);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (NumberedItem item : ownItems(cycleId, owner(task))) {
      ItemLight light = lights.get(item.id());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(ITEM_NO, item.position());
      row.put("goalName", item.goalName());
      row.put("measures", item.measures());
      row.put("milestone", item.milestone() + "（节点日期 " + item.milestoneDate() + "）");
      row.put("progress", light == null ? "未报告" : light.statusLabel() + "，" + light.light().label()
          + (light.note() == null ? "" : "。" + light.note()));
      row.put(STATEMENT, "");
      rows.add(row);
    }
    task.setVariableLocal(OWN_ITEMS, json.json(rows));
  }

  /**
   * The owner's 述职 on complete: a statement on each of their items, once, and nothing else; the summary. Refused
   * with the reason and nothing written when one is wrong.
   */
  void recordDutyReport(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    String owner = owner(task);
    Map<Integer, NumberedItem> mine = new LinkedHashMap<>();
    ownItems(cycleId, owner).forEach(item -> mine.put(item.position(), item));
    String summary = check.text(SUMMARY, "述职报告", 10, SUMMARY_MAX);
    JsonNode rows = json.read(task, OWN_ITEMS);
    Map<NumberedItem, String> statements = new LinkedHashMap<>();
    Set<Integer> seen = new LinkedHashSet<>();
    int n = 0;
    for (JsonNode row : rows.isArray() ? rows : List.<JsonNode>of()) {
      String at = "本人第" + (++n) + "项责任事项：";
      JsonNode number = row.path(ITEM_NO);
      NumberedItem item = number.canConvertToExactIntegral() ? mine.get(number.asInt()) : null;
      String statement = row.path(STATEMENT).isTextual() ? row.path(STATEMENT).asText().strip() : "";
      if (item == null) {
        check.require(false, at + "序号" + (number.isValueNode() ? number.asText() : "") + "不是本人本周期的责任事项");
      } else if (!seen.add(item.position())) {
        check.require(false, at + "第" + item.position() + "项责任事项重复述职");
      } else if (statement.isEmpty()) {
        check.require(false, at + "请填写第" + item.position() + "项责任事项的履职情况");
      } else if (CleanText.length(statement) > STATEMENT_MAX) {
        check.require(false, at + "履职情况不能超过" + STATEMENT_MAX + "个字");
      } else {
        statements.put(item, statement);
      }
    }
    mine.values().stream().filter(item -> !seen.contains(item.position()))
        .forEach(item -> check.require(false, "请就第" + item.position() + "项责任事项（" + item.goalName() + "）述职"));
    check.validate();
    String ownerName = mine.values().stream().map(NumberedItem::ownerName).filter(java.util.Objects::nonNull)
        .findFirst().orElse(owner);
    record(cycleId, owner, ownerName, summary.strip(), statements);
  }

  void record(String cycleId, String owner, String ownerName, String summary, Map<NumberedItem, String> statements) {
    String id = newId();
    jdbc.sql("""
        insert into lt_owner_duty_report (id, cycle_id, owner_id, owner_name, summary, reported_at)
        values (:id, :cycle, :owner, :name, :summary, :at)""").param("id", id).param("cycle", cycleId)
        .param("owner", owner).param("name", ownerName).param("summary", summary).param("at", timestamp()).update();
    statements.forEach((item, statement) -> jdbc.sql("""
        insert into lt_owner_duty_item (id, report_id, item_id, statement) values (:id, :report, :item, :statement)""")
        .param("id", newId()).param("report", id).param("item", item.id()).param("statement", statement).update());
  }

  /** Every owner's 述职 of the cycle, in the order reported. */
  public List<DutyReport> dutyReports(String cycleId) {
    record Row(String id, String ownerId, String ownerName, String summary, Timestamp reportedAt) {
    }
    record ItemRow(String reportId, int position, String goalName, String milestone, String statement) {
    }
    Map<String, List<Statement>> byReport = jdbc.sql("""
        select d.report_id, i.position, i.goal_name, i.milestone, d.statement from lt_owner_duty_item d
        join lt_responsibility_item i on i.id = d.item_id where i.cycle_id = :cycle order by i.position""")
        .param("cycle", cycleId).query(ItemRow.class).list().stream().collect(Collectors.groupingBy(ItemRow::reportId,
            LinkedHashMap::new, Collectors.mapping(r -> new Statement(r.position(), r.goalName(), r.milestone(),
                r.statement()), Collectors.toList())));
    return jdbc.sql("""
        select id, owner_id, owner_name, summary, reported_at from lt_owner_duty_report where cycle_id = :cycle
        order by reported_at, owner_id""").param("cycle", cycleId).query(Row.class).list().stream()
        .map(r -> new DutyReport(r.ownerId(), r.ownerName(), r.summary(), r.reportedAt(),
            byReport.getOrDefault(r.id(), List.of()))).toList();
  }

  // ----------------------------------------------------------------- the committee scores the agency

  /** The agency's scoring sheet on create: each goal with the agency-level items under it and the owners' 述职. */
  void prepareScoring(DelegateTask task) {
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    List<ItemLight> items = agencyItems(cycleId);
    Map<Integer, String> said = new LinkedHashMap<>();
    Map<Integer, String> owners = new LinkedHashMap<>();
    cycles.numberedItems(cycleId).forEach(i -> owners.put(i.position(),
        i.branchName() + " " + (i.ownerName() == null ? "未指定责任人" : i.ownerName())));
    List<DutyReport> reports = dutyReports(cycleId);
    reports.forEach(r -> r.statements().forEach(s -> said.put(s.itemNo(), s.statement())));
    task.setVariableLocal(GoalScores.VARIABLE, goalScores.sheet(cycleId, agencyId(task), goal -> {
      List<ItemLight> under = items.stream().filter(i -> goal.equals(i.goalName())).toList();
      return under.isEmpty() ? "党组、机关党委在此目标下没有责任事项，按机关层面对实现此目标的领导和推动评分。"
          : under.stream().map(i -> GoalScores.material(List.of(i)) + "\n　责任人：" + owners.get(i.itemNo())
              + "；述职：" + said.getOrDefault(i.itemNo(), "未述职")).collect(Collectors.joining("\n"));
    }));
    result(cycleId).filter(r -> r.returnReason() != null).ifPresent(r -> task.setVariableLocal(RETURN_NOTE,
        "党组退回理由：" + r.returnReason() + "。原等次 " + r.previousGrade() + "（" + r.previousWeightedScore().toPlainString()
            + " 分）。以下为原评分，请对照理由逐个目标复核。"));
    task.setVariableLocal(DUTY_RECORD, reports.isEmpty() ? "本周期党组、机关党委没有责任人述职。"
        : reports.stream().map(r -> r.ownerName() + "：" + r.summary()).collect(Collectors.joining("\n")));
  }

  /**
   * The committee's scores of the agency: checked as a branch's ({@link GoalScores#read}), recorded under the
   * agency's id, and set with the decision's other inputs in the agency's scope (no veto, no member evaluation,
   * the department's 社会评价, no pledges).
   */
  void score(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    List<GoalScores.Scored> scored = goalScores.read(task, check);
    check.validate();
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    goalScores.record(cycleId, agencyId(task), scored, FormCheck.submitter(task));
    DelegateExecution execution = task.getExecution();
    execution.setVariable(GoalScores.VARIABLE, goalScores.forDecision(scored));
    execution.setVariable(AssessmentProcess.VETO, false);
    execution.setVariable(AssessmentProcess.MEMBER_EVALUATION, null);
    execution.setVariable(AssessmentProcess.PUBLIC_SATISFACTION, feedback.satisfactionScore(agencyId(task),
        agencyId(task), cycles.cycle(cycleId).startedAt()));
    execution.setVariable(AssessmentProcess.PLEDGE_SHARE, null);
    execution.setVariable(SCORED_BY, FormCheck.submitter(task));
  }

  static final String SCORED_BY = "agencyScoredBy";

  /**
   * The decision's result for the agency, one row per cycle; scored again after the party group's return
   * ({@link #returned}), the row keeps the result before and the return's reason.
   */
  void recordResult(DelegateExecution execution) {
    String cycleId = (String) execution.getVariable(CycleProcess.Var.CYCLE_ID);
    Optional<Result> before = result(cycleId);
    jdbc.sql("delete from lt_agency_assessment where cycle_id = :cycle").param("cycle", cycleId).update();
    jdbc.sql("""
        insert into lt_agency_assessment (cycle_id, weighted_score, party_score, business_score, grade, scored_by,
          recorded_at, return_reason, previous_weighted_score, previous_grade)
        values (:cycle, :weighted, :party, :business, :grade, :by, :at, :reason, :previousScore, :previousGrade)""")
        .param("cycle", cycleId)
        .param("weighted", decimal(execution, AssessmentProcess.WEIGHTED_SCORE))
        .param("party", decimal(execution, AssessmentProcess.PARTY_SCORE))
        .param("business", decimal(execution, AssessmentProcess.BUSINESS_SCORE))
        .param("grade", execution.getVariable(AssessmentProcess.GRADE)).param("by", execution.getVariable(SCORED_BY))
        .param("at", timestamp())
        .param("reason", before.map(Result::returnReason).orElse(null))
        .param("previousScore", before.map(Result::previousWeightedScore).orElse(null))
        .param("previousGrade", before.map(Result::previousGrade).orElse(null)).update();
  }

  /** The party group returned the agency-level score with its reason: the result now in force becomes the one before. */
  public void returned(String cycleId, String reason) {
    jdbc.sql("""
        update lt_agency_assessment set return_reason = :reason, previous_weighted_score = weighted_score,
          previous_grade = grade where cycle_id = :cycle""").param("reason", reason).param("cycle", cycleId).update();
  }

  /** The cycle's agency-level result, once scored. */
  public Optional<Result> result(String cycleId) {
    return jdbc.sql("""
        select weighted_score, party_score, business_score, grade, scored_by, recorded_at, return_reason,
          previous_weighted_score, previous_grade from lt_agency_assessment where cycle_id = :cycle""").param("cycle", cycleId).query(Result.class).optional();
  }

  /** The agency-level result, goal scores and 述职 as the party group reads them on 审定考核结果. */
  public String summary(DelegateExecution execution) {
    String cycleId = (String) execution.getVariable(CycleProcess.Var.CYCLE_ID);
    Optional<Result> result = result(cycleId);
    if (result.isEmpty()) {
      return "本周期党组、机关党委没有责任事项，不进行机关层面考核。";
    }
    Result r = result.get();
    List<String> lines = new ArrayList<>();
    lines.add("综合得分 " + r.weightedScore().toPlainString() + "，等次：" + r.grade() + "（党建目标 "
        + plain(r.partyScore()) + "，业务目标 " + plain(r.businessScore()) + "）");
    if (r.previousGrade() != null) {
      lines.add("党组退回重新评分：" + r.returnReason() + "。原等次 " + r.previousGrade() + "（"
          + r.previousWeightedScore().toPlainString() + " 分）");
    }
    goalScores.ofBranch(cycleId, (String) execution.getVariable(CycleProcess.Var.AGENCY_ID))
        .forEach(s -> lines.add(s.name() + "（权重" + s.weight() + "%）：" + s.score().toPlainString()
            + (s.basis() == null ? "" : "，" + s.basis())));
    dutyReports(cycleId).forEach(d -> lines.add("述职 · " + d.ownerName() + "：" + d.summary()));
    return String.join("\n", lines);
  }

  private static String plain(BigDecimal value) {
    return value == null ? "—" : value.toPlainString();
  }

  private static BigDecimal decimal(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : new BigDecimal(value.toString()).setScale(1, java.math.RoundingMode.HALF_EVEN);
  }

  private List<NumberedItem> ownItems(String cycleId, String owner) {
    return cycles.numberedItems(cycleId).stream().filter(i -> !i.item().ofBranch() && owner.equals(i.ownerId()))
        .toList();
  }

  private List<ItemLight> agencyItems(String cycleId) {
    Set<String> agencyLevel = cycles.numberedItems(cycleId).stream().filter(i -> !i.item().ofBranch())
        .map(NumberedItem::id).collect(Collectors.toSet());
    return milestones.ofCycle(cycleId).stream().filter(i -> agencyLevel.contains(i.itemId())).toList();
  }

  private Map<String, ItemLight> lights(String cycleId) {
    return milestones.ofCycle(cycleId).stream().collect(Collectors.toMap(ItemLight::itemId, i -> i));
  }

  private static String owner(DelegateTask task) {
    return (String) task.getVariable(CycleProcess.Var.OWNER_ID);
  }

  private static String agencyId(DelegateTask task) {
    return (String) task.getVariable(CycleProcess.Var.AGENCY_ID);
  }

  @Bean
  static TaskListener ownerDutyItems(AgencyAssessment assessment) {
    return assessment::prepareDutyReport;
  }

  @Bean
  static TaskListener ownerDutyForm(AgencyAssessment assessment) {
    return assessment::recordDutyReport;
  }

  @Bean
  static TaskListener agencyScoreSheet(AgencyAssessment assessment) {
    return assessment::prepareScoring;
  }

  @Bean
  static TaskListener agencyScoreForm(AgencyAssessment assessment) {
    return assessment::score;
  }

  @Bean
  static JavaDelegate recordAgencyAssessmentDelegate(AgencyAssessment assessment) {
    return assessment::recordResult;
  }
}
