package cn.liutong.demo;

import static cn.liutong.demo.CycleScenario.form;
import static cn.liutong.demo.CycleScenario.goal;
import static cn.liutong.demo.CycleScenario.json;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.liutong.assessment.AssessmentProcess;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.CycleProcess.Activity;
import cn.liutong.meeting.MeetingProcess;
import cn.liutong.meeting.MeetingTopics;
import cn.liutong.rectification.RectificationProcess;
import cn.liutong.vanguard.VanguardProcess;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.EngineClock;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;

/**
 * Demo profile, empty database only: a realistic picture for the first look at Cockpit and Tasklist,
 * like Camunda's invoice demo. Everything goes through the engine's form submissions, as people would
 * have cleared it, with the engine clock set back to when they would have done so:
 * <ul>
 * <li>市财政局: last year's cycle finished (grades 优秀/良好/一般, an interview decided, one rectification
 * verified, one left open and carried over), this year's cycle in 同落实、同检查 with an overdue pledge and
 * an overdue rectification;</li>
 * <li>市税务局 (nine branches): this year's cycle started in December, while last year's was still open;
 * last year's closed then and carried its open problems into this year's draft, which answers them; this
 * year's cycle is in 同部署 with a pending objection and branches late to sign for, which the job executor
 * reminds and escalates.</li>
 * </ul>
 * Deterministic: the same texts and choices every time; dates count back from the day of the first start.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "liutong.demo.cycles", havingValue = "true")
class DemoCycles {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCycles.class);

  private final ProcessEngine engine;
  private final OrganisationDirectory organisation;
  private final JdbcTemplate jdbc;
  private final EngineClock clock;

  DemoCycles(ProcessEngine engine, OrganisationDirectory organisation, JdbcTemplate jdbc, EngineClock clock) {
    this.clock = clock;
    this.engine = engine;
    this.organisation = organisation;
    this.jdbc = jdbc;
  }

  /** After the demo organisation (order 0) is in place. */
  @EventListener(ApplicationStartedEvent.class)
  @Order(10)
  void create() {
    if (jdbc.queryForObject("select count(*) from lt_cycle", Integer.class) > 0
        || engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY).count() > 0) {
      return;
    }
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    boolean wasActive = jobExecutor != null && jobExecutor.isActive();
    if (wasActive) {
      jobExecutor.shutdown(); // it must not fire timers while the clock is set back
    }
    try {
      LocalDate today = clock.today();
      int lastYear = today.getYear() - 1;
      finishedCycle("finance", lastYear, Map.of("financeBudget", new int[] {95, 95}, "financeTreasury", new int[] {85, 88},
          "financeAudit", new int[] {70, 70}));
      // 市税务局 plans this year in December: last year's cycle closes while this year's draft is open
      CycleScenario lastTaxYear = cycleUntilMeasures("tax", lastYear, Map.of("taxCollection", new int[] {92, 94},
          "taxService", new int[] {68, 72}, "taxRisk", new int[] {55, 60}));
      at(LocalDate.of(lastYear, 12, 16));
      CycleScenario thisTaxYear = start("tax", today.getYear() + "年度党建与业务融合工作", LocalDate.of(today.getYear(), 1, 1), 4, 30);
      decideMeasures(lastTaxYear, lastYear);
      runningFinanceCycle(today);
      runningTaxCycle(today, thisTaxYear, lastYear);
      LOG.info("Demo cycles created for 市财政局 and 市税务局");
    } finally {
      ClockUtil.reset();
      if (wasActive) {
        jobExecutor.start();
      }
    }
  }

  // ------------------------------------------------------------------ scenarios

  /** A whole cycle of last year; branches not named score 85/86 (良好). */
  private void finishedCycle(String agency, int year, Map<String, int[]> scores) {
    decideMeasures(cycleUntilMeasures(agency, year, scores), year);
  }

  /** A cycle of last year up to the party group's measures, the last step before it closes. */
  private CycleScenario cycleUntilMeasures(String agency, int year, Map<String, int[]> scores) {
    List<BranchRef> branches = organisation.branches(agency);
    at(LocalDate.of(year, 1, 6));
    CycleScenario cycle = start(agency, year + "年度党建与业务融合工作", LocalDate.of(year, 1, 1), 1, 30);
    draftGoals(cycle);
    at(LocalDate.of(year, 1, 8));
    cycle.returnGoals("党建创新目标不够具体，请补充可量化的指标");
    at(LocalDate.of(year, 1, 9));
    draftGoals(cycle);
    at(LocalDate.of(year, 1, 10));
    cycle.approveGoals();
    at(LocalDate.of(year, 1, 15));
    decompose(cycle, agency, branches, LocalDate.of(year, 6, 30));
    at(LocalDate.of(year, 1, 18));
    branches.forEach(branch -> cycle.signFor(branch.code()));
    at(LocalDate.of(year, 2, 1));
    for (BranchRef branch : branches) {
      planImplementation(cycle, branch, LocalDate.of(year, 2, 15));
      organisation.memberIds(branch.code()).forEach(member -> pledge(cycle, member));
    }
    at(LocalDate.of(year, 2, 16));
    recordMeetings(cycle.id(), LocalDate.of(year, 2, 16));
    at(LocalDate.of(year, 5, 2));
    cycle.fireTimers(Activity.INSPECTION_DUE);
    at(LocalDate.of(year, 5, 8));
    String troubled = branches.get(branches.size() - 1).code();
    for (BranchRef branch : branches) {
      reportAndInspect(cycle, branch, branch.code().equals(troubled) ? "支部学习记录不完整，主题党日未结合业务难点" : null);
    }
    cycle.reportOwnItems().publishBulletin("第一季度督查：各支部党建与业务同步推进，个别支部学习记录不完整，已发起整改，请各支部对照自查");
    rectifyCompletely(cycle.id(), troubled, LocalDate.of(year, 5, 20));
    at(LocalDate.of(year, 12, 8));
    for (BranchRef branch : branches) {
      int[] score = scores.getOrDefault(branch.code(), new int[] {85, 86});
      boolean weak = score[0] < 80;
      assess(cycle, branch, score[0], score[1], weak ? "组织生活会记录不规范，整改未形成闭环" : null);
    }
    assessAgency(cycle);
    reviewResults(cycle, year, branches, scores);
    return cycle;
  }

  /**
   * The results become final: the party group returns the weakest branch for scoring again (the committee keeps its
   * score), approves, and on 公示 the weakest branch appeals; the committee raises its business score by 2, the party
   * group approves the review, the others accept.
   */
  private void reviewResults(CycleScenario cycle, int year, List<BranchRef> branches, Map<String, int[]> scores) {
    int[] standard = {85, 86};
    BranchRef weakest = branches.stream().min(Comparator.comparingInt(b -> {
      int[] score = scores.getOrDefault(b.code(), standard);
      return score[0] + score[1];
    })).orElseThrow();
    int[] score = scores.getOrDefault(weakest.code(), standard);
    at(LocalDate.of(year, 12, 9));
    cycle.returnResults("请对照第一季度督查的整改情况，复核" + weakest.name() + "的评分", weakest.code());
    at(LocalDate.of(year, 12, 10));
    cycle.rescoreGoals(Activity.RESCORE_BRANCH, weakest.code(), goalScores(score[0], score[1]),
        "经复核督查记录和整改台账，整改已完成但支部工作仍有差距，维持原评分");
    at(LocalDate.of(year, 12, 11));
    cycle.publishResults();
    at(LocalDate.of(year, 12, 12));
    cycle.appeal(weakest.code(), "本支部全年业务重点任务均按期完成，业务指标得分偏低，请求复核");
    branches.stream().filter(b -> !b.equals(weakest)).forEach(b -> cycle.acceptResult(b.code()));
    at(LocalDate.of(year, 12, 15));
    cycle.rescoreGoals(Activity.REVIEW_APPEAL, weakest.code(), goalScores(score[0], score[1] + 2),
        "业务重点任务按期完成属实，“年度重点业务目标”得分上调2分");
    at(LocalDate.of(year, 12, 16));
    cycle.decideReview(weakest.code(), CycleProcess.Decision.APPROVED, null);
  }

  /** The party group decides the measures: the cycle closes and carries what is still open. */
  private void decideMeasures(CycleScenario cycle, int year) {
    at(LocalDate.of(year, 12, 22));
    for (Task task : cycle.tasks(Activity.DECIDE_MEASURE)) {
      cycle.decideMeasure(task, cycle.suggestedMeasure(task), "依据考核结果和整改情况，经党组会议研究决定");
    }
  }

  /** This year's 市财政局 cycle, in 同落实、同检查 with late work. */
  private void runningFinanceCycle(LocalDate today) {
    List<BranchRef> branches = organisation.branches("finance");
    at(today.minusDays(150));
    CycleScenario cycle = start("finance", today.getYear() + "年度党建与业务融合工作", today.minusDays(160), 4, 14);
    draftGoals(cycle);
    at(today.minusDays(148));
    cycle.approveGoals();
    at(today.minusDays(145));
    decompose(cycle, "finance", branches, today.plusDays(100));
    at(today.minusDays(140));
    branches.forEach(branch -> cycle.signFor(branch.code()));
    at(today.minusDays(130));
    for (BranchRef branch : branches) {
      planImplementation(cycle, branch, today.plusDays(20));
      List<String> members = organisation.memberIds(branch.code());
      for (String member : members) {
        if (!(branch.code().equals("financeTreasury") && member.equals("wuhao"))) { // wuhao's pledge stays overdue
          pledge(cycle, member);
        }
      }
    }
    // 李伟's 党员先锋岗 is registered: the inspection round asks him for his 践诺 report (left open)
    at(today.minusDays(125));
    String post = applyForPost("liwei", "pioneer", "预算编审党员先锋岗", "负责部门预算编审中的政策解答和材料预审，做到一次告知、限时办结",
        "全年预算编审零差错，处室咨询当日答复，带头攻坚预算绩效评价难题");
    at(today.minusDays(123));
    complete(post, VanguardProcess.Activity.REVIEW_BY_BRANCH,
        form(VanguardProcess.Var.BRANCH_REVIEW_DECISION, VanguardProcess.APPROVED));
    at(today.minusDays(120));
    complete(post, VanguardProcess.Activity.REVIEW_BY_COMMITTEE,
        form(VanguardProcess.Var.COMMITTEE_REVIEW_DECISION, VanguardProcess.APPROVED));
    at(today.minusDays(36));
    cycle.fireTimers(Activity.INSPECTION_DUE);
    at(today.minusDays(33));
    for (BranchRef branch : branches) {
      if (!branch.code().equals("financeTreasury")) {
        reportAndInspect(cycle, branch, branch.code().equals("financeBudget") ? "预算绩效目标未与党建议题结合，三会一课记录缺失" : null);
      }
    }
    // the budget branch's rectification (14 days) is planned but not finished: overdue, escalated once the job executor runs
    String rectification = rectificationOf(cycle.id(), "financeBudget");
    at(today.minusDays(28));
    complete(rectification, RectificationProcess.Activity.DRAFT_PLAN,
        form(RectificationProcess.Var.RECTIFICATION_PLAN, "两周内补齐三会一课记录，并将预算绩效难点列入主题党日议题"));
    // 周杰 has just applied for a 示范窗口: waiting for 孙丽's review
    at(today.minusDays(2));
    applyForPost("zhoujie", "window", "国库支付示范窗口", "负责国库集中支付业务的受理和咨询，公开办理时限，做到当日受理、限时办结",
        "支付申请当日受理率100%，全年无差错、无投诉");
  }

  /** A member's application, started in the member's own name as Tasklist would (the branch is theirs). */
  private String applyForPost(String member, String postType, String postName, String duties, String pledge) {
    var identity = engine.getIdentityService();
    identity.setAuthentication(member,
        identity.createGroupQuery().groupMember(member).list().stream().map(g -> g.getId()).toList(),
        identity.createTenantQuery().userMember(member).includingGroupsOfUser(true).list().stream().map(t -> t.getId()).toList());
    try {
      String definition = engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(VanguardProcess.KEY).latestVersion().singleResult().getId();
      return engine.getFormService().submitStartForm(definition, form(VanguardProcess.Var.POST_TYPE, postType,
          VanguardProcess.Var.POST_NAME, postName, VanguardProcess.Var.DUTIES, duties, VanguardProcess.Var.PLEDGE, pledge))
          .getId();
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * This year's 市税务局 cycle, started in December: its draft answers the problems last year's cycle carried
   * into it when it closed (one taken up as a goal, the other explained); now in 同部署, one objection waits
   * for the committee, several branches are late.
   */
  private void runningTaxCycle(LocalDate today, CycleScenario cycle, int lastYear) {
    List<BranchRef> branches = organisation.branches("tax");
    at(LocalDate.of(lastYear, 12, 28));
    List<Map<String, Object>> carried = cycle.carriedOver();
    cycle.draftGoals(GOALS, java.util.stream.IntStream.range(0, carried.size())
        .mapToObj(i -> i == 0 ? CycleScenario.byGoal(carried.get(i), "党建引领业务攻坚")
            : CycleScenario.explained(carried.get(i), "该支部已列入机关党委年度重点帮扶，由机关党委按季督导整改"))
        .toList());
    at(LocalDate.of(lastYear, 12, 30));
    cycle.approveGoals();
    at(today.minusDays(15));
    decompose(cycle, "tax", branches, LocalDate.of(today.getYear(), 12, 31)); // within the calendar year it plans
    at(today.minusDays(12));
    for (BranchRef branch : branches.subList(0, 4)) {
      cycle.signFor(branch.code());
    }
    cycle.objectTo("taxService", "联合党支部人员分属两个科室，纳税服务措施的牵头部门需明确");
  }

  // ------------------------------------------------------------------ what the demo's people write

  private CycleScenario start(String agency, String name, LocalDate periodStart, long rounds, long rectificationDays) {
    return CycleScenario.start(engine, agency, CycleScenario.startForm(name, periodStart.toString(),
        periodStart.plusYears(1).minusDays(1).toString(), rounds, rectificationDays)).inZone(clock.getZone());
  }

  private static final List<Map<String, Object>> GOALS = List.of(
      goal("partyBasic", "支部标准化规范化建设", "三会一课按期召开率", "100%", 20),
      goal("partyKey", "党建引领业务攻坚", "党员先锋岗覆盖重点工作数", "10个", 15),
      goal("partyInnovation", "“书香机关”品牌创建", "读书分享活动次数", "6次", 5),
      goal("business", "年度重点业务目标", "重点任务完成率", "≥95%", 60));

  private static void draftGoals(CycleScenario cycle) {
    cycle.draftGoals(GOALS);
  }

  /**
   * The three-level list: an item for each member of the party group (the secretary, 第一责任人, first; the others
   * their 分管 items), one for the committee's first member and one for each branch's first secretary.
   */
  private void decompose(CycleScenario cycle, String agency, List<BranchRef> branches, LocalDate milestone) {
    List<String> secretary = organisation.peopleOf(GroupIds.partyGroupSecretary(agency));
    List<CycleScenario.Owner> owners = new ArrayList<>();
    secretary.forEach(p -> owners.add(new CycleScenario.Owner(organisation.partyGroup(agency), p)));
    organisation.peopleOf(organisation.partyGroup(agency)).stream().filter(p -> !secretary.contains(p))
        .forEach(p -> owners.add(new CycleScenario.Owner(organisation.partyGroup(agency), p)));
    owners.add(new CycleScenario.Owner(organisation.committee(agency),
        organisation.peopleOf(organisation.committee(agency)).get(0)));
    branches.forEach(b -> owners.add(new CycleScenario.Owner(b.code(),
        organisation.peopleOf(organisation.branchSecretaries(b.code())).get(0))));
    cycle.decompose(CycleScenario.items(GOALS.stream().map(g -> (String) g.get(CycleProcess.Goal.NAME)).toList(),
        owners, "结合本单位职能，明确责任人和完成时限，按月推进、按季报告", "完成阶段任务并报告", milestone.toString()));
  }

  /** The branch's plan, with one 主题党日 on {@code meetingDate}. */
  private static void planImplementation(CycleScenario cycle, BranchRef branch, LocalDate meetingDate) {
    cycle.planImplementation(branch.code(), "把本支部业务工作中的难点列为主题党日和“三会一课”研讨议题",
        List.of(CycleScenario.meeting("themeDay", meetingDate.toString(), MeetingTopics.PLAN_DIFFICULTIES,
            "研讨本支部业务工作中的难点")),
        "支委会每月研究推进一次，每季度向机关党委报告党建和业务进展", null);
  }

  private static void pledge(CycleScenario cycle, String member) {
    cycle.pledge(member, "带头完成本岗位重点工作，按时报告进展", false);
  }

  private static void reportAndInspect(CycleScenario cycle, BranchRef branch, String problem) {
    cycle.reportProgress(branch.code(), "按期召开三会一课，开展主题党日活动", "重点业务工作按进度推进", null);
    cycle.inspect(branch.code(), problem == null ? "党建与业务同步推进，台账齐全" : "发现问题，需要整改", problem);
  }

  private void assess(CycleScenario cycle, BranchRef branch, int party, int business, String problems) {
    List<String> members = organisation.memberIds(branch.code());
    cycle.dutyReport(branch.code(), "本年度支部党建工作按计划推进，三会一课规范", "本年度业务目标按计划完成",
        members.stream().map(m -> AssessmentProcess.Rating.GOOD).toList());
    for (String member : members) {
      cycle.evaluate(member, demoGrade(party), demoGrade(business));
    }
    cycle.scoreGoals(branch.code(), goalScores(party, business), DemoCycles::basis, false, null, problems);
  }

  /**
   * 同考核 of the agency's own levels: each owner of a party group or committee item reports on it (述职), then the
   * committee scores the agency goal by goal (party-building goals 88, business goals 90).
   */
  private static void assessAgency(CycleScenario cycle) {
    cycle.tasks(Activity.OWNER_DUTY_REPORT).forEach(task -> cycle.ownerDutyReport(task.getAssignee(),
        "履行一岗双责，把分管的党建和业务工作同谋划、同部署、同推进，责任事项按节点完成，下一步重点抓好整改成果运用",
        row -> "围绕“" + row.get("goalName") + "”，每季度听取汇报、研究推进措施，" + row.get("progress")));
    cycle.scoreAgency(goalScores(88, 90), row -> "对照“" + row.get("indicator") + "”目标值" + row.get("target")
        + "，结合党组、机关党委责任事项落实情况和责任人述职评分");
  }

  /**
   * The demo's scores goal by goal: 支部标准化规范化建设 3 above the branch's party-building level, 党建引领业务攻坚 4
   * below, the others at it; by their weights (20 and 15) the party-building goals still average {@code party}, so
   * each demo branch keeps its intended grade.
   */
  private static Function<Map<String, Object>, Number> goalScores(int party, int business) {
    Map<String, Integer> offsets = Map.of("支部标准化规范化建设", 3, "党建引领业务攻坚", -4);
    Function<Map<String, Object>, Number> byKind = CycleScenario.byKind(party, business);
    return row -> Math.min(100, byKind.apply(row).intValue() + offsets.getOrDefault((String) row.get("name"), 0));
  }

  /** The committee's 评分依据 for a goal, as the demo writes it. */
  private static String basis(Map<String, Object> row) {
    return "对照“" + row.get("indicator") + "”目标值" + row.get("target") + "，结合本支部责任事项落实情况和督查记录评分";
  }

  /**
   * The members' 民主测评 grade in the demo follows the committee's score of the same work (90 and more 好, 70 and
   * more 较好, 60 and more 一般, else 差), so that each demo branch keeps its intended grade.
   */
  private static String demoGrade(int score) {
    return score >= 90 ? AssessmentProcess.Rating.GOOD : score >= 70 ? AssessmentProcess.Rating.FAIRLY_GOOD
        : score >= 60 ? AssessmentProcess.Rating.AVERAGE : AssessmentProcess.Rating.POOR;
  }

  private void rectifyCompletely(String cycleId, String branch, LocalDate day) {
    String rectification = rectificationOf(cycleId, branch);
    at(day);
    complete(rectification, RectificationProcess.Activity.DRAFT_PLAN,
        form(RectificationProcess.Var.RECTIFICATION_PLAN, "一个月内补齐学习记录，将业务难点列入主题党日议题"));
    complete(rectification, RectificationProcess.Activity.REVIEW_PLAN,
        form(RectificationProcess.Var.PLAN_DECISION, RectificationProcess.Decision.APPROVED));
    at(day.plusDays(10));
    complete(rectification, RectificationProcess.Activity.SUBMIT_EVIDENCE,
        form(RectificationProcess.Var.EVIDENCE, "已补齐学习记录，主题党日会议纪要已归档"));
    complete(rectification, RectificationProcess.Activity.VERIFY,
        form(RectificationProcess.Var.VERIFICATION_DECISION, RectificationProcess.Decision.VERIFIED));
  }

  /** Every meeting the cycle's branches planned is due and recorded as held, by all of the branch's members. */
  private void recordMeetings(String cycleId, LocalDate held) {
    for (var meeting : engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MeetingProcess.KEY)
        .variableValueEquals(MeetingProcess.Var.CYCLE_ID, cycleId).list()) {
      for (Job job : engine.getManagementService().createJobQuery().processInstanceId(meeting.getId()).timers().list()) {
        engine.getManagementService().executeJob(job.getId());
      }
      String branch = (String) engine.getRuntimeService().getVariable(meeting.getId(), MeetingProcess.Var.BRANCH_CODE);
      complete(meeting.getId(), MeetingProcess.Activity.RECORD_MEETING, form(MeetingProcess.Var.HELD_DATE, held.toString(),
          MeetingProcess.Var.ATTENDANCE, json(organisation.memberIds(branch)),
          MeetingProcess.Var.MINUTES, "学习上级精神，结合业务难点研讨，明确改进措施和责任人"));
    }
  }

  private String rectificationOf(String cycleId, String branch) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(RectificationProcess.KEY)
        .variableValueEquals(RectificationProcess.Var.CYCLE_ID, cycleId)
        .variableValueEquals(RectificationProcess.Var.BRANCH_CODE, branch).list().get(0).getId();
  }

  /** The job executor is stopped while the clock is set back: the continuations run here. */
  private void complete(String processInstanceId, String activityId, Map<String, Object> values) {
    CycleScenario.complete(engine, processInstanceId, activityId, values);
  }

  private void at(LocalDate day) {
    ClockUtil.setCurrentTime(clock.at(day, java.time.LocalTime.of(10, 0)));
  }
}
