package cn.liutong.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import cn.liutong.assessment.AgencyAssessment;
import cn.liutong.assessment.AssessmentLedger;
import cn.liutong.assessment.AssessmentLedger.GradeTotal;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.cycle.CycleLedger.Cycle;
import cn.liutong.cycle.Stage;
import cn.liutong.dashboard.CityOverview.AgencyResult;
import cn.liutong.dashboard.CityOverview.GradeShare;
import cn.liutong.dashboard.CityOverview.QuarterRow;
import cn.liutong.dashboard.CityOverview.StageShare;
import cn.liutong.dashboard.CycleRuntime.Progress;
import cn.liutong.export.LedgerExport.Download;
import cn.liutong.export.LedgerReport.Table;
import cn.liutong.export.Spreadsheets;
import cn.liutong.milestone.Milestones;
import cn.liutong.milestone.Milestones.ItemCounts;
import cn.liutong.rectification.RectificationLedger;
import cn.liutong.rectification.RectificationLedger.CycleCounts;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;
import cn.liutong.organisation.Visibility;
import cn.liutong.system.EngineClock;
import cn.liutong.system.Quarters;

/**
 * The city committee's (机关工委) overview of every agency for one year, behind both doors ({@code /api/city} and
 * the Cockpit plugin), and its export for 综合考核. Only the city committee and administrators are answered.
 * Every count is one SQL aggregate for all agencies at once, asked of the ledger that keeps the table
 * (items and their progress, inspections, rectifications, results); where a running cycle stands comes from the
 * engine's runtime, read without the caller's authorizations (the city committee holds none on any agency's
 * processes) and only for the one cycle of each agency.
 */
@Service
public class CityOverviewService {

  static final String FORBIDDEN = "仅市直机关工委和系统管理员可查看各机关的汇总与排名";
  static final String BAD_YEAR = "年度须为四位数字的年份，如2026";
  private static final String NOT_STARTED = "本年度未启动";
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int FIRST_YEAR = 2000;

