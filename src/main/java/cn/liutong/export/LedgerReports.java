package cn.liutong.export;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

import cn.liutong.assessment.AssessmentLedger;
import cn.liutong.assessment.AgencyAssessment;
import cn.liutong.assessment.GoalScores;
import cn.liutong.assessment.ReviewLedger;
import cn.liutong.assessment.MeasureLabels;
import cn.liutong.cycle.CycleLedger.Cycle;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.export.LedgerReport.Table;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.organisation.Visibility;
import cn.liutong.rectification.RectificationLedger;
import cn.liutong.rectification.RectificationProcess;
import cn.liutong.system.EngineClock;
import cn.liutong.system.EngineReads;

/**
 * Builds the 台账 of a cycle, for one branch or for every branch the caller sees, under the rules of
 * {@code /api} and the 六同看板: the cycle only for its own agency; a branch's rows only for whoever sees
 * the whole agency (committee, party group, administrators) or acts for that branch (its secretaries); a
 * member their own pledges. Anything else is empty, which both doors answer with 404 as for a missing one.
 * People appear by name and times in {@code liutong.time-zone}, as the webapps show them.
 */
@Service
public class LedgerReports {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  static final String AGENCY_LEVEL = AgencyAssessment.UNIT_LABEL;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** The late steps a 催办 or 督办 is recorded for, in the words of the models' task names. */
  private static final Map<String, String> SUPERVISED_STEPS = Map.of(
      CycleProcess.Activity.SIGN_FOR, "支部签收责任清单逾期", CycleProcess.Activity.SUPERVISE_SIGN_FOR, "督办逾期未签收",
      RectificationProcess.Activity.RECTIFY, "整改逾期", RectificationProcess.Activity.SUPERVISE, "督办逾期整改",
      RectificationProcess.Activity.PARTY_GROUP_SUPERVISE, "党组督办逾期整改");

  private static final Map<String, String> EXTENSION_STATUS = Map.of(
      "pending", "待审批", "approved", "同意", "refused", "不同意");

  /** Who an overdue rectification's supervision went to. */
  private static final Map<String, String> SUPERVISION_LEVELS = Map.of(
      RectificationProcess.Level.COMMITTEE, "机关党委", RectificationProcess.Level.PARTY_GROUP, "党组");

  private final Visibility visibility;
  private final CycleLedger cycles;
  private final AssessmentLedger assessments;
  private final ReviewLedger reviews;
  private final GoalScores goalScores;
  private final AgencyAssessment agencyAssessments;
  private final RectificationLedger rectifications;
  private final OrganisationDirectory organisation;
  private final IdentityService identity;
  private final EngineClock clock;

  LedgerReports(Visibility visibility, CycleLedger cycles, AssessmentLedger assessments, ReviewLedger reviews,
      GoalScores goalScores, AgencyAssessment agencyAssessments, RectificationLedger rectifications,
      OrganisationDirectory organisation, IdentityService identity, EngineClock clock) {
    this.agencyAssessments = agencyAssessments;
    this.assessments = assessments;
    this.reviews = reviews;
    this.goalScores = goalScores;
    this.visibility = visibility;
    this.cycles = cycles;
    this.rectifications = rectifications;
    this.organisation = organisation;
    this.identity = identity;
    this.clock = clock;
  }

  /** The 台账 of the cycle, of one branch when {@code branchCode} is given; empty when not to be seen. */
  public Optional<LedgerReport> report(String cycleId, String branchCode) {
    Scope scope = visibility.scope();
    String branch = blankToNull(branchCode);
    if (blankToNull(cycleId) == null) {
      return Optional.empty();
    }
    Cycle cycle = cycles.cycle(cycleId);
    if (cycle == null || !scope.seesCycleOf(cycle.agencyId())
        || (branch != null && !scope.seesBranch(cycle.agencyId(), branch))) {
      return Optional.empty();
    }
    // the rules are applied; names of people, agencies and branches are read whoever asks
    return EngineReads.withoutCaller(identity, () -> build(scope, cycle, branch));
  }

