package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives {@code integrated-cycle} the way people do in Tasklist: every step is a form submission
 * ({@code FormService}) with what that form asks, nothing else. Defaults describe a sound cycle of the
 * demo agency; a test changes only what its path needs.
 */
public class CycleDriver {

  public static final String AGENCY = "finance";
  /** The demo agency's branches, in the order the cycle lists them (by code). */
  public static final List<String> BRANCHES = List.of("financeAudit", "financeBudget", "financeTreasury");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ProcessEngine engine;
  private ProcessInstance instance;
  /** Per branch: party score, business score, veto, problems (defaults give 良好, 86.x). */
  private final Map<String, Map<String, Object>> scores = new HashMap<>();

  public CycleDriver(ProcessEngine engine) {
    this.engine = engine;
  }

  /** A driver for a cycle that is already running (after a restart or a restore). */
  public static CycleDriver resume(ProcessEngine engine, String cycleId) {
    CycleDriver driver = new CycleDriver(engine);
    driver.instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycleId).singleResult();
    assertThat(driver.instance).as("running cycle " + cycleId).isNotNull();
    return driver;
  }

  public ProcessInstance instance() {
    return instance;
  }

  public String cycleId() {
    return instance.getId();
  }

  // ----------------------------------------------------------------- start and plan

  public static Map<String, Object> startForm() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("cycleName", "2026年度党建与业务融合工作");
    form.put("periodStart", "2026-01-01");
    form.put("periodEnd", "2026-12-31");
    form.put("partyWeight", 30L);
    form.put("minPartyShare", 30L);
    form.put("inspectionInterval", "P3M");
    form.put("inspectionRounds", 1L);
    form.put("signForDays", 7L);
    form.put("rectificationDays", 30L);
    return form;
  }

  public CycleDriver start() {
    return start(startForm());
  }

  public CycleDriver start(Map<String, Object> form) {
    Map<String, Object> variables = new HashMap<>(form);
    variables.put("agencyId", AGENCY);
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(CycleProcess.KEY).latestVersion().singleResult().getId();
    instance = engine.getFormService().submitStartForm(definitionId, variables);
    return this;
  }

  public static List<Map<String, Object>> goals() {
    return List.of(
        goal("partyBasic", "支部标准化规范化建设", "三会一课按期召开率", "100%", 20),
        goal("partyKey", "党建引领预算绩效改革", "党员先锋岗覆盖重点项目数", "12个", 15),
        goal("partyInnovation", "“书香机关”品牌创建", "读书分享活动次数", "6次", 5),
        goal("business", "预算执行率", "年度预算执行率", "≥95%", 60));
  }

  public static Map<String, Object> goal(String category, String name, String indicator, String target, int weight) {
    Map<String, Object> goal = new LinkedHashMap<>();
    goal.put("category", category);
    goal.put("name", name);
    goal.put("indicator", indicator);
    goal.put("target", target);
    goal.put("weight", weight);
    return goal;
  }

  public CycleDriver draftGoals() {
    return draftGoals(goals());
  }

  public CycleDriver draftGoals(List<Map<String, Object>> goals) {
    return submit(task("Task_DraftGoals"), Map.of("goals", json(goals)));
  }

  public CycleDriver approveGoals() {
    return submit(task("Task_ApproveGoals"), Map.of("goalsDecision", "approved"));
  }

  public CycleDriver returnGoals(String reason) {
    return submit(task("Task_ApproveGoals"), Map.of("goalsDecision", "returned", "goalsReturnReason", reason));
  }

  public CycleDriver plan() {
    return draftGoals().approveGoals();
  }

  // ----------------------------------------------------------------- deploy

  /** One item per goal, spread over the branches so that each branch has at least one. */
  public static List<Map<String, Object>> items() {
    return items(BRANCHES);
  }

  /** Every goal and every one of these branches has an item. */
  public static List<Map<String, Object>> items(List<String> branches) {
    List<Map<String, Object>> items = new ArrayList<>();
    List<Map<String, Object>> goals = goals();
    for (int i = 0; i < Math.max(goals.size(), branches.size()); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("goalName", goals.get(i % goals.size()).get("name"));
      item.put("branchCode", branches.get(i % branches.size()));
      item.put("measures", "结合处室职能制定具体措施并按月推进");
      item.put("milestone", "第二季度完成阶段任务");
      item.put("milestoneDate", "2026-06-30");
      items.add(item);
    }
    return items;
  }

  public CycleDriver decompose() {
    return decompose(items());
  }

  public CycleDriver decompose(List<Map<String, Object>> items) {
    return submit(task("Task_DecomposeGoals"), Map.of("items", json(items)));
  }

  public CycleDriver signFor(String branch) {
    return submit(branchTask("Task_SignFor", branch), Map.of("signForDecision", "signed"));
  }

  public CycleDriver objectTo(String branch, String objection) {
    return submit(branchTask("Task_SignFor", branch), Map.of("signForDecision", "objection", "objection", objection));
  }

  public CycleDriver answerObjection(String branch, String answer) {
    Task task = tasks("Task_AnswerObjection").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst()
        .orElseThrow();
    return submit(task, Map.of("objectionAnswer", answer));
  }

  public CycleDriver deploy() {
    return decompose().deploy_signAll();
  }

  public CycleDriver deploy_signAll() {
    BRANCHES.forEach(this::signFor);
    return this;
  }

  // ----------------------------------------------------------------- implement and inspect

  public CycleDriver planImplementation(String branch) {
    return planImplementation(branch, meetings());
  }

  /** The plan with these meetings (三会一课, 主题党日), each {type, plannedDate, topic}. */
  public CycleDriver planImplementation(String branch, List<Map<String, Object>> meetings) {
    return submit(branchTask("Task_PlanImplementation", branch), Map.of(
        "partyTopics", "把预算绩效评价难点作为主题党日研讨议题",
        "meetings", json(meetings),
        "implementationPlan", "每月召开一次支委会研究推进，季度向机关党委报告",
        "pioneerPosts", "在预算编审岗设立党员先锋岗"));
  }

  /** A sound meeting plan within the default period: one 主题党日. */
  public static List<Map<String, Object>> meetings() {
    return List.of(Map.of("type", "themeDay", "plannedDate", "2026-03-15", "topic", "研讨预算绩效评价难点"));
  }

  public CycleDriver pledgeAll(String branch) {
    for (String member : members(branch)) {
      submit(memberTask("Task_Pledge", member), Map.of("pledge", "带头完成本岗位重点工作并按时报告", "pioneerPost", true));
    }
    return this;
  }

  /** Fires the branch's (or every branch's) due inspection timer, as the job executor would. */
  public CycleDriver inspectionDue() {
    dueTimers("TimerEvent_InspectionDue").forEach(job -> engine.getManagementService().executeJob(job.getId()));
    return this;
  }

  public List<Job> dueTimers(String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).timers().list();
  }

  public CycleDriver reportProgress(String branch) {
    return submit(branchTask("Task_ReportProgress", branch), Map.of(
        "partyProgress", "按期召开三会一课，开展主题党日两次",
        "businessProgress", "预算执行率达到进度要求",
        "difficulties", ""));
  }

  public CycleDriver inspect(String branch, String problem) {
    Map<String, Object> form = new HashMap<>();
    form.put("findings", problem == null ? "党建与业务同步推进，情况良好" : "存在问题，需要整改");
    form.put("problemsFound", problem != null);
    if (problem != null) {
      form.put("problemDescription", problem);
    }
    Task task = tasks("Task_Inspect").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst()
        .orElseThrow(() -> new AssertionError("no inspection task for " + branch));
    return submit(task, form);
  }

  public CycleDriver implementAndInspect() {
    BRANCHES.forEach(b -> planImplementation(b).pledgeAll(b));
    inspectionDue();
    BRANCHES.forEach(b -> reportProgress(b).inspect(b, null));
    return this;
  }

  // ----------------------------------------------------------------- assess and accountability

  public CycleDriver scores(String branch, double party, double business, boolean veto, String problems) {
    Map<String, Object> form = new HashMap<>();
    form.put("partyScore", party);
    form.put("businessScore", business);
    form.put("veto", veto);
    if (veto) {
      form.put("vetoReason", "发生严重违反纪律问题");
    }
    if (problems != null) {
      form.put("assessmentProblems", problems);
    }
    scores.put(branch, form);
    return this;
  }

  public CycleDriver dutyReport(String branch) {
    return dutyReport(branch, "good");
  }

  /** 述职 with every member's 践诺 rated {@code rating} (good, fairlyGood, average, poor), one per row shown. */
  public CycleDriver dutyReport(String branch, String rating) {
    Task task = branchTask("Task_DutyReport", branch);
    int shown = rows(engine.getTaskService().getVariableLocal(task.getId(), "pledgeRatings"));
    List<Map<String, Object>> ratings = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      ratings.add(Map.of("rating", rating));
    }
    return submit(task, Map.of(
        "dutyReportParty", "本年度支部党建工作按计划完成，三会一课规范",
        "dutyReportBusiness", "本年度业务工作按计划完成，预算执行率达标",
        "pledgeRatings", json(ratings)));
  }

  private static int rows(Object list) {
    try {
      return MAPPER.readTree(String.valueOf(list)).size();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("not a JSON list: " + list, e);
    }
  }

  public CycleDriver evaluateAll(String branch, double score) {
    for (String member : members(branch)) {
      submit(memberTask("Task_EvaluateBranch", member), Map.of("evaluationScore", score));
    }
    return this;
  }

  public CycleDriver score(String branch) {
    Map<String, Object> form = scores.getOrDefault(branch, Map.of("partyScore", 85L, "businessScore", 88L, "veto", false));
    Task task = tasks("Task_ScoreBranch").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst()
        .orElseThrow(() -> new AssertionError("no scoring task for " + branch));
    return submit(task, form);
  }

  public CycleDriver assess() {
    BRANCHES.forEach(b -> dutyReport(b).evaluateAll(b, 90).score(b));
    return this;
  }

  public CycleDriver approveResults() {
    return submit(task("Task_ApproveResults"), Map.of("resultsDecision", "approved"));
  }

  public CycleDriver decideMeasure(String branch, String measure) {
    Task task = tasks("Task_DecideMeasure").stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst()
        .orElseThrow(() -> new AssertionError("no measure decision for " + branch));
    return submit(task, Map.of("decidedMeasure", measure, "measureReason", "依据考核结果和整改情况研究决定"));
  }

  /** The whole cycle with defaults, up to the party group's approval of the results. */
  public CycleDriver throughAssessment() {
    return start().plan().deploy().implementAndInspect().assess();
  }

  // ----------------------------------------------------------------- queries

  public Task task(String activityId) {
    List<Task> tasks = tasks(activityId);
    assertThat(tasks).as("open tasks at " + activityId).hasSize(1);
    return tasks.get(0);
  }

  public List<Task> tasks(String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).list();
  }

  public Task branchTask(String activityId, String branch) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).taskCandidateGroup(branch + "Secretaries").includeAssignedTasks().list();
    assertThat(tasks).as(activityId + " for " + branch).hasSize(1);
    return tasks.get(0);
  }

  public Task memberTask(String activityId, String member) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).taskAssignee(member).list();
    assertThat(tasks).as(activityId + " of " + member).hasSize(1);
    return tasks.get(0);
  }

  public List<String> members(String branch) {
    return engine.getIdentityService().createUserQuery().memberOfGroup(branch).orderByUserId().asc().list()
        .stream().map(u -> u.getId()).toList();
  }

  public CycleDriver submit(Task task, Map<String, Object> form) {
    VariableMap variables = Variables.createVariables();
    form.forEach((k, v) -> variables.put(k, v));
    engine.getFormService().submitTaskForm(task.getId(), variables);
    return continuations();
  }

  /** Runs the cycle's asynchronous continuations ({@link CycleContinuations}); timers stay for the test. */
  public CycleDriver continuations() {
    CycleContinuations.run(engine, instance.getId());
    return this;
  }

  public CycleDriver then(Function<CycleDriver, CycleDriver> step) {
    return step.apply(this);
  }

  /** Lists and objects travel as Json variables, as Camunda Forms submit them. */
  public static Object json(Object value) {
    try {
      return SpinValues.jsonValue(MAPPER.writeValueAsString(value)).create();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