  /** The caller may not see the overview (403) or asked for a year there is none of (400, 404). */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String reason) {
      super(reason);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Visibility visibility;
  private final CycleLedger cycles;
  private final AssessmentLedger assessments;
  private final AgencyAssessment agencyAssessments;
  private final OrganisationDirectory organisation;
  private final CycleRuntime runtime;
  private final RectificationLedger rectifications;
  private final Milestones milestones;
  private final WebappLinks links;
  private final EngineClock clock;

  CityOverviewService(Visibility visibility, CycleLedger cycles, AssessmentLedger assessments,
      AgencyAssessment agencyAssessments, OrganisationDirectory organisation, CycleRuntime runtime, RectificationLedger rectifications,
      Milestones milestones, WebappLinks links, EngineClock clock) {
    this.visibility = visibility;
    this.cycles = cycles;
    this.assessments = assessments;
    this.agencyAssessments = agencyAssessments;
    this.organisation = organisation;
    this.runtime = runtime;
    this.rectifications = rectifications;
    this.milestones = milestones;
    this.links = links;
    this.clock = clock;
  }

  /**
   * @param year four digits; blank for this year
   * @throws Refused 403 for anyone but the city committee and administrators, 400 for a year that is not one,
   *     404 for a year in which no agency has a cycle
   */
  public CityOverview overview(String year) {
    int asked = year(year);
    Set<String> agencies = visibility.dashboardScope().agencies();
    return runtime.unrestricted(() -> build(asked, agencies));
  }

  /** The overview of the year as a workbook for 综合考核: one row per agency, the quarters, each agency's branches. */
  public Download results(String year) {
    CityOverview overview = overview(year);
    List<Table> tables = new ArrayList<>();
    tables.add(new Table("各机关考核结果", List.of("排名", "机关", "机关代码", "融合工作周期", "周期状态", "当前阶段", "责任事项",
        "已签收", "已完成", "第一季度督查", "第二季度督查", "第三季度督查", "第四季度督查", "整改总数", "整改在办", "整改逾期",
        "考核支部数", "党组已审定", "平均综合得分", "优秀", "良好", "一般", "较差"),
        overview.agencies().stream().map(CityOverviewService::resultRow).toList()));
    tables.add(new Table("季度督查汇总", List.of("季度", "机关", "机关代码", "督查次数", "发现问题", "整改立项", "整改销号", "整改逾期"),
        overview.quarters().stream().map(q -> List.<Object>of(q.label(), q.agencyName(), q.agencyId(), q.inspections(),
            q.problemsFound(), q.rectificationsOpened(), q.rectificationsClosed(), q.rectificationsOverdue())).toList()));
    // the agencies' own levels (党组、机关党委责任事项), as their committees scored them
    tables.add(new Table("机关层面考核", List.of("机关", "机关代码", "党建目标得分", "业务目标得分", "综合得分", "等次"),
        overview.agencies().stream().filter(a -> a.cycleId() != null)
            .flatMap(a -> agencyAssessments.result(a.cycleId()).stream().map(r -> List.<Object>of(a.agencyName(),
                a.agencyId(), r.partyScore(), r.businessScore(), r.weightedScore(), r.grade())))
            .toList()));
    // a sheet per assessed agency: its branches best first (one ledger read per agency)
    overview.agencies().stream().filter(a -> a.assessed() > 0).forEach(a -> tables.add(new Table(
        a.agencyName() + "支部等次", List.of("支部", "综合得分", "等次", "党组审定"),
        assessments.assessments(a.cycleId()).stream()
            .sorted(Comparator.comparing(AssessmentLedger.Assessment::weightedScore).reversed()
                .thenComparing(AssessmentLedger.Assessment::branchCode))
            .map(r -> List.<Object>of(r.branchName(), r.weightedScore(), r.grade(), r.approved() ? "已审定" : "待审定"))
            .toList())));
    String stem = overview.year() + "年度各机关党建与业务融合工作考核结果";
    return Spreadsheets.xlsx(stem, overview.year() + "年度各机关党建与业务融合工作考核结果（综合考核）",
        List.of(List.of("年度", overview.year() + "年"), List.of("机关数", String.valueOf(overview.agencies().size())),
            List.of("排名依据", "各机关考核支部的平均综合得分，从高到低；得分相同名次相同"),
            List.of("导出时间", overview.generatedAt())), tables);
  }

  private int year(String year) {
    if (!visibility.overseesAllAgencies()) {
      throw new Refused(403, FORBIDDEN);
    }
    int thisYear = clock.today().getYear();
    if (year == null || year.isBlank()) {
      return thisYear;
    }
    if (!year.strip().matches("\\d{4}")) {
      throw new Refused(400, BAD_YEAR);
    }
    int asked = Integer.parseInt(year.strip());
    if (asked < FIRST_YEAR || asked > thisYear + 1) {
      throw new Refused(400, "年度须在" + FIRST_YEAR + "年至" + (thisYear + 1) + "年之间");
    }
    return asked;
  }

  private CityOverview build(int year, Set<String> agencyIds) {
    Map<String, Cycle> ofYear = new LinkedHashMap<>();
    if (!agencyIds.isEmpty()) {
      // newest first: an agency's first cycle of the year is its latest
      cycles.cycles(agencyIds).stream().filter(c -> c.periodStart().getYear() == year)
          .forEach(c -> ofYear.putIfAbsent(c.agencyId(), c));
    }
    if (ofYear.isEmpty()) {
      throw new Refused(404, year + "年度没有任何机关的融合工作周期");
    }
    Set<String> cycleIds = ofYear.values().stream().map(Cycle::id).collect(Collectors.toSet());
    Map<String, ItemCounts> items = byCycle(milestones.counts(cycleIds), ItemCounts::cycleId);
    Map<String, CycleCounts> rects = byCycle(rectifications.countsOfCycles(cycleIds), CycleCounts::cycleId);
    Map<String, List<GradeTotal>> grades = assessments.gradesOfCycles(cycleIds).stream()
        .collect(Collectors.groupingBy(GradeTotal::cycleId));
    Map<String, QuarterRow> quarters = quarters(year);
    Map<String, String> names = runtime.agencyNames(agencyIds);

    List<AgencyResult> rows = new ArrayList<>();
    for (String agencyId : agencyIds) {
      Cycle cycle = ofYear.get(agencyId);
      String name = names.getOrDefault(agencyId, agencyId);
      List<Integer> inspections = List.of(1, 2, 3, 4).stream()
          .map(q -> quarters.containsKey(agencyId + "#" + q) ? quarters.get(agencyId + "#" + q).inspections() : 0).toList();
      if (cycle == null) {
        rows.add(new AgencyResult(null, agencyId, name, null, null, NOT_STARTED, null, null, List.of(), 0, 0, 0,
            inspections, 0, 0, 0, 0, 0, null, gradeShares(List.of()), null));
        continue;
      }
      ItemCounts item = items.getOrDefault(cycle.id(), new ItemCounts(cycle.id(), 0, 0, 0));
      CycleCounts rect = rects.getOrDefault(cycle.id(), new CycleCounts(cycle.id(), 0, 0, 0, 0));
      List<GradeTotal> own = grades.getOrDefault(cycle.id(), List.of());
      int assessed = own.stream().mapToInt(GradeTotal::branches).sum();
      BigDecimal average = assessed == 0 ? null : own.stream().map(GradeTotal::scoreSum)
          .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(assessed), 1, RoundingMode.HALF_UP);
      Map<Stage, Integer> stages = stages(cycle);
      Stage slowest = cycle.closed() ? Stage.CLOSED : stages.keySet().stream().min(Comparator.naturalOrder()).orElse(null);
      String status = cycle.closed() ? "已结束" : stages.isEmpty() ? "已终止" : "进行中";
      rows.add(new AgencyResult(null, agencyId, name, cycle.id(), cycle.name(), status,
          slowest == null ? null : slowest.key(), slowest == null ? null : slowest.label(),
          stages.entrySet().stream().map(e -> new StageShare(e.getKey().key(), e.getKey().label(), e.getValue())).toList(),
          item.items(), item.signed(), item.done(), inspections, rect.total(), rect.open(), rect.overdue(), assessed,
          own.stream().mapToInt(GradeTotal::approved).sum(), average, gradeShares(own),
          links.dashboard(cycle.id())));
    }
    List<AgencyResult> ranked = rank(rows);
    List<QuarterRow> quarterRows = new ArrayList<>();
    for (AgencyResult agency : ranked) {
      for (int q = 1; q <= 4; q++) {
        QuarterRow found = quarters.getOrDefault(agency.agencyId() + "#" + q, quarterRow(year, q, agency.agencyId()));
        quarterRows.add(new QuarterRow(q, found.label(), agency.agencyId(), agency.agencyName(), found.inspections(),
            found.problemsFound(), found.rectificationsOpened(), found.rectificationsClosed(),
            found.rectificationsOverdue()));
      }
    }
    return new CityOverview(year, MINUTE.format(clock.instant().atZone(clock.getZone())), ranked, quarterRows);
  }

  /** Every agency's inspections and rectifications per quarter of the year, by "agency#quarter". */
  private Map<String, QuarterRow> quarters(int year) {
    Quarters quarters = Quarters.of(year, clock.getZone());
    Map<String, QuarterRow> rows = new HashMap<>();
    cycles.inspectionsByQuarter(quarters).forEach(i -> rows.merge(i.agencyId() + "#" + i.quarter(),
        new QuarterRow(i.quarter(), null, i.agencyId(), null, i.inspections(), i.problemsFound(), 0, 0, 0),
        CityOverviewService::sum));
    rectifications.byQuarter(quarters).forEach(r -> rows.merge(r.agencyId() + "#" + r.quarter(),
        new QuarterRow(r.quarter(), null, r.agencyId(), null, 0, 0, r.opened(), r.closed(), r.overdue()),
        CityOverviewService::sum));
    rows.replaceAll((key, row) -> sum(quarterRow(year, row.quarter(), row.agencyId()), row));
    return rows;
  }

  private static QuarterRow quarterRow(int year, int quarter, String agencyId) {
    return new QuarterRow(quarter, year + "年第" + "一二三四".charAt(quarter - 1) + "季度", agencyId, null, 0, 0, 0, 0, 0);
  }

  /** The counts of both; the label of the first that has one. */
  private static QuarterRow sum(QuarterRow a, QuarterRow b) {
    return new QuarterRow(a.quarter(), a.label() != null ? a.label() : b.label(), a.agencyId(), null,
        a.inspections() + b.inspections(), a.problemsFound() + b.problemsFound(),
        a.rectificationsOpened() + b.rectificationsOpened(), a.rectificationsClosed() + b.rectificationsClosed(),
        a.rectificationsOverdue() + b.rectificationsOverdue());
  }

  /** The branches of a running cycle by the stage each stands in; empty for a cycle that does not run. */
  private Map<Stage, Integer> stages(Cycle cycle) {
    Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
    Progress progress = cycle.closed() ? Progress.NOT_RUNNING : runtime.progress(cycle.id());
    if (!progress.running()) {
      return counts;
    }
    List<BranchRef> branches = runtime.participants(cycle.id());
    if (branches.isEmpty()) {
      branches = organisation.branches(cycle.agencyId());
    }
    branches.stream().map(b -> progress.of(b.code()).stage()).filter(Objects::nonNull)
        .forEach(stage -> counts.merge(stage, 1, Integer::sum));
    return counts;
  }

  /** Competition ranking by average score, best first; agencies without results after them, by id. */
  private static List<AgencyResult> rank(List<AgencyResult> rows) {
    List<AgencyResult> scored = rows.stream().filter(r -> r.averageScore() != null)
        .sorted(Comparator.comparing(AgencyResult::averageScore).reversed().thenComparing(AgencyResult::agencyId)).toList();
    List<AgencyResult> ranked = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      AgencyResult r = scored.get(i);
      boolean tie = i > 0 && r.averageScore().compareTo(scored.get(i - 1).averageScore()) == 0;
      ranked.add(withRank(r, tie ? ranked.get(i - 1).rank() : i + 1));
    }
    rows.stream().filter(r -> r.averageScore() == null)
        .sorted(Comparator.comparing((AgencyResult r) -> r.cycleId() == null).thenComparing(AgencyResult::agencyId))
        .forEach(ranked::add);
    return ranked;
  }

  private static AgencyResult withRank(AgencyResult r, int rank) {
    return new AgencyResult(rank, r.agencyId(), r.agencyName(), r.cycleId(), r.cycleName(), r.statusLabel(), r.stage(),
        r.stageLabel(), r.stages(), r.items(), r.itemsSigned(), r.itemsDone(), r.inspectionsByQuarter(),
        r.rectifications(), r.rectificationsOpen(), r.rectificationsOverdue(), r.assessed(), r.approved(),
        r.averageScore(), r.grades(), r.href());
  }

  /** Every grade of the decision in order, then any other grade the results hold. */
  private static List<GradeShare> gradeShares(List<GradeTotal> grades) {
    Set<String> all = new LinkedHashSet<>(DashboardService.GRADES);
    grades.forEach(g -> all.add(g.grade()));
    return all.stream().map(grade -> new GradeShare(grade, grades.stream().filter(g -> grade.equals(g.grade()))
        .mapToInt(GradeTotal::branches).sum())).toList();
  }

  private static List<Object> resultRow(AgencyResult a) {
    List<Object> row = new ArrayList<>(List.of(a.rank() == null ? "" : a.rank(), a.agencyName(), a.agencyId(),
        Objects.toString(a.cycleName(), ""), a.statusLabel(), Objects.toString(a.stageLabel(), ""), a.items(),
        a.itemsSigned(), a.itemsDone()));
    row.addAll(a.inspectionsByQuarter());
    row.addAll(List.of(a.rectifications(), a.rectificationsOpen(), a.rectificationsOverdue(), a.assessed(), a.approved()));
    row.add(a.averageScore());
    a.grades().stream().filter(g -> DashboardService.GRADES.contains(g.grade())).forEach(g -> row.add(g.branches()));
    return row;
  }

  private static <T> Map<String, T> byCycle(List<T> rows, Function<T, String> cycleId) {
    return rows.stream().collect(Collectors.toMap(cycleId, r -> r));
  }
}
