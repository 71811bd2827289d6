package cn.liutong.demo;

import static cn.liutong.cycle.CycleProcess.Activity.ANSWER_OBJECTION;
import static cn.liutong.cycle.CycleProcess.Activity.APPROVE_GOALS;
import static cn.liutong.cycle.CycleProcess.Activity.APPROVE_RESULTS;
import static cn.liutong.cycle.CycleProcess.Activity.APPROVE_REVIEW;
import static cn.liutong.cycle.CycleProcess.Activity.CARRY_OUT_MEASURE;
import static cn.liutong.cycle.CycleProcess.Activity.CONFIRM_RESULT;
import static cn.liutong.cycle.CycleProcess.Activity.DECOMPOSE_GOALS;
import static cn.liutong.cycle.CycleProcess.Activity.DRAFT_GOALS;
import static cn.liutong.cycle.CycleProcess.Activity.DUTY_REPORT;
import static cn.liutong.cycle.CycleProcess.Activity.EVALUATE_BRANCH;
import static cn.liutong.cycle.CycleProcess.Activity.INSPECT;
import static cn.liutong.cycle.CycleProcess.Activity.PLAN_IMPLEMENTATION;
import static cn.liutong.cycle.CycleProcess.Activity.PLEDGE;
import static cn.liutong.cycle.CycleProcess.Activity.PUBLISH_BULLETIN;
import static cn.liutong.cycle.CycleProcess.Activity.REPORT_OWN_ITEMS;
import static cn.liutong.cycle.CycleProcess.Activity.REPORT_PROGRESS;
import static cn.liutong.cycle.CycleProcess.Activity.SCORE_BRANCH;
import static cn.liutong.cycle.CycleProcess.Activity.SIGN_FOR;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.assessment.AgencyAssessment;
import cn.liutong.assessment.AssessmentProcess;
import cn.liutong.assessment.GoalScores;
import cn.liutong.cycle.CycleContinuations;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.CycleProcess.CarriedItem;
import cn.liutong.cycle.CycleProcess.Decision;
import cn.liutong.cycle.CycleProcess.Var;
import cn.liutong.meeting.MeetingProcess;
import cn.liutong.organisation.GroupIds;

/**
 * Drives one {@code integrated-cycle} the way people do in Tasklist: every step is a form submission
 * ({@code FormService}) with what that form asks, followed by the cycle's asynchronous continuations, as
 * the job executor would run them. The demo data and the tests use it; what the forms say (texts, scores,
 * dates) is the caller's, the names are the models' constants.
 */
public class CycleScenario {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;
  /** {@code liutong.time-zone}'s default; {@link #inZone} when the application runs in another. */
  private ZoneId zone = ZoneId.of("Asia/Shanghai");
  private final ProcessInstance instance;
  private final String id;

  private CycleScenario(ProcessEngine engine, ProcessInstance instance) {
    this.engine = engine;
    this.instance = instance;
    this.id = instance.getId();
  }

  /** Submits the start form of the latest {@code integrated-cycle} for {@code agency}. */
  public static CycleScenario start(ProcessEngine engine, String agency, Map<String, Object> startForm) {
    VariableMap variables = Variables.fromMap(startForm);
    variables.put(Var.AGENCY_ID, agency);
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(CycleProcess.KEY).latestVersion().singleResult().getId();
    return new CycleScenario(engine, engine.getFormService().submitStartForm(definition, variables));
  }

