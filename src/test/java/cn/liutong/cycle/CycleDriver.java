package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Activity.INSPECTION_DUE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import cn.liutong.assessment.AssessmentProcess.Rating;
import cn.liutong.demo.CycleScenario;
import cn.liutong.meeting.MeetingTopics;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestYear;

/**
 * The tests' defaults for {@link CycleScenario}, which drives {@code integrated-cycle} as people do in
 * Tasklist: a sound cycle of the test's agency ({@link TestAgency}, a copy of the demo agency), each step with
 * what its form asks; a test changes only what its path needs.
 */
public class CycleDriver {

  /** The demo agency, for tests on a database of their own; tests in the shared context use their {@link TestAgency}. */
  public static final String AGENCY = "finance";
  /** The demo agency's branches, in the order the cycle lists them (by code). */
  public static final List<String> BRANCHES = List.of("financeAudit", "financeBudget", "financeTreasury");

  private final ProcessEngine engine;
  private final TestAgency agency;
  private CycleScenario scenario;
  /** Per branch: party score, business score, veto, problems (defaults give 良好, 86.x). */
  private final Map<String, Score> scores = new HashMap<>();

  private record Score(Number party, Number business, boolean veto, String vetoReason, String problems) {
  }

  /** Cycles of the demo agency (for tests on a database of their own). */
  public CycleDriver(ProcessEngine engine) {
    this(engine, TestAgency.demo());
  }

  /** Cycles of this agency. */
  public CycleDriver(ProcessEngine engine, TestAgency agency) {
    this.engine = engine;
    this.agency = agency;
  }

  /** A driver for a cycle of the demo agency that is already running (after a restart or a restore). */
  public static CycleDriver resume(ProcessEngine engine, String cycleId) {
    CycleDriver driver = new CycleDriver(engine);
    driver.scenario = CycleScenario.resume(engine, cycleId);
    return driver;
  }

  public TestAgency agency() {
    return agency;
  }

  /** The agency's branches, in the order the cycle lists them (by code). */
  public List<String> branches() {
    return agency.branches();
  }

  public ProcessInstance instance() {
    return scenario.instance();
  }

  public String cycleId() {
    return scenario.id();
  }

  // ----------------------------------------------------------------- start and plan

  public static Map<String, Object> startForm() {
    return CycleScenario.startForm(TestYear.cycleName(), TestYear.date("01-01"), TestYear.date("12-31"), 1L, 30L);
  }

  public CycleDriver start() {
    return start(startForm());
  }

  public CycleDriver start(Map<String, Object> form) {
    scenario = CycleScenario.start(engine, agency.id(), form);
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
    return CycleScenario.goal(category, name, indicator, target, weight);
  }

  public CycleDriver draftGoals() {
    return draftGoals(goals());
  }

  public CycleDriver draftGoals(List<Map<String, Object>> goals) {
    scenario.draftGoals(goals);
    return this;
  }

  public CycleDriver approveGoals() {
    scenario.approveGoals();
    return this;
  }

  public CycleDriver returnGoals(String reason) {
    scenario.returnGoals(reason);
    return this;
  }

  public CycleDriver plan() {
    return draftGoals().approveGoals();
  }

  // ----------------------------------------------------------------- deploy

  /**
   * One item per goal, spread over the three levels so that each has at least one: the party group's two
   * members, the committee's first member and each branch's secretary ({@link TestAgency#owners}).
   */
  public List<Map<String, Object>> items() {
    return items(agency.owners());
  }

  /** Every goal and every one of these 责任人 (each for their unit) has an item. */
  public static List<Map<String, Object>> items(List<CycleScenario.Owner> owners) {
    return CycleScenario.items(goals().stream().map(g -> (String) g.get(CycleProcess.Goal.NAME)).toList(), owners,
        "结合处室职能制定具体措施并按月推进", "第二季度完成阶段任务", TestYear.date("06-30"));
  }

  /** A branch's item, owned by the branch's secretary. */
  public Map<String, Object> branchItem(String goal, String branchCode, String milestone, String milestoneDate) {
    return CycleScenario.items(List.of(goal), List.of(new CycleScenario.Owner(branchCode,
        agency.secretary(branchCode.substring(agency.id().length())))), "结合处室职能制定具体措施并按月推进", milestone,
        milestoneDate).get(0);
  }

  /** These branch items, then one item of each of the agency's own 责任人 (the levels a decomposition needs). */
  public List<Map<String, Object>> withAgencyLevels(List<Map<String, Object>> branchItems) {
    List<Map<String, Object>> items = new java.util.ArrayList<>(branchItems);
    items.addAll(CycleScenario.items(List.of((String) goals().get(0).get(CycleProcess.Goal.NAME)), agency.agencyOwners(),
        "结合分管工作制定具体措施并按月推进", "第二季度完成阶段任务", TestYear.date("06-30")));
    return items;
  }