  private Optional<LedgerReport> build(Scope scope, Cycle cycle, String branch) {
    Map<String, String> branchNames = organisation.branches(cycle.agencyId()).stream()
        .collect(Collectors.toMap(BranchRef::code, BranchRef::name, (a, b) -> a));
    var items = cycles.items(cycle.id());
    var rects = rectifications.ofCycle(cycle.id());
    items.forEach(i -> branchNames.putIfAbsent(i.branchCode(), i.branchName()));
    rects.forEach(r -> branchNames.putIfAbsent(r.branchCode(), r.branchName()));
    // the agency's own levels are scored under the agency's id (机关层面考核)
    branchNames.putIfAbsent(cycle.agencyId(), AGENCY_LEVEL);
    if (branch != null && (!branchNames.containsKey(branch) || branch.equals(cycle.agencyId()))) {
      return Optional.empty();
    }
    Predicate<String> shown = code -> branch != null ? branch.equals(code) : scope.seesBranch(cycle.agencyId(), code);
    var pledges = cycles.pledges(cycle.id()).stream()
        .filter(p -> shown.test(p.branchCode()) || (branch == null && p.memberId().equals(scope.userId()))).toList();
    var reports = cycles.progressReports(cycle.id()).stream().filter(p -> shown.test(p.branchCode())).toList();
    var findings = cycles.findings(cycle.id()).stream().filter(f -> shown.test(f.branchCode())).toList();
    var results = assessments.assessments(cycle.id()).stream().filter(a -> shown.test(a.branchCode())).toList();
    var measures = assessments.measures(cycle.id()).stream().filter(m -> shown.test(m.branchCode())).toList();
    var reopened = reviews.reviews(cycle.id()).stream().filter(r -> shown.test(r.branchCode())).toList();
    var goalScores = this.goalScores.ofCycle(cycle.id()).stream().filter(g -> shown.test(g.branchCode())).toList();
    // the party group's and the committee's 述职 and result: for those who see the whole agency, in its whole ledger
    boolean agencyLevel = branch == null && shown.test(cycle.agencyId());
    var dutyReports = agencyLevel ? agencyAssessments.dutyReports(cycle.id()) : List.<AgencyAssessment.DutyReport>of();
    var agencyResult = agencyLevel ? agencyAssessments.result(cycle.id()) : Optional.<AgencyAssessment.Result>empty();
    var ownItems = items.stream().filter(i -> shown.test(i.branchCode())).toList();
    var ownRects = rects.stream().filter(r -> shown.test(r.branchCode())).toList();
    var supervisions = cycles.supervisions(cycle.id()).stream().filter(v -> shown.test(v.branchCode())).toList();
    var extensions = rectifications.extensionsOfCycle(cycle.id()).stream().filter(e -> shown.test(e.branchCode())).toList();
    Map<String, String> problems = rects.stream().collect(Collectors.toMap(RectificationLedger.Rectification::id,
        RectificationLedger.Rectification::problem));

    Map<String, String> people = organisation.userNames(Stream.of(Stream.of(cycle.startedBy()),
        pledges.stream().map(CycleLedger.Pledge::memberId), reports.stream().map(CycleLedger.Progress::reportedBy),
        findings.stream().map(CycleLedger.Finding::inspectedBy), measures.stream().map(AssessmentLedger.Measure::decidedBy),
        reopened.stream().map(ReviewLedger.Review::requestedBy), goalScores.stream().map(GoalScores.Row::scoredBy),
        agencyResult.stream().map(AgencyAssessment.Result::scoredBy),
        supervisions.stream().map(CycleLedger.Supervision::recordedBy),
        extensions.stream().flatMap(e -> Stream.of(e.requestedBy(), e.decidedBy())))
        .flatMap(s -> s).toList());
    java.util.function.Function<String, String> person = id -> id == null ? null : people.getOrDefault(id, id);
    java.util.function.Function<String, String> branchName = code -> branchNames.getOrDefault(code, code);

    List<Table> tables = new ArrayList<>();
    tables.add(new Table("目标体系", List.of("类别", "目标", "指标", "目标值", "权重"),
        cycles.goals(cycle.id()).stream().map(g -> row(CycleProcess.GOAL_CATEGORIES.getOrDefault(g.category(), g.category()),
            g.name(), g.indicator(), g.target(), g.weight())).toList()));
    tables.add(new Table("责任清单", List.of("支部", "目标", "责任措施", "重要节点", "节点日期", "状态", "签收时间"),
        ownItems.stream().map(i -> row(branchName.apply(i.branchCode()), i.goalName(), i.measures(), i.milestone(),
            day(i.milestoneDate()), i.signedAt() != null ? "已签收" : "待签收", minute(i.signedAt()))).toList()));
    tables.add(new Table("党员承诺", List.of("支部", "党员", "承诺事项", "党员先锋岗", "承诺时间"),
        pledges.stream().map(p -> row(branchName.apply(p.branchCode()), person.apply(p.memberId()), p.pledge(),
            p.pioneerPost() ? "是" : "否", minute(p.pledgedAt()))).toList()));
    tables.add(new Table("进展报告", List.of("支部", "轮次", "党建工作进展", "业务工作进展", "困难和问题", "报告人", "报告时间"),
        reports.stream().map(p -> row(branchName.apply(p.branchCode()), "第" + p.round() + "轮", p.partyProgress(),
            p.businessProgress(), p.difficulties(), person.apply(p.reportedBy()), minute(p.reportedAt()))).toList()));
    tables.add(new Table("督查发现", List.of("支部", "轮次", "督查情况", "结论", "问题描述", "督查人", "督查时间"),
        findings.stream().map(f -> row(branchName.apply(f.branchCode()), "第" + f.round() + "轮", f.findings(),
            f.problemsFound() ? "发现问题" : "未发现问题", f.problem(), person.apply(f.inspectedBy()),
            minute(f.inspectedAt()))).toList()));
    tables.add(new Table("整改", List.of("支部", "来源", "问题", "整改期限", "状态", "是否逾期", "发起时间", "销号时间"),
        ownRects.stream().map(r -> row(branchName.apply(r.branchCode()),
            RectificationProcess.SOURCES.getOrDefault(r.source(), r.source()), r.problem(), day(r.deadline()),
            r.verified() ? "已销号" : "open".equals(r.status()) ? "整改中" : "已终止", r.overdue() ? "曾逾期" : "否",
            minute(r.openedAt()), minute(r.verifiedAt()))).toList()));
    tables.add(new Table("整改延期", List.of("支部", "问题", "原期限", "申请期限", "延期理由", "申请人", "申请时间", "审批结果",
        "不同意理由", "审批人", "审批时间"),
        extensions.stream().map(e -> row(branchName.apply(e.branchCode()), problems.get(e.rectificationId()),
            day(e.deadlineBefore()), day(e.requestedDeadline()), e.reason(), person.apply(e.requestedBy()),
            minute(e.requestedAt()), EXTENSION_STATUS.getOrDefault(e.status(), e.status()), e.decisionNote(),
            person.apply(e.decidedBy()), minute(e.decidedAt()))).toList()));
    tables.add(new Table("催办督办", List.of("支部", "事项", "方式", "督办层级", "督办意见", "督办人", "时间"),
        supervisions.stream().map(v -> row(branchName.apply(v.branchCode()), SUPERVISED_STEPS.getOrDefault(v.step(), v.step()),
            "escalation".equals(v.kind()) ? "督办" : "催办", v.level() == null ? null : SUPERVISION_LEVELS.get(v.level()), v.note(),
            v.recordedBy() == null ? "系统自动催办" : person.apply(v.recordedBy()), minute(v.recordedAt()))).toList()));
    tables.add(new Table("考核结果", List.of("支部", "党建得分", "业务得分", "民主测评好评率（%）", "群众满意度", "一票否决", "综合得分", "等次", "党组审定"),
        results.stream().map(a -> row(branchName.apply(a.branchCode()), a.partyScore(), a.businessScore(),
            a.memberEvaluation(), a.publicSatisfaction(), a.veto() ? "是（" + a.vetoReason() + "）" : "否",
            a.weightedScore(), a.grade(), a.approved() ? "已审定" : "待审定")).toList()));
    tables.add(new Table("目标逐项评分", List.of("支部", "类别", "目标", "权重", "得分", "评分依据", "评分人", "评分时间"),
        goalScores.stream().map(g -> row(branchName.apply(g.branchCode()),
            CycleProcess.GOAL_CATEGORIES.getOrDefault(g.category(), g.category()), g.goalName(), g.weight(), g.score(),
            g.basis(), person.apply(g.scoredBy()), minute(g.scoredAt()))).toList()));
    tables.add(new Table("责任人述职", List.of("责任人", "事项序号", "目标", "重要节点", "履职情况", "述职报告", "述职时间"),
        dutyReports.stream().flatMap(d -> d.statements().stream().map(st -> row(d.ownerName(), st.itemNo(), st.goalName(),
            st.milestone(), st.statement(), d.summary(), minute(d.reportedAt())))).toList()));
    tables.add(new Table("机关层面考核", List.of("单位", "党建目标得分", "业务目标得分", "综合得分", "等次", "评分人", "登记时间"),
        agencyResult.stream().map(r -> row(AGENCY_LEVEL, r.partyScore(), r.businessScore(), r.weightedScore(), r.grade(),
            person.apply(r.scoredBy()), minute(r.recordedAt()))).toList()));
    tables.add(new Table("退回重评和申诉复核", List.of("支部", "缘由", "理由", "提出人", "提出时间", "原等次", "原综合得分",
        "复核后等次", "复核后综合得分", "评分说明（复核意见）", "办结时间"),
        reopened.stream().map(r -> row(branchName.apply(r.branchCode()), r.reviewKind().label, r.reason(),
            person.apply(r.requestedBy()), minute(r.requestedAt()), r.gradeBefore(), r.scoreBefore(), r.gradeAfter(),
            r.scoreAfter(), r.note(), minute(r.decidedAt()))).toList()));
    tables.add(new Table("问责措施", List.of("支部", "等次", "建议措施", "决定措施", "理由", "决定人", "决定时间"),
        measures.stream().map(m -> row(branchName.apply(m.branchCode()), m.grade(), MeasureLabels.label(m.suggestedMeasure()),
            MeasureLabels.label(m.measure()), m.reason(), person.apply(m.decidedBy()), minute(m.decidedAt()))).toList()));

    String agencyName = organisation.agencyNames(List.of(cycle.agencyId())).getOrDefault(cycle.agencyId(), cycle.agencyId());
    return Optional.of(new LedgerReport(agencyName, cycle.name(), day(cycle.periodStart()) + " 至 " + day(cycle.periodEnd()),
        branch == null ? null : branchName.apply(branch), cycle.closed() ? "已结束" : "进行中",
        Objects.toString(person.apply(cycle.startedBy()), "—"), MINUTE.format(ZonedDateTime.now(clock)), tables));
  }

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  private static String day(LocalDate date) {
    return date == null ? null : DAY.format(date);
  }

  private String minute(Timestamp at) {
    return at == null ? null : MINUTE.format(at.toInstant().atZone(clock.getZone()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