  /** A scenario for a cycle that is already running (after a restart or a restore). */
  public static CycleScenario resume(ProcessEngine engine, String cycleId) {
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycleId)
        .singleResult();
    if (instance == null) {
      throw new IllegalStateException("no running cycle " + cycleId);
    }
    return new CycleScenario(engine, instance);
  }

  /** The start form: name, period, party-building goals at least 30 % of the weights, {@code rounds} quarterly rounds. */
  public static Map<String, Object> startForm(String name, String periodStart, String periodEnd, long rounds,
      long rectificationDays) {
    return form(Var.CYCLE_NAME, name, Var.PERIOD_START, periodStart, Var.PERIOD_END, periodEnd, Var.MIN_PARTY_SHARE, 30L,
        Var.INSPECTION_ROUNDS, rounds, Var.SIGN_FOR_DAYS, 7L, Var.RECTIFICATION_DAYS, rectificationDays);
  }

  public String id() {
    return id;
  }

  public ProcessInstance instance() {
    return instance;
  }

  // ----------------------------------------------------------------- 同规划

  /** The draft; each problem carried over from the last cycle is answered with {@link #ANSWERED_IN_WORK}. */
  public CycleScenario draftGoals(List<Map<String, Object>> goals) {
    return draftGoals(goals, carriedOver().stream().map(row -> explained(row, ANSWERED_IN_WORK)).toList());
  }

  /** The draft with these answers to the carried-over problems ({@link #carriedOver} rows, answered). */
  public CycleScenario draftGoals(List<Map<String, Object>> goals, List<Map<String, Object>> answers) {
    return submit(task(DRAFT_GOALS), form(Var.GOALS, json(goals), Var.CARRIED_OVER, json(answers)));
  }

  /** What a draft says of a carried-over problem it does not make a goal of, unless told otherwise. */
  public static final String ANSWERED_IN_WORK = "结合本周期各项目标统筹推进整改";

  /** The problems carried over into this cycle, as its draft form shows them (id, problem, answer so far). */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> carriedOver() {
    Object rows = engine.getRuntimeService().getVariable(id, Var.CARRIED_OVER);
    try {
      return rows == null ? List.of() : JSON.readValue(rows.toString(), List.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A carried-over row answered by one of the drafted goals. */
  public static Map<String, Object> byGoal(Map<String, Object> row, String goalName) {
    Map<String, Object> answered = new LinkedHashMap<>(row);
    answered.put(CarriedItem.ANSWER, CarriedItem.BY_GOAL);
    answered.put(CarriedItem.GOAL, goalName);
    answered.put(CarriedItem.EXPLANATION, null);
    return answered;
  }

  /** A carried-over row answered with an explanation. */
  public static Map<String, Object> explained(Map<String, Object> row, String explanation) {
    Map<String, Object> answered = new LinkedHashMap<>(row);
    answered.put(CarriedItem.ANSWER, CarriedItem.EXPLAINED);
    answered.put(CarriedItem.GOAL, null);
    answered.put(CarriedItem.EXPLANATION, explanation);
    return answered;
  }

  public CycleScenario approveGoals() {
    return submit(task(APPROVE_GOALS), form(Var.GOALS_DECISION, Decision.APPROVED));
  }

  public CycleScenario returnGoals(String reason) {
    return submit(task(APPROVE_GOALS), form(Var.GOALS_DECISION, Decision.RETURNED, Var.GOALS_RETURN_REASON, reason));
  }

  /** One row of the goals list. */
  public static Map<String, Object> goal(String category, String name, String indicator, String target, int weight) {
    return form(CycleProcess.Goal.CATEGORY, category, CycleProcess.Goal.NAME, name, CycleProcess.Goal.INDICATOR, indicator,
        CycleProcess.Goal.TARGET, target, CycleProcess.Goal.WEIGHT, weight);
  }

  // ----------------------------------------------------------------- 同部署

  /**
   * A 责任人 of the three-level list: the unit (the group id of the agency's party group or committee, or a
   * branch's code) and a person of it.
   */
  public record Owner(String unit, String person) {
  }

  /** One item per goal, spread over the owners so that each has at least one. */
  public static List<Map<String, Object>> items(List<String> goalNames, List<Owner> owners, String measures,
      String milestone, String milestoneDate) {
    return java.util.stream.IntStream.range(0, Math.max(goalNames.size(), owners.size()))
        .<Map<String, Object>>mapToObj(i -> form(CycleProcess.Item.GOAL_NAME, goalNames.get(i % goalNames.size()),
            CycleProcess.Item.BRANCH_CODE, owners.get(i % owners.size()).unit(),
            CycleProcess.Item.OWNER_ID, owners.get(i % owners.size()).person(), CycleProcess.Item.MEASURES, measures,
            CycleProcess.Item.MILESTONE, milestone, CycleProcess.Item.MILESTONE_DATE, milestoneDate))
        .toList();
  }

  public CycleScenario decompose(List<Map<String, Object>> items) {
    return submit(task(DECOMPOSE_GOALS), form(Var.ITEMS, json(items)));
  }

  public CycleScenario signFor(String branch) {
    return submit(branchTask(SIGN_FOR, branch), form(Var.SIGN_FOR_DECISION, Decision.SIGNED));
  }

  public CycleScenario objectTo(String branch, String objection) {
    return submit(branchTask(SIGN_FOR, branch), form(Var.SIGN_FOR_DECISION, Decision.OBJECTION, Var.OBJECTION, objection));
  }

  public CycleScenario answerObjection(String branch, String answer) {
    return submit(taskOfBranch(ANSWER_OBJECTION, branch), form(Var.OBJECTION_ANSWER, answer));
  }

  // ----------------------------------------------------------------- 同落实、同检查

  /** The branch's plan; {@code pioneerPosts} may be null (the field left empty). */
  public CycleScenario planImplementation(String branch, String partyTopics, List<Map<String, Object>> meetings,
      String implementationPlan, String pioneerPosts) {
    Map<String, Object> form = form(Var.PARTY_TOPICS, partyTopics, MeetingProcess.Var.MEETINGS, json(meetings),
        Var.IMPLEMENTATION_PLAN, implementationPlan);
    if (pioneerPosts != null) {
      form.put(Var.PIONEER_POSTS, pioneerPosts);
    }
    return submit(branchTask(PLAN_IMPLEMENTATION, branch), form);
  }

  /** One row of the plan's meetings (三会一课, 主题党日); {@code topicSource} one of the plan's offered values. */
  public static Map<String, Object> meeting(String type, String plannedDate, String topicSource, String topic) {
    return form(MeetingProcess.Row.TYPE, type, MeetingProcess.Row.PLANNED_DATE, plannedDate,
        MeetingProcess.Row.TOPIC_SOURCE, topicSource, MeetingProcess.Row.TOPIC, topic);
  }

  public CycleScenario pledge(String member, String pledge, boolean pioneerPost) {
    return submit(memberTask(PLEDGE, member), form(Var.PLEDGE, pledge, Var.PIONEER_POST, pioneerPost));
  }

  /** Fires the cycle's due timers of this activity, as the job executor would. */
  public CycleScenario fireTimers(String activityId) {
    dueTimers(activityId).forEach(job -> engine.getManagementService().executeJob(job.getId()));
    return this;
  }

  public List<Job> dueTimers(String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(id).activityId(activityId).timers().list();
  }

  /** 同述; {@code difficulties} may be null (the field left out). */
  public CycleScenario reportProgress(String branch, String partyProgress, String businessProgress, String difficulties) {
    return reportProgress(branch, partyProgress, businessProgress, difficulties, null);
  }

  /** The report, with {@code meetings} (rows as {@link #meeting} without a source) on the difficulties it states. */
  public CycleScenario reportProgress(String branch, String partyProgress, String businessProgress, String difficulties,
      List<Map<String, Object>> meetings) {
    Map<String, Object> form = form(Var.PARTY_PROGRESS, partyProgress, Var.BUSINESS_PROGRESS, businessProgress);
    if (difficulties != null) {
      form.put(Var.DIFFICULTIES, difficulties);
    }
    if (meetings != null) {
      form.put(MeetingProcess.Var.DIFFICULTY_MEETINGS, json(meetings));
    }
    return submit(branchTask(REPORT_PROGRESS, branch), form);
  }

  /** The committee's inspection; a {@code problem} starts a rectification. */
  public CycleScenario inspect(String branch, String findings, String problem) {
    Map<String, Object> form = form(Var.FINDINGS, findings, Var.PROBLEMS_FOUND, problem != null);
    if (problem != null) {
      form.put(Var.PROBLEM_DESCRIPTION, problem);
    }
    return submit(taskOfBranch(INSPECT, branch), form);
  }

  /**
   * 责任人逐项报告: the owner's report of the round on their party group or committee items, each item with the
   * status the form offers (the one last reported).
   */
  public CycleScenario reportOwnItems(String ownerId) {
    Task task = memberTask(REPORT_OWN_ITEMS, ownerId);
    return submit(task, form(CycleProcess.ItemProgress.LIST,
        engine.getTaskService().getVariableLocalTyped(task.getId(), CycleProcess.ItemProgress.LIST)));
  }

  /** Every owner's open report of the round, as {@link #reportOwnItems(String)}. */
  public CycleScenario reportOwnItems() {
    tasks(REPORT_OWN_ITEMS).forEach(task -> reportOwnItems(task.getAssignee()));
    return this;
  }

  /** The committee closes the round (every branch inspected, every owner reported) with its 督查通报. */
  public CycleScenario publishBulletin(String summary) {
    return submit(task(PUBLISH_BULLETIN), form(Var.BULLETIN_SUMMARY, summary));
  }

  // ----------------------------------------------------------------- 同考核、同问责

  /** 述职, with the given 践诺 rating for each pledge the form shows. */
  public CycleScenario dutyReport(String branch, String party, String business, List<String> ratings) {
    return submit(branchTask(DUTY_REPORT, branch), form(AssessmentProcess.DUTY_REPORT_PARTY, party,
        AssessmentProcess.DUTY_REPORT_BUSINESS, business, AssessmentProcess.PLEDGE_RATINGS,
        json(ratings.stream().map(rating -> Map.of(AssessmentProcess.RATING, rating)).toList())));
  }

  /** The pledges the duty report of {@code branch} shows, one row each. */
  public int pledgesToRate(String branch) {
    Object rows = engine.getTaskService().getVariableLocal(branchTask(DUTY_REPORT, branch).getId(),
        AssessmentProcess.PLEDGE_RATINGS);
    try {
      return JSON.readTree(String.valueOf(rows)).size();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a JSON list: " + rows, e);
    }
  }

  /** 民主测评: the member grades the branch's party-building and business work (good, fairlyGood, average, poor). */
  public CycleScenario evaluate(String member, String partyGrade, String businessGrade) {
    return submit(memberTask(EVALUATE_BRANCH, member),
        form(AssessmentProcess.PARTY_GRADE, partyGrade, AssessmentProcess.BUSINESS_GRADE, businessGrade));
  }

  /**
   * 双考: every party-building goal scored {@code party}, every business goal {@code business}; veto and its reason,
   * problems found (each may be left out as null).
   */
  public CycleScenario score(String branch, Number party, Number business, boolean veto, String vetoReason,
      String problems) {
    return scoreGoals(branch, byKind(party, business), null, veto, vetoReason, problems);
  }

  /**
   * 双考 goal by goal: {@code scores} gives each goal's score from its row of the sheet (the scoring form's goals
   * as the task shows them: name, categoryLabel, weight, ...), {@code basis} each goal's 评分依据 (or null); veto
   * and its reason, problems found.
   */
  public CycleScenario scoreGoals(String branch, Function<Map<String, Object>, Number> scores,
      Function<Map<String, Object>, String> basis, boolean veto, String vetoReason, String problems) {
    Task task = taskOfBranch(SCORE_BRANCH, branch);
    Map<String, Object> form = form(GoalScores.VARIABLE, json(scoredSheet(task, scores, basis)), AssessmentProcess.VETO, veto);
    if (vetoReason != null) {
      form.put(AssessmentProcess.VETO_REASON, vetoReason);
    }
    if (problems != null) {
      form.put(AssessmentProcess.ASSESSMENT_PROBLEMS, problems);
    }
    return submit(task, form);
  }

  /** Scores by the goal's kind: party-building goals one score, business goals the other. */
  public static Function<Map<String, Object>, Number> byKind(Number party, Number business) {
    String businessLabel = CycleProcess.GOAL_CATEGORIES.get("business");
    return row -> businessLabel.equals(row.get("categoryLabel")) ? business : party;
  }

  /** Scores by the goal's name (every goal of the plan must be named). */
  public static Function<Map<String, Object>, Number> byGoal(Map<String, ? extends Number> scores) {
    return row -> scores.get((String) row.get("name"));
  }

  /** The scoring task's sheet with the scores filled in (and, when given, each goal's basis). */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> scoredSheet(Task task, Function<Map<String, Object>, Number> scores,
      Function<Map<String, Object>, String> basis) {
    Object sheet = engine.getTaskService().getVariableLocal(task.getId(), GoalScores.VARIABLE);
    try {
      List<Map<String, Object>> rows = JSON.readValue(String.valueOf(sheet), List.class);
      for (Map<String, Object> row : rows) {
        row.put("score", scores.apply(row));
        if (basis != null) {
          row.put("basis", basis.apply(row));
        }
      }
      return rows;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a scoring sheet: " + sheet, e);
    }
  }

  /**
   * 责任人述职: the owner states, item by item, how they carried out their own party group or committee items
   * ({@code statement} from the item's row of the form: itemNo, goalName, milestone, progress), with the summary.
   */
  @SuppressWarnings("unchecked")
  public CycleScenario ownerDutyReport(String ownerId, String summary, Function<Map<String, Object>, String> statement) {
    Task task = memberTask(CycleProcess.Activity.OWNER_DUTY_REPORT, ownerId);
    Object sheet = engine.getTaskService().getVariableLocal(task.getId(), AgencyAssessment.OWN_ITEMS);
    try {
      List<Map<String, Object>> rows = JSON.readValue(String.valueOf(sheet), List.class);
      rows.forEach(row -> row.put(AgencyAssessment.STATEMENT, statement.apply(row)));
      return submit(task, form(AgencyAssessment.OWN_ITEMS, json(rows), AgencyAssessment.SUMMARY, summary));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a list of items: " + sheet, e);
    }
  }

  /** The committee scores the agency's own levels goal by goal ({@code scores} and {@code basis} by the row). */
  public CycleScenario scoreAgency(Function<Map<String, Object>, Number> scores,
      Function<Map<String, Object>, String> basis) {
    Task task = task(CycleProcess.Activity.SCORE_AGENCY);
    return submit(task, form(GoalScores.VARIABLE, json(scoredSheet(task, scores, basis))));
  }

  /**
   * What is still open of 同考核 at the agency's own levels, done with plain answers: every owner's 述职 and the
   * committee's agency scoring (every goal 90). Nothing when the cycle has no such items or they are done.
   */
  public CycleScenario agencyAssessed() {
    tasks(CycleProcess.Activity.OWNER_DUTY_REPORT).forEach(task -> ownerDutyReport(task.getAssignee(),
        "认真履行一岗双责，抓党建与抓业务同谋划同推进，分管责任事项按节点完成",
        row -> "按节点推进" + row.get("goalName") + "，定期听取汇报、督促落实"));
    if (!tasks(CycleProcess.Activity.SCORE_AGENCY).isEmpty()) {
      scoreAgency(row -> 90, row -> "责任人述职和落实情况与目标相符");
    }
    return this;
  }

  /** The party group approves the results and every branch's secretary accepts them on 公示: they are final. */
  public CycleScenario approveResults() {
    publishResults();
    branchesOnPublicity().forEach(this::acceptResult);
    return this;
  }

  /**
   * The party group approves the results: they go on 公示, each branch's secretary may accept or appeal. What is
   * still open of the agency-level assessment is done first ({@link #agencyAssessed}).
   */
  public CycleScenario publishResults() {
    agencyAssessed();
    return submit(task(APPROVE_RESULTS), form(AssessmentProcess.RESULTS_DECISION, Decision.APPROVED));
  }

  /** The party group returns branches' results for scoring again, with its reason (after {@link #agencyAssessed}). */
  public CycleScenario returnResults(String reason, String... branches) {
    agencyAssessed();
    return submit(task(APPROVE_RESULTS), form(AssessmentProcess.RESULTS_DECISION, Decision.RETURNED,
        AssessmentProcess.RETURNED_BRANCHES, json(List.of(branches)),
        AssessmentProcess.RESULTS_RETURN_REASON, reason));
  }

  /** The branches whose secretary has the published result to accept or appeal. */
  public List<String> branchesOnPublicity() {
    return tasks(CONFIRM_RESULT).stream()
        .map(t -> (String) engine.getTaskService().getVariable(t.getId(), Var.BRANCH_CODE)).sorted().toList();
  }

  public CycleScenario acceptResult(String branch) {
    return submit(taskOfBranch(CONFIRM_RESULT, branch), form(AssessmentProcess.APPEAL_DECISION, AssessmentProcess.ACCEPTED));
  }

  /** The branch's secretary appeals its published result (申诉), once. */
  public CycleScenario appeal(String branch, String reason) {
    return submit(taskOfBranch(CONFIRM_RESULT, branch), form(AssessmentProcess.APPEAL_DECISION, AssessmentProcess.APPEAL,
        AssessmentProcess.APPEAL_REASON, reason));
  }

  /**
   * The committee scores a returned or appealed branch again (重新评分、复核): party-building goals {@code party},
   * business goals {@code business}, with its note.
   */
  public CycleScenario rescore(String activityId, String branch, Number party, Number business, String note) {
    return rescoreGoals(activityId, branch, byKind(party, business), note);
  }

  /** The committee scores a returned or appealed branch again goal by goal, with its note. */
  public CycleScenario rescoreGoals(String activityId, String branch,
      Function<Map<String, Object>, Number> scores, String note) {
    Task task = taskOfBranch(activityId, branch);
    return submit(task, form(GoalScores.VARIABLE, json(scoredSheet(task, scores, row -> (String) row.get("basis"))),
        AssessmentProcess.VETO, false,
        AssessmentProcess.REVIEW_NOTE, note));
  }

  /** The party group decides the committee's review of an appeal: approved, or returned with a reason. */
  public CycleScenario decideReview(String branch, String decision, String reason) {
    Map<String, Object> form = form(AssessmentProcess.REVIEW_DECISION, decision);
    if (reason != null) {
      form.put(AssessmentProcess.REVIEW_RETURN_REASON, reason);
    }
    return submit(taskOfBranch(APPROVE_REVIEW, branch), form);
  }

  /**
   * The party group decides the measure on this task; a measure other than none is then carried out
   * ({@link #carryOutMeasure}).
   */
  public CycleScenario decideMeasure(Task task, String measure, String reason) {
    String branch = (String) engine.getTaskService().getVariable(task.getId(), Var.BRANCH_CODE);
    decideMeasureOnly(task, measure, reason);
    return AssessmentProcess.NO_MEASURE.equals(measure) ? this
        : carryOutMeasure(branch, "已按党组决定执行：" + AssessmentProcess.MEASURES.get(measure) + "。" + reason);
  }

  /**
   * The party group decides: with a measure, the branch's secretaries are its object, the first person the form
   * offers as executor (of the party group) carries it out, within a week.
   */
  public CycleScenario decideMeasureOnly(Task task, String measure, String reason) {
    Map<String, Object> form = form(AssessmentProcess.DECIDED_MEASURE, measure, AssessmentProcess.MEASURE_REASON, reason);
    if (!AssessmentProcess.NO_MEASURE.equals(measure)) {
      String branch = (String) engine.getTaskService().getVariable(task.getId(), Var.BRANCH_CODE);
      form.put(AssessmentProcess.MEASURE_TARGETS, json(engine.getIdentityService().createUserQuery()
          .memberOfGroup(GroupIds.branchSecretaries(branch)).list().stream().map(u -> u.getId()).toList()));
      try {
        form.put(AssessmentProcess.MEASURE_EXECUTOR, JSON.readTree(String.valueOf(engine.getTaskService()
            .getVariable(task.getId(), AssessmentProcess.EXECUTOR_OPTIONS))).get(0).path("value").asText());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      form.put(AssessmentProcess.MEASURE_DATE, today().plusDays(7).toString());
    }
    return submit(task, form);
  }

  /** The executor records the branch's measure as carried out today. */
  public CycleScenario carryOutMeasure(String branch, String record) {
    return submit(taskOfBranch(CARRY_OUT_MEASURE, branch), form(AssessmentProcess.CARRIED_OUT_ON, today().toString(),
        AssessmentProcess.MEASURE_RECORD, record));
  }

  /** The engine's today in the zone the application works in ({@code liutong.time-zone}). */
  private LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }

  /** The zone of {@code liutong.time-zone} when it is not the default (Asia/Shanghai). */
  public CycleScenario inZone(ZoneId zone) {
    this.zone = zone;
    return this;
  }

  /** The measure the accountability decision suggested on this task. */
  public String suggestedMeasure(Task task) {
    return (String) engine.getTaskService().getVariable(task.getId(), AssessmentProcess.MEASURE);
  }

  // ----------------------------------------------------------------- tasks

  /** The one open task at {@code activityId}. */
  public Task task(String activityId) {
    return only(tasks(activityId), "open tasks at " + activityId);
  }

  public List<Task> tasks(String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(activityId).list();
  }

  /** The task at {@code activityId} the branch's secretaries may claim. */
  public Task branchTask(String activityId, String branch) {
    return only(engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(activityId)
        .taskCandidateGroup(GroupIds.branchSecretaries(branch)).includeAssignedTasks().list(), activityId + " for " + branch);
  }

  /** The task at {@code activityId} of the branch's own instance of a stage (the committee's and party group's tasks). */
  public Task taskOfBranch(String activityId, String branch) {
    return tasks(activityId).stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), Var.BRANCH_CODE))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + activityId + " for " + branch));
  }

  public Task memberTask(String activityId, String member) {
    return only(engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(activityId)
        .taskAssignee(member).list(), activityId + " of " + member);
  }

  /** Submits the task's form and runs the cycle's asynchronous continuations; timers stay. */
  public CycleScenario submit(Task task, Map<String, Object> form) {
    engine.getFormService().submitTaskForm(task.getId(), Variables.fromMap(form));
    return continuations();
  }

  /** Runs the cycle's asynchronous continuations ({@link CycleContinuations}), as the job executor would. */
  public CycleScenario continuations() {
    CycleContinuations.run(engine, id);
    return this;
  }

  /** Submits the form of the one open task at {@code activityId} of any process instance, then its continuations. */
  public static void complete(ProcessEngine engine, String processInstanceId, String activityId, Map<String, Object> form) {
    Task task = only(engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(activityId).list(), "open tasks at " + activityId + " of " + processInstanceId);
    engine.getFormService().submitTaskForm(task.getId(), Variables.fromMap(form));
    CycleContinuations.run(engine, processInstanceId);
  }

  private static Task only(List<Task> tasks, String what) {
    if (tasks.size() != 1) {
      throw new IllegalStateException(what + ": expected one, found " + tasks.size());
    }
    return tasks.get(0);
  }

  /** A form's values, in order: name, value, name, value… */
  public static Map<String, Object> form(Object... namesAndValues) {
    Map<String, Object> form = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return form;
  }

  /** Lists and objects travel as Json variables, as Camunda Forms submit them. */
  public static Object json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