  public CycleDriver decompose() {
    return decompose(items());
  }

  public CycleDriver decompose(List<Map<String, Object>> items) {
    scenario.decompose(items);
    return this;
  }

  public CycleDriver signFor(String branch) {
    scenario.signFor(branch);
    return this;
  }

  public CycleDriver objectTo(String branch, String objection) {
    scenario.objectTo(branch, objection);
    return this;
  }

  public CycleDriver answerObjection(String branch, String answer) {
    scenario.answerObjection(branch, answer);
    return this;
  }

  public CycleDriver deploy() {
    return decompose().deploy_signAll();
  }

  public CycleDriver deploy_signAll() {
    branches().forEach(this::signFor);
    return this;
  }

  // ----------------------------------------------------------------- implement and inspect

  public CycleDriver planImplementation(String branch) {
    return planImplementation(branch, meetings());
  }

  /** The plan with these meetings (三会一课, 主题党日), each {type, plannedDate, topic}. */
  public CycleDriver planImplementation(String branch, List<Map<String, Object>> meetings) {
    scenario.planImplementation(branch, "把预算绩效评价难点作为主题党日研讨议题", meetings,
        "每月召开一次支委会研究推进，季度向机关党委报告", "在预算编审岗设立党员先锋岗");
    return this;
  }

  /** A sound meeting plan within the default period: one 主题党日. */
  public static List<Map<String, Object>> meetings() {
    return List.of(CycleScenario.meeting("themeDay", TestYear.date("03-15"), MeetingTopics.PLAN_DIFFICULTIES, "研讨预算绩效评价难点"));
  }

  public CycleDriver pledgeAll(String branch) {
    for (String member : members(branch)) {
      scenario.pledge(member, "带头完成本岗位重点工作并按时报告", true);
    }
    return this;
  }

  /** Fires the round's inspection timer (every branch's round starts), as the job executor would at its date. */
  public CycleDriver inspectionDue() {
    scenario.fireTimers(INSPECTION_DUE);
    return this;
  }

  public List<Job> dueTimers(String activityId) {
    return scenario.dueTimers(activityId);
  }

  public CycleDriver reportProgress(String branch) {
    scenario.reportProgress(branch, "按期召开三会一课，开展主题党日两次", "预算执行率达到进度要求", "");
    return this;
  }

  /** The report stating {@code difficulties}, with meetings planned to take them up (each {type, plannedDate, topic}). */
  public CycleDriver reportProgress(String branch, String difficulties, List<Map<String, Object>> meetings) {
    scenario.reportProgress(branch, "按期召开三会一课，开展主题党日两次", "预算执行率达到进度要求", difficulties, meetings);
    return this;
  }

  /**
   * The report with a status for each of the branch's items, by the item's number in the cycle's list (itemNo →
   * {@link CycleProcess.ItemProgress} status); the other reports leave each item as last reported.
   */
  public CycleDriver reportProgress(String branch, Map<Integer, String> itemStatuses) {
    List<Map<String, Object>> rows = itemStatuses.entrySet().stream().<Map<String, Object>>map(e -> Map.of(
        CycleProcess.ItemProgress.ITEM_NO, e.getKey(), CycleProcess.ItemProgress.STATUS, e.getValue(),
        CycleProcess.ItemProgress.NOTE, "")).toList();
    return submit(branchTask(CycleProcess.Activity.REPORT_PROGRESS, branch), Map.of(
        CycleProcess.Var.PARTY_PROGRESS, "按期召开三会一课，开展主题党日两次", CycleProcess.Var.BUSINESS_PROGRESS, "预算执行率达到进度要求",
        CycleProcess.ItemProgress.LIST, json(rows)));
  }

  /**
   * The committee's inspection of the branch; the round's last one is followed by the round's 督查通报, as the
   * committee does next ({@link #inspectOnly} leaves the round open).
   */
  public CycleDriver inspect(String branch, String problem) {
    inspectOnly(branch, problem);
    if (!scenario.tasks(CycleProcess.Activity.PUBLISH_BULLETIN).isEmpty()) {
      publishBulletin();
    }
    return this;
  }

  /** The owner's report of the round on their own party group or committee items, each as last reported. */
  public CycleDriver reportOwnItems(String ownerId) {
    scenario.reportOwnItems(ownerId);
    return this;
  }

  /** Every owner's report of the round on their own party group or committee items, each as last reported. */
  public CycleDriver reportOwnItems() {
    scenario.reportOwnItems();
    return this;
  }

