package cn.liutong.browser;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.support.FrozenClock;
import cn.liutong.support.LoopbackClient;
import cn.liutong.support.Rest;

/**
 * Whole processes walked in Chinese Tasklist, every task by a person it belongs to: log in, find it in
 * a filter, claim, fill the form from its schema, 完成. An agency of its own (市民政局, two branches) so
 * that its filters show only this walk's work. The engine is only looked at, and asked to run a timer
 * that is due (the inspection round), as the job executor would. The engine's clock stands at {@link #NOW}.
 */
@FrozenClock(ProcessWalkBrowserTest.NOW)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ProcessWalkBrowserTest {

  static final String AGENCY = "civil";
  static final String COMMITTEE = "mzzhou";
  static final String PARTY_GROUP = "mzwu";
  static final String AID = "civilAid";
  static final String AID_NAME = "社会救助处党支部";
  static final String AID_SECRETARY = "mzchen";
  static final String AID_MEMBER = "mzliu";
  static final String CARE = "civilCare";
  static final String CARE_NAME = "养老服务处党支部";
  static final String CARE_SECRETARY = "mzhuang";
  static final String CARE_MEMBER = "mzzhao";

  /**
   * The walk's "now": late in its cycle's year (2026), when the year's first-quarter round and the planned meetings
   * are past, so that its dates hold in any year the tests run.
   */
  static final String NOW = "2026-11-27T09:00";

  static final String MINE = "我的待办";
  static final String MY_BRANCH = "本支部待办";
  static final String TO_APPROVE = "待我审批";

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  Tasklist tasklist;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @BeforeEach
  void agencyOfItsOwn() {
    String csv = String.join("\n",
        "agency_id,agency_name,unit_type,unit_id,unit_name,user_id,user_name,role",
        "civil,市民政局,committee,,市民政局机关党委,mzzhou,周伟,member",
        "civil,市民政局,partyGroup,,市民政局党组,mzwu,吴刚,secretary",
        "civil,市民政局,branch,civilAid,社会救助处党支部,mzchen,陈红,secretary",
        "civil,市民政局,branch,civilAid,社会救助处党支部,mzliu,刘军,member",
        "civil,市民政局,branch,civilCare,养老服务处党支部,mzhuang,黄梅,secretary",
        "civil,市民政局,branch,civilCare,养老服务处党支部,mzzhao,赵雷,member");
    Rest.Response imported = new Rest(port).post("/api/admin/organisation", "text/csv", csv.getBytes(UTF_8), "admin", "admin");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    for (String id : List.of(COMMITTEE, PARTY_GROUP, AID_SECRETARY, AID_MEMBER, CARE_SECRETARY, CARE_MEMBER)) {
      User user = engine.getIdentityService().createUserQuery().userId(id).singleResult();
      user.setPassword(id);
      engine.getIdentityService().saveUser(user);
    }
    tasklist = new Tasklist(browser, "http://127.0.0.1:" + port, engine, this::runDueJobs);
  }

  @Test
  void aWholeCycleIsWalkedInTasklistByThePeopleItBelongsTo() {
    // 同规划: the committee starts the year and drafts the goals; the party group returns them once
    tasklist.start(COMMITTEE, "融合工作六同闭环", "cycle-start", answers(
        "cycleName", "2026年度民政党建与业务融合工作", "periodStart", LocalDate.of(2026, 1, 1),
        "periodEnd", LocalDate.of(2026, 12, 31), "minPartyShare", 30,
        "inspectionRounds", 1, "signForDays", 7, "rectificationDays", 30));
    ProcessInstance cycle = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("integrated-cycle")
        .tenantIdIn(AGENCY).singleResult();
    assertThat(cycle).as("the cycle runs for the committee's own agency").isNotNull();
    String id = cycle.getId();

    // a rule across fields (weights add up to 100%) is the server's: its reasons appear above the form
    List<Map<String, Object>> short10 = new java.util.ArrayList<>(goals());
    short10.set(4, goal("business", "养老机构安全检查", "检查覆盖率", "100%", 10));
    assertThat(tasklist.completeRefused(COMMITTEE, MINE, task(id, "Task_DraftGoals"), "draft-goals", answers("goals", short10)))
        .contains("全部目标权重合计须为100%，当前为90%").doesNotContain("Cannot submit");
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_DraftGoals"), "draft-goals", answers("goals", goals()));
    assertThat(tasklist.confirmation().getText()).contains("已完成：拟定党建与业务目标体系");
    assertThat(browser.all(By.id("liutong-complete-error"))).as("the reasons go once it is done").isEmpty();
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_ApproveGoals"), "approve-goals",
        answers("goalsDecision", "returned", "goalsReturnReason", "业务目标指标偏少，请补充服务对象满意度指标"));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_DraftGoals"), "draft-goals", answers("goals", goals()));
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_ApproveGoals"), "approve-goals",
        answers("goalsDecision", "approved"));

    // 党员先锋岗: a member applies from 启动流程, the secretary and the committee approve, the post is registered
    // (before supervision begins: the first round, whose quarter end has passed, starts as soon as it does)
    tasklist.start(AID_MEMBER, "党员先锋岗/示范窗口", "vanguard-apply", answers("postType", "window",
        "postName", "社会救助窗口示范岗", "duties", "负责救助申请的受理和政策解答，做到一次告知、限时办结",
        "pledge", "救助申请当日受理，群众咨询当日答复，全年零投诉"));
    String post = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("vanguard-post")
        .tenantIdIn(AGENCY).singleResult().getId();
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(post, "Task_ReviewByBranch"), "review-vanguard-branch",
        answers("branchReviewDecision", "approved"));
    tasklist.complete(COMMITTEE, TO_APPROVE, task(post, "Task_ReviewByCommittee"), "review-vanguard-committee",
        answers("committeeReviewDecision", "approved"));

    // 同部署: the list decomposed; one branch objects, is answered, and signs
    // (三级: the party group's secretary and the committee own items too; each owner must be of the item's unit)
    List<Map<String, Object>> threeLevels = List.of(
        owned("支部标准化规范化建设", AID_NAME, AID_OWNER), owned("困难群众救助资金发放", AID_NAME, AID_OWNER),
        owned("“民政为民”党建品牌", AID_NAME, AID_OWNER), owned("“银龄关爱”党员志愿服务", CARE_NAME, CARE_OWNER),
        owned("养老机构安全检查", CARE_NAME, CARE_OWNER), owned("困难群众救助资金发放", "市民政局党组", PARTY_GROUP_OWNER),
        owned("支部标准化规范化建设", "市民政局机关党委", AID_OWNER));
    assertThat(tasklist.completeRefused(COMMITTEE, MINE, task(id, "Task_DecomposeGoals"), "decompose-goals",
        answers("items", threeLevels))).contains("第7项责任事项：责任人须是市民政局机关党委的成员");
    List<Map<String, Object>> fixed = new java.util.ArrayList<>(threeLevels);
    fixed.set(6, owned("支部标准化规范化建设", "市民政局机关党委", COMMITTEE_OWNER));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_DecomposeGoals"), "decompose-goals", answers("items", fixed));
    assertThat(jdbc.queryForList("select owner_id from lt_responsibility_item where cycle_id = ? and level <> 'branch'"
        + " order by position", String.class, id)).containsExactly(PARTY_GROUP, COMMITTEE);
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(id, "Task_SignFor", AID), "sign-for",
        answers("signForDecision", "objection", "objection", "救助资金发放节点过紧，建议调整到第三季度"));
    // the other branch lets its sign-for run late: reminded, then escalated to the committee
    runTimersWhenDue(id, "BoundaryEvent_SignForReminder", CARE);
    runTimersWhenDue(id, "BoundaryEvent_SignForOverdue", CARE);
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_SuperviseSignFor", CARE), "supervise-sign-for",
        answers("supervisionNote", "已电话督促养老服务处党支部三日内签收"));
    tasklist.complete(CARE_SECRETARY, MY_BRANCH, task(id, "Task_SignFor", CARE), "sign-for", answers("signForDecision", "signed"));
    // the committee agrees and moves the branch's relief-fund milestone to the third quarter; the branch signs the new list
    Map<String, Object> moved = new LinkedHashMap<>(item("困难群众救助资金发放", AID_NAME));
    moved.put("milestone", "第三季度完成资金发放");
    moved.put("milestoneDate", LocalDate.of(2026, 9, 30));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_AnswerObjection"), "answer-objection", answers("adjustItems", true,
        "revisedItems", List.of(item("支部标准化规范化建设", AID_NAME), moved, item("“民政为民”党建品牌", AID_NAME)),
        "objectionAnswer", "同意将救助资金发放节点调整到第三季度，请按调整后的清单签收"));
    assertThat(jdbc.queryForList("select milestone_date from lt_responsibility_item where cycle_id = ? and branch_code = ?"
        + " order by position", java.sql.Date.class, id, AID)).extracting(java.sql.Date::toLocalDate)
        .containsExactly(LocalDate.of(2026, 6, 30), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 6, 30));
    assertThat(jdbc.queryForObject("select reason from lt_item_revision where cycle_id = ? and branch_code = ?", String.class,
        id, AID)).isEqualTo("同意将救助资金发放节点调整到第三季度，请按调整后的清单签收");
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(id, "Task_SignFor", AID), "sign-for", answers("signForDecision", "signed"));

    // 同落实: each branch plans, every member pledges
    for (String[] branch : new String[][] {{AID, AID_SECRETARY, AID_MEMBER}, {CARE, CARE_SECRETARY, CARE_MEMBER}}) {
      tasklist.complete(branch[1], MY_BRANCH, task(id, "Task_PlanImplementation", branch[0]), "plan-implementation",
          answers("meetings", List.of(Map.of("type", "themeDay", "plannedDate", LocalDate.of(2026, 3, 10),
              "topicSource", "本方案所列业务难点", "topic", "把救助资金发放难点列为主题党日议题"))));
      // the secretary's own pledge comes next: the confirmation offers it
      String pledge = memberTask(id, "Task_Pledge", branch[1]);
      assertThat(tasklist.confirmation().findElement(By.cssSelector("a.liutong-next-task")).getText())
          .startsWith("办理下一项：党员承诺践诺");
      tasklist.completeNext(pledge, "member-pledge", answers());
      tasklist.complete(branch[2], MINE, memberTask(id, "Task_Pledge", branch[2]), "member-pledge",
          answers("pioneerPost", true));
    }

    // 三会一课 and 主题党日: the planned 主题党日 is due; the secretary records it with who attended
    String meeting = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("branch-meeting")
        .variableValueEquals("cycleId", id).variableValueEquals("branchCode", AID).singleResult().getId();
    runDueJobs();
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(meeting, "Task_RecordMeeting"), "record-meeting",
        answers("heldDate", LocalDate.of(2026, 3, 12), "attendance", List.of("陈红", "刘军"),
            "minutes", "学习救助政策，研讨救助资金发放难点，明确按月发放、当月公示两项措施"));
    assertThat(new Rest(port).get("/api/branch-meetings/" + meeting, COMMITTEE).json().path("status").asText())
        .as("the committee reads the record").isEqualTo("held");

    // 同检查: the round is due; branches report, the committee inspects and finds a problem at one
    // the round's quarter end (2026-03-31) has passed: it started as soon as supervision began
    runDueJobs();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_ReportProgress").count())
        .as("every branch reports in the round").isEqualTo(2);
    // the round asks the post's holder for the 践诺 report
    tasklist.complete(AID_MEMBER, MINE, task(post, "Task_ReportFulfilment"), "vanguard-fulfilment",
        answers("fulfilment", "本轮受理救助申请46件，均当日受理，群众咨询当日答复，无投诉"));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(post)
        .activityIdIn("Task_AwaitInspectionRound").count()).as("the post waits for the next round").isEqualTo(1);
    // the report states a difficulty and plans a 主题党日 to take it up (the day is held at 2026-06-01 for this step,
    // so that the meeting's date lies after "today" and within the cycle's year)
    ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-06-01 09:00:00"));
    try {
      tasklist.complete(AID_SECRETARY, MY_BRANCH, task(id, "Task_ReportProgress", AID), "report-progress", answers(
          "difficulties", "部分救助对象档案缺少入户核查记录，核查人手不足",
          "difficultyMeetings", List.of(Map.of("type", "themeDay", "plannedDate", LocalDate.of(2026, 6, 15),
              "topic", "研究救助对象入户核查人手不足的问题"))));
    } finally {
      backToNow();
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("branch-meeting")
        .variableValueEquals("cycleId", id).variableValueEquals("branchCode", AID)
        .variableValueEquals("topicSourceLabel", "第1轮进展报告所列困难").count())
        .as("the meeting on the reported difficulty is planned").isEqualTo(1);
    tasklist.complete(CARE_SECRETARY, MY_BRANCH, task(id, "Task_ReportProgress", CARE), "report-progress", answers());
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_Inspect", AID), "inspect-branch", answers(
        "findings", "救助对象档案不完整", "problemsFound", true, "problemDescription", "部分救助对象档案缺少入户核查记录"));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_Inspect", CARE), "inspect-branch",
        answers("findings", "党建与业务同步推进，情况良好"));
    // the party group's and the committee's items: each 责任人 reports on their own, item by item, in Tasklist
    tasklist.complete(PARTY_GROUP, MINE, memberTask(id, "Task_ReportOwnItems", PARTY_GROUP), "report-own-items", answers());
    tasklist.complete(COMMITTEE, MINE, memberTask(id, "Task_ReportOwnItems", COMMITTEE), "report-own-items", answers());
    assertThat(jdbc.queryForList("select p.reported_by from lt_item_progress p join lt_responsibility_item i on i.id = p.item_id"
        + " where p.cycle_id = ? and i.level <> 'branch' order by i.position", String.class, id))
        .as("each owner's own item, reported by its owner").containsExactly(PARTY_GROUP, COMMITTEE);
    // every branch inspected: the committee closes the round with its 督查通报, which goes to both secretaries
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_PublishBulletin"), "publish-bulletin",
        answers("bulletinSummary", "第一季度督查：两个支部党建与业务同步推进，社会救助处党支部档案不完整，已发起整改"));

    // the finding becomes a rectification, walked to 销号
    String rectification = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("rectification")
        .variableValueEquals("cycleId", id).singleResult().getId();
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(rectification, "Task_DraftRectificationPlan"), "rectification-plan", answers());
    tasklist.complete(COMMITTEE, TO_APPROVE, task(rectification, "Task_ReviewRectificationPlan"), "review-rectification-plan",
        answers("planDecision", "approved"));
    runTimersWhenDue(rectification, "BoundaryEvent_RectificationOverdue", null);
    tasklist.complete(COMMITTEE, MINE, task(rectification, "Task_SuperviseRectification"), "supervise-rectification",
        answers("supervisionNote", "整改已逾期，请于一周内提交佐证材料"));
    // a week later still open: the committee supervises again, and the party group with it
    runTimersWhenDue(rectification, "BoundaryEvent_RectificationOverdue", null);
    tasklist.complete(COMMITTEE, MINE, task(rectification, "Task_SuperviseRectification"), "supervise-rectification",
        answers("supervisionNote", "整改逾期两周，已电话督促支部书记"));
    tasklist.complete(PARTY_GROUP, MINE, task(rectification, "Task_SuperviseRectificationByPartyGroup"),
        "party-group-supervise-rectification", answers("supervisionNote", "党组督办：请支部书记本周内提交整改佐证材料"));
    assertThat(jdbc.queryForList("select level from lt_supervision where rectification_id is not null and note like ?"
        + " order by recorded_at", String.class, "%党组督办：请支部书记%")).as("the party group's supervision is in the ledger")
        .containsExactly("partyGroup");
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(rectification, "Task_SubmitEvidence"), "rectification-evidence", answers());
    tasklist.complete(COMMITTEE, TO_APPROVE, task(rectification, "Task_VerifyRectification"), "verify-rectification",
        answers("verificationDecision", "verified"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(rectification)
        .singleResult().getEndTime()).as("the rectification is closed (销号)").isNotNull();

    // 同考核: duty reports, member evaluations, scores; the party group returns one branch for scoring again
    for (String[] branch : new String[][] {{AID, AID_SECRETARY, AID_MEMBER}, {CARE, CARE_SECRETARY, CARE_MEMBER}}) {
      tasklist.complete(branch[1], MY_BRANCH, task(id, "Task_DutyReport", branch[0]), "duty-report",
          answers("pledgeRatings", List.of(Map.of("rating", "good"), Map.of("rating", "fairlyGood"))));
      tasklist.complete(branch[1], MINE, memberTask(id, "Task_EvaluateBranch", branch[1]), "evaluate-branch",
          answers("partyGrade", "good", "businessGrade", "fairlyGood"));
      tasklist.complete(branch[2], MINE, memberTask(id, "Task_EvaluateBranch", branch[2]), "evaluate-branch",
          answers("partyGrade", "fairlyGood", "businessGrade", "average", "evaluationComment", "业务工作还可以更主动"));
    }
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_ScoreBranch", AID), "score-branch",
        answers("goalScores", scores(49, 56, 52, 57, 60), "assessmentProblems", "救助档案管理不规范"));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_ScoreBranch", CARE), "score-branch",
        answers("goalScores", scores(93, 91, 91, 94, 97)));
    // the agency's own levels: each 责任人 reports on duty (述职) on their own items, the committee scores the agency
    tasklist.complete(PARTY_GROUP, MINE, memberTask(id, "Task_OwnerDutyReport", PARTY_GROUP), "owner-duty-report",
        answers("ownItems", List.of(answers("statement", "每季度主持党组会议研究救助资金发放，推动按时足额发放")),
            "ownerDutySummary", "履行党组书记第一责任人职责，党建与业务同部署同检查，分管事项按节点完成"));
    tasklist.complete(COMMITTEE, MINE, memberTask(id, "Task_OwnerDutyReport", COMMITTEE), "owner-duty-report",
        answers("ownItems", List.of(answers("statement", "组织志愿服务队伍，按季度督查服务人次")),
            "ownerDutySummary", "机关党委统筹推进党员志愿服务，按季度督查各支部，问题整改闭环"));
    assertThat(jdbc.queryForList("select r.owner_id || ':' || d.statement from lt_owner_duty_report r"
        + " join lt_owner_duty_item d on d.report_id = r.id where r.cycle_id = ? order by r.owner_id", String.class, id))
        .as("each owner's 述职 on their own item").containsExactlyInAnyOrder(
            PARTY_GROUP + ":每季度主持党组会议研究救助资金发放，推动按时足额发放", COMMITTEE + ":组织志愿服务队伍，按季度督查服务人次");
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_ScoreAgency"), "score-agency",
        answers("goalScores", scores(90, 88, 86, 92, 90)));
    // (90*20 + 88*15 + 86*5 + 92*40 + 90*20)/100 = (1800 + 1320 + 430 + 3680 + 1800)/100 = 90.3 -> 优秀
    assertThat(jdbc.queryForObject("select weighted_score || ' ' || grade from lt_agency_assessment where cycle_id = ?",
        String.class, id)).isEqualTo("90.3 优秀");
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_ApproveResults"), "approve-results",
        answers("resultsDecision", "returned", "returnedBranches", List.of(AID_NAME, "机关层面（党组、机关党委）"),
            "resultsReturnReason", "社会救助处党支部督查发现的问题已整改销号，请对照整改情况重新评分"));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_RescoreBranch", AID), "rescore-branch",
        answers("goalScores", scores(54, 56, 56, 59, 62), "reviewNote", "该支部救助档案问题已整改销号，党建得分上调3分，业务得分上调2分"));
    // the agency-level score was returned with the branch: the committee scores the agency again after the branch
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_RescoreAgency"), "score-agency",
        answers("goalScores", scores(90, 88, 86, 92, 92)));
    // (90*20 + 88*15 + 86*5 + 92*40 + 92*20)/100 = (1800 + 1320 + 430 + 3680 + 1840)/100 = 90.7, before 90.3
    assertThat(jdbc.queryForObject("select weighted_score || ' ' || grade || ' ' || previous_weighted_score"
        + " from lt_agency_assessment where cycle_id = ?", String.class, id)).isEqualTo("90.7 优秀 90.3");
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_ApproveResults"), "approve-results",
        answers("resultsDecision", "approved"));

    // 公示: one branch appeals, the other accepts; the committee reviews, the party group decides the review
    tasklist.complete(AID_SECRETARY, MY_BRANCH, task(id, "Task_ConfirmResult", AID), "appeal-result",
        answers("appealDecision", "appeal", "appealReason", "本支部救助资金发放全年零差错，业务得分没有体现，请求复核"));
    tasklist.complete(CARE_SECRETARY, MY_BRANCH, task(id, "Task_ConfirmResult", CARE), "appeal-result",
        answers("appealDecision", "accepted"));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_ReviewAppeal", AID), "rescore-branch",
        answers("goalScores", scores(54, 56, 56, 61, 64), "reviewNote", "救助资金发放零差错属实，业务得分上调2分，等次维持一般"));
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_ApproveReview", AID), "approve-review",
        answers("reviewDecision", "approved"));
    assertThat(jdbc.queryForObject("select business_score from lt_assessment_result where cycle_id = ? and branch_code = ?",
        java.math.BigDecimal.class, id, AID)).as("the reviewed score is the final one").isEqualByComparingTo("62");
    // the goals were scored one by one: the ledger keeps each goal's final score with its approved weight and basis;
    // the business score is the business goals' weighted mean, (61*40 + 64*20)/60 = 62
    assertThat(jdbc.queryForList("select weight, score, basis from lt_goal_score where cycle_id = ? and branch_code = ?"
        + " order by position", id, AID)).extracting(r -> r.get("weight") + "% " + ((java.math.BigDecimal) r.get("score"))
            .stripTrailingZeros().toPlainString() + " " + r.get("basis"))
        .containsExactly("20% 54 对照指标和目标值，结合责任事项落实情况评定54分", "15% 56 对照指标和目标值，结合责任事项落实情况评定56分",
            "5% 56 对照指标和目标值，结合责任事项落实情况评定56分", "40% 61 对照指标和目标值，结合责任事项落实情况评定61分",
            "20% 64 对照指标和目标值，结合责任事项落实情况评定64分");
    assertThat(jdbc.queryForList("select kind from lt_assessment_review where cycle_id = ? order by requested_at", String.class, id))
        .containsExactly("returned", "appeal");

    // 同问责: the party group decides the measure for the branch graded low; the cycle closes
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai"));
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_DecideMeasure", AID), "decide-measure",
        answers("decidedMeasure", "reminderTalk", "measureReason", "考核等次较差，对支部书记进行提醒谈话",
            "measureTargets", List.of("陈红"), "measureExecutor", "吴刚", "measureDate", today.plusDays(7)));
    // 优秀: the party group recommends the care branch; the committee drafts the recommendation
    tasklist.complete(PARTY_GROUP, TO_APPROVE, task(id, "Task_DecideMeasure", CARE), "decide-measure",
        answers("decidedMeasure", "commend", "measureReason", "养老服务处党支部考核优秀，推荐评选先进基层党组织",
            "measureTargets", List.of("黄梅", "赵雷"), "measureExecutor", "周伟", "measureDate", today.plusDays(14)));
    tasklist.complete(PARTY_GROUP, MINE, task(id, "Task_CarryOutMeasure", AID), "carry-out-measure",
        answers("carriedOutOn", today, "measureRecord", "在党组会议室与陈红同志谈话，指出支部救助档案管理不规范等问题，陈红同志表示立即整改。"));
    tasklist.complete(COMMITTEE, MINE, task(id, "Task_CarryOutMeasure", CARE), "carry-out-measure",
        answers("carriedOutOn", today, "measureRecord", "已起草推荐材料，推荐养老服务处党支部参评先进基层党组织，推荐黄梅、赵雷同志参评优秀共产党员。"));
    assertThat(jdbc.queryForList("select measure || ':' || targets || ':' || executor from lt_accountability_measure"
        + " where cycle_id = ? and carried_out_on is not null order by branch_code", String.class, id))
        .containsExactly("reminderTalk:" + AID_SECRETARY + ":" + PARTY_GROUP, "commend:" + CARE_SECRETARY + "," + CARE_MEMBER + ":" + COMMITTEE);

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()
        .getEndTime()).as("the cycle is closed").isNotNull();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
        .activityId("EndEvent_CycleClosed").count()).isEqualTo(1);
  }

  @Test
  void publicFeedbackIsWalkedFromIntakeToRating() {
    LoopbackClient citizen = LoopbackClient.fresh(port);
    LoopbackClient.Response submitted = citizen.post("/public/feedback", Map.of("agencyId", AGENCY,
        "subject", "养老服务补贴到账慢", "text", "申请养老服务补贴两个月了还没有到账，希望加快办理进度。", "contact", "13800000000"));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String code = submitted.json().path("trackingCode").asText();
    String feedback = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("public-feedback")
        .tenantIdIn(AGENCY).active().list().stream()
        .filter(p -> "养老服务补贴到账慢".equals(engine.getRuntimeService().getVariable(p.getId(), "subject")))
        .findFirst().orElseThrow().getId();

    tasklist.complete(COMMITTEE, MINE, task(feedback, "Task_TriageFeedback"), "triage-feedback",
        answers("triageDecision", "assign", "branchCode", CARE_NAME));
    tasklist.complete(CARE_SECRETARY, MY_BRANCH, task(feedback, "Task_HandleFeedback"), "handle-feedback", answers(
        "handlingNotes", "已核实申请材料，补贴已于本周发放", "replyDraft", "您好，您的养老服务补贴已于本周发放到账，感谢监督。"));
    tasklist.complete(COMMITTEE, TO_APPROVE, task(feedback, "Task_ApproveReply"), "approve-reply",
        answers("replyDecision", "approved"));

    assertThat(citizen.get("/public/feedback/" + code).body()).contains("您的养老服务补贴已于本周发放到账");
    LoopbackClient.Response rated = citizen.post("/public/feedback/" + code + "/rating", Map.of("satisfaction", 5));
    assertThat(rated.status()).as(rated.body()).isEqualTo(204);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(feedback).singleResult()
        .getEndTime()).as("rated and closed").isNotNull();
  }

  // ------------------------------------------------------------------ scenario data

  /**
   * The committee's scores of the five goals in their order (party-building 20, 15, 5 %; business 40, 20 %), each
   * with its basis: the party-building goals' weighted mean is the branch's 党建 score, the business goals' its 业务.
   */
  static List<Map<String, Object>> scores(int... goalScores) {
    return java.util.Arrays.stream(goalScores).mapToObj(score -> answers("score", score, "basis",
        "对照指标和目标值，结合责任事项落实情况评定" + score + "分")).toList();
  }

  static List<Map<String, Object>> goals() {
    return List.of(
        goal("partyBasic", "支部标准化规范化建设", "三会一课按期召开率", "100%", 20),
        goal("partyKey", "“银龄关爱”党员志愿服务", "志愿服务人次", "500人次", 15),
        goal("partyInnovation", "“民政为民”党建品牌", "品牌活动次数", "6次", 5),
        goal("business", "困难群众救助资金发放", "救助资金按时发放率", "100%", 40),
        goal("business", "养老机构安全检查", "检查覆盖率", "100%", 20));
  }

  static Map<String, Object> goal(String category, String name, String indicator, String target, int weight) {
    return answers("category", category, "name", name, "indicator", indicator, "target", target, "weight", weight);
  }

  /** The owner select's labels: the person's name and their units. */
  static final String AID_OWNER = "陈红（社会救助处党支部）";
  static final String CARE_OWNER = "黄梅（养老服务处党支部）";
  static final String PARTY_GROUP_OWNER = "吴刚（党组书记·第一责任人）";
  static final String COMMITTEE_OWNER = "周伟（市民政局机关党委）";

  /** An item of the decomposition: its unit and 责任人 as the selects show them. */
  static Map<String, Object> owned(String goalName, String unitName, String ownerLabel) {
    Map<String, Object> item = item(goalName, unitName);
    item.put("ownerId", ownerLabel);
    return item;
  }

  static Map<String, Object> item(String goalName, String branchName) {
    return answers("goalName", goalName, "branchCode", branchName, "measures", "结合处室职能制定具体措施，按月推进",
        "milestone", "第二季度完成阶段任务", "milestoneDate", LocalDate.of(2026, 6, 30));
  }

  static Map<String, Object> answers(Object... keysAndValues) {
    Map<String, Object> answers = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      answers.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return answers;
  }

  // ------------------------------------------------------------------ looking at the engine

  String task(String processInstanceId, String activityId) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(activityId).list();
    assertThat(tasks).as("open " + activityId).hasSize(1);
    return tasks.get(0).getId();
  }

  String task(String processInstanceId, String activityId, String branch) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(activityId).list().stream()
        .filter(t -> branch.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).toList();
    assertThat(tasks).as("open " + activityId + " of " + branch).hasSize(1);
    return tasks.get(0).getId();
  }

  String memberTask(String processInstanceId, String activityId, String member) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(activityId).taskAssignee(member).list();
    assertThat(tasks).as("open " + activityId + " of " + member).hasSize(1);
    return tasks.get(0).getId();
  }

  /** What the job executor would do now: the agency's jobs that are due (asynchronous steps, not timers ahead). */
  void runDueJobs() {
    var management = engine.getManagementService();
    for (int round = 0; round < 20; round++) {
      var due = management.createJobQuery().tenantIdIn(AGENCY).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming: " + management.createJobQuery().tenantIdIn(AGENCY).executable().list());
  }

  /** The engine's clock back at the walk's {@link #NOW} after a step that moved it. */
  static void backToNow() {
    ClockUtil.setCurrentTime(FrozenClock.Extension.moment(NOW));
  }

  /** Runs the timers at an activity (of one branch, or all) with the engine's clock at their due time. */
  void runTimersWhenDue(String processInstanceId, String activityId, String branch) {
    var management = engine.getManagementService();
    var timers = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers().list()
        .stream().filter(job -> branch == null
            || branch.equals(engine.getRuntimeService().getVariable(job.getExecutionId(), "branchCode"))).toList();
    assertThat(timers).as("timers at " + activityId).isNotEmpty();
    for (var job : timers) {
      ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 1000));
      try {
        management.executeJob(job.getId());
      } finally {
        backToNow();
      }
    }
    runDueJobs();
  }
}