  /**
   * The committee's inspection of the branch; when it is the round's last, the owners of the party group's and the
   * committee's items report on them (each as last reported), so that the round waits for its 督查通报 only.
   */
  public CycleDriver inspectOnly(String branch, String problem) {
    scenario.inspect(branch, problem == null ? "党建与业务同步推进，情况良好" : "存在问题，需要整改", problem);
    if (scenario.tasks(CycleProcess.Activity.REPORT_PROGRESS).isEmpty() && scenario.tasks(CycleProcess.Activity.INSPECT).isEmpty()) {
      scenario.reportOwnItems();
    }
    return this;
  }

  public CycleDriver publishBulletin() {
    return publishBulletin("本轮督查各支部党建与业务同步推进，请对照问题清单抓好整改");
  }

  public CycleDriver publishBulletin(String summary) {
    scenario.publishBulletin(summary);
    return this;
  }

  public CycleDriver implementAndInspect() {
    branches().forEach(b -> planImplementation(b).pledgeAll(b));
    inspectionDue();
    branches().forEach(b -> reportProgress(b).inspect(b, null));
    return this;
  }

  // ----------------------------------------------------------------- assess and accountability

  public CycleDriver scores(String branch, double party, double business, boolean veto, String problems) {
    scores.put(branch, new Score(party, business, veto, veto ? "发生严重违反纪律问题" : null, problems));
    return this;
  }

  public CycleDriver dutyReport(String branch) {
    return dutyReport(branch, "good");
  }

  /** 述职 with every member's 践诺 rated {@code rating} (good, fairlyGood, average, poor), one per row shown. */
  public CycleDriver dutyReport(String branch, String rating) {
    scenario.dutyReport(branch, "本年度支部党建工作按计划完成，三会一课规范", "本年度业务工作按计划完成，预算执行率达标",
        java.util.Collections.nCopies(scenario.pledgesToRate(branch), rating));
    return this;
  }

  /** 民主测评: every member of the branch grades its party-building and business work 好. */
  public CycleDriver evaluateAll(String branch) {
    return evaluateAll(branch, Rating.GOOD, Rating.GOOD);
  }

  /** 民主测评: every member of the branch gives the same two grades (good, fairlyGood, average, poor). */
  public CycleDriver evaluateAll(String branch, String partyGrade, String businessGrade) {
    for (String member : members(branch)) {
      scenario.evaluate(member, partyGrade, businessGrade);
    }
    return this;
  }

  public CycleDriver score(String branch) {
    Score score = scores.getOrDefault(branch, new Score(85L, 88L, false, null, null));
    scenario.score(branch, score.party(), score.business(), score.veto(), score.vetoReason(), score.problems());
    return this;
  }

  /** Every branch's 述职, 测评 and 双考; then the owners' 述职 and the agency's scoring (every goal 90). */
  public CycleDriver assess() {
    branches().forEach(b -> dutyReport(b).evaluateAll(b).score(b));
    scenario.agencyAssessed();
    return this;
  }

  /** The scenario beneath, for the steps this driver has no shortcut for. */
  public CycleScenario scenario() {
    return scenario;
  }

  public CycleDriver approveResults() {
    scenario.approveResults();
    return this;
  }

  public CycleDriver decideMeasure(String branch, String measure) {
    scenario.decideMeasure(scenario.taskOfBranch(CycleProcess.Activity.DECIDE_MEASURE, branch), measure,
        "依据考核结果和整改情况研究决定");
    return this;
  }

  /** The whole cycle with defaults, up to the party group's approval of the results. */
  public CycleDriver throughAssessment() {
    return start().plan().deploy().implementAndInspect().assess();
  }

  // ----------------------------------------------------------------- queries

  public Task task(String activityId) {
    return scenario.task(activityId);
  }

  public List<Task> tasks(String activityId) {
    return scenario.tasks(activityId);
  }

  public Task branchTask(String activityId, String branch) {
    return scenario.branchTask(activityId, branch);
  }

  public Task memberTask(String activityId, String member) {
    return scenario.memberTask(activityId, member);
  }

  public List<String> members(String branch) {
    return engine.getIdentityService().createUserQuery().memberOfGroup(branch).orderByUserId().asc().list()
        .stream().map(u -> u.getId()).toList();
  }

  public CycleDriver submit(Task task, Map<String, Object> form) {
    scenario.submit(task, form);
    return this;
  }

  /** Runs the cycle's asynchronous continuations ({@link CycleContinuations}); timers stay for the test. */
  public CycleDriver continuations() {
    scenario.continuations();
    return this;
  }

  public CycleDriver then(Function<CycleDriver, CycleDriver> step) {
    return step.apply(this);
  }

  /** Lists and objects travel as Json variables, as Camunda Forms submit them. */
  public static Object json(Object value) {
    return CycleScenario.json(value);
  }
}
