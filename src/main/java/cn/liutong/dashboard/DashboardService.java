package cn.liutong.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

import cn.liutong.assessment.AssessmentLedger.Assessment;
import cn.liutong.assessment.AssessmentLedger;
import cn.liutong.assessment.MeasureLabels;
import cn.liutong.cycle.CycleLedger.Cycle;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.dashboard.CycleRuntime.Position;
import cn.liutong.dashboard.CycleRuntime.Progress;
import cn.liutong.dashboard.Dashboard.BranchRow;
import cn.liutong.dashboard.Dashboard.CycleRef;
import cn.liutong.dashboard.Dashboard.Figure;
import cn.liutong.dashboard.Dashboard.GradeCount;
import cn.liutong.dashboard.Dashboard.LateBranch;
import cn.liutong.dashboard.Dashboard.LateTask;
import cn.liutong.dashboard.Dashboard.Lights;
import cn.liutong.dashboard.Dashboard.Link;
import cn.liutong.dashboard.Dashboard.Option;
import cn.liutong.dashboard.Dashboard.Overdue;
import cn.liutong.dashboard.Dashboard.Proceeded;
import cn.liutong.dashboard.Dashboard.Ranked;
import cn.liutong.dashboard.Dashboard.Rectifications;
import cn.liutong.dashboard.Dashboard.StageCount;
import cn.liutong.assessment.AssessmentProcess;
import cn.liutong.cycle.Stage;
import cn.liutong.meeting.MeetingLedger;
import cn.liutong.milestone.Light;
import cn.liutong.milestone.Milestones;
import cn.liutong.milestone.Milestones.ItemLight;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.OrganisationDirectory.BranchRef;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.organisation.TaskTitles;
import cn.liutong.organisation.Visibility;
import cn.liutong.rectification.RectificationLedger.Rectification;
import cn.liutong.rectification.RectificationLedger;
import cn.liutong.rectification.RectificationProcess;
import cn.liutong.system.EngineClock;
import cn.liutong.taskaction.TaskAction;
import cn.liutong.taskaction.TaskActionLedger;
import cn.liutong.vanguard.VanguardLedger;
import cn.liutong.vanguard.VanguardProcess;

/**
 * The numbers of the 六同看板, computed once for both doors (the Cockpit plugin and {@code /api/dashboard}):
 * from the ledger and the engine's runtime, never from history tables. The caller sees what the ledger
 * API shows them: their own agencies; branch rows when they see the whole agency or act for the branch. The
 * city committee (机关工委) sees every agency whole here ({@link Visibility#dashboardScope()}), and nothing more.
 */
@Service
public class DashboardService {

  /** The grades of the assessment decision, best first; another grade the table may yield is added after. */
  static final List<String> GRADES = AssessmentProcess.GRADES;

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final String RUNNING = "进行中";
  private static final String CLOSED = "已结束";
  /** A branch detached during the cycle (organisation import or Camunda Admin): its part ended there. */
  static final String DETACHED = "支部已撤销，不再参加本周期后续阶段";

  private final Visibility visibility;
  private final CycleLedger cycles;
  private final AssessmentLedger assessments;
  private final RectificationLedger rectifications;
  private final OrganisationDirectory organisation;
  private final CycleRuntime runtime;
  private final WebappLinks links;
  private final VanguardLedger vanguard;
  private final MeetingLedger meetingLedger;
  private final EngineClock clock;
  private final Milestones milestones;
  private final TaskActionLedger taskActions;

  DashboardService(Visibility visibility, CycleLedger cycles, AssessmentLedger assessments,
      RectificationLedger rectifications, OrganisationDirectory organisation, CycleRuntime runtime, WebappLinks links,
      VanguardLedger vanguard, MeetingLedger meetingLedger, EngineClock clock, Milestones milestones,
      TaskActionLedger taskActions) {
    this.milestones = milestones;
    this.taskActions = taskActions;
    this.assessments = assessments;
    this.clock = clock;
    this.vanguard = vanguard;
    this.meetingLedger = meetingLedger;
    this.visibility = visibility;
    this.cycles = cycles;
    this.rectifications = rectifications;
    this.organisation = organisation;
    this.runtime = runtime;
    this.links = links;
  }

  public String engineName() {
    return runtime.engineName();
  }

  /**
   * The dashboard of an agency's cycle; without a cycle the agency's latest, without an agency the latest
   * cycle the caller sees. Empty when the caller may not see what they asked for (or it does not exist):
   * both doors answer 404 and say nothing more.
   */
  public Optional<Dashboard> dashboard(String agencyId, String cycleId) {
    Scope scope = visibility.dashboardScope();
    Scope ledger = visibility.scope();
    Authentication caller = runtime.caller();
    return runtime.unrestricted(() -> build(scope, caller, blankToNull(agencyId), blankToNull(cycleId)))
        .map(board -> board.withLedgerExport(board.agencyId() != null && ledger.seesCycleOf(board.agencyId())));
  }

  /**
   * One branch's work in a cycle. Empty, as for a missing one, when the caller may not see the cycle's
   * agency or this branch's rows (a secretary sees their own branches, a member none), or when the
   * branch takes no part in the cycle.
   */
  public Optional<BranchDetail> branch(String cycleId, String branchCode) {
    Scope scope = visibility.dashboardScope();
    Scope ledger = visibility.scope();
    Authentication caller = runtime.caller();
    if (blankToNull(cycleId) == null || blankToNull(branchCode) == null) {
      return Optional.empty();
    }
    return runtime.unrestricted(() -> {
      Cycle cycle = cycles.cycle(cycleId);
      if (cycle == null || !scope.seesCycleOf(cycle.agencyId()) || !scope.seesBranch(cycle.agencyId(), branchCode)) {
        return Optional.empty();
      }
      Map<String, String> agencyNames = runtime.agencyNames(List.of(cycle.agencyId()));
      return new Board(scope, caller, cycle, ClockUtil.getCurrentTime()).branch(branchCode, agencyNames)
          .map(page -> page.withLedgerExport(ledger.seesBranch(cycle.agencyId(), branchCode)));
    });
  }

  private Optional<Dashboard> build(Scope scope, Authentication caller, String agencyId, String cycleId) {
    List<Cycle> visibleCycles = scope.agencies().isEmpty() ? List.of() : cycles.cycles(scope.agencies());
    Cycle cycle;
    if (cycleId != null) {
      cycle = cycles.cycle(cycleId);
      if (cycle == null || !scope.seesCycleOf(cycle.agencyId())
          || (agencyId != null && !agencyId.equals(cycle.agencyId()))) {
        return Optional.empty();
      }
    } else if (agencyId != null) {
      if (!scope.seesCycleOf(agencyId)) {
        return Optional.empty();
      }
      cycle = visibleCycles.stream().filter(c -> c.agencyId().equals(agencyId)).findFirst().orElse(null);
    } else {
      cycle = visibleCycles.isEmpty() ? null : visibleCycles.get(0);
    }

    Map<String, String> agencyNames = runtime.agencyNames(scope.agencies());
    List<Option> agencies = scope.agencies().stream().sorted()
        .map(id -> new Option(id, agencyNames.getOrDefault(id, id))).toList();
    List<CycleRef> cycleRefs = visibleCycles.stream()
        .map(c -> ref(c, agencyNames, c.closed() ? CLOSED : RUNNING)).toList();
    Date now = ClockUtil.getCurrentTime();
    if (cycle == null) {
      String agency = agencyId != null ? agencyId : agencies.isEmpty() ? null : agencies.get(0).id();
      return Optional.of(new Dashboard(agency, agencies, cycleRefs, null, minute(now), stageCounts(List.of()),
          List.of(), new Overdue(Figure.of(List.of()), Figure.of(List.of()), List.of(), List.of(), List.of()),
          new Rectifications(Figure.of(List.of()), Figure.of(List.of()), Figure.of(List.of()), Figure.of(List.of())),
          gradeCounts(List.of(), Map.of()), List.of(), Lights.NONE, false));
    }
    return Optional.of(new Board(scope, caller, cycle, now).dashboard(agencies, cycleRefs, agencyNames));
  }

  private CycleRef ref(Cycle cycle, Map<String, String> agencyNames, String statusLabel) {
    return new CycleRef(cycle.id(), cycle.agencyId(), agencyNames.getOrDefault(cycle.agencyId(), cycle.agencyId()),
        cycle.name(), cycle.status(), statusLabel, String.valueOf(cycle.periodStart()), String.valueOf(cycle.periodEnd()),
        cycle.closed() ? null : links.processInstance(cycle.id()));
  }

  /** One cycle as one caller sees it at one moment. */
  private final class Board {
    private final Scope scope;
    private final Authentication caller;
    private final Cycle cycle;
    private final Date now;
    private final Progress progress;
    private final Map<String, String> branchNames = new LinkedHashMap<>();
    /** Branches detached while the cycle runs: their row stays, at the end of their part. */
    private final Set<String> detached = new HashSet<>();

    Board(Scope scope, Authentication caller, Cycle cycle, Date now) {
      this.scope = scope;
      this.caller = caller;
      this.cycle = cycle;
      this.now = now;
      this.progress = cycle.closed() ? Progress.NOT_RUNNING : runtime.progress(cycle.id());
    }

    Dashboard dashboard(List<Option> agencies, List<CycleRef> cycleRefs, Map<String, String> agencyNames) {
      participants().forEach(b -> branchNames.put(b.code(), b.name()));
      List<String> shown = branchNames.keySet().stream().filter(this::seesBranch).toList();

      List<Rectification> rects = rectifications.ofCycle(cycle.id()).stream()
          .filter(r -> seesBranch(r.branchCode())).toList();
      rects.forEach(r -> branchNames.putIfAbsent(r.branchCode(), r.branchName()));
      Set<String> runningRects = runtime.running(rects.stream().map(Rectification::processInstanceId)
          .filter(Objects::nonNull).toList());
      List<LateTask> late = lateTasks(rects, runningRects);
      List<Assessment> results = assessments.assessments(cycle.id()).stream()
          .filter(a -> seesBranch(a.branchCode())).toList();
      Map<String, Integer> ranks = ranks(results);
      List<ItemLight> lights = milestones.ofCycle(cycle.id()).stream().filter(l -> seesBranch(l.branchCode())).toList();

      Map<String, Position> positions = new LinkedHashMap<>();
      shown.forEach(code -> positions.put(code, position(code)));
      Map<String, String> hrefs = new HashMap<>();
      branchNames.keySet().forEach(code -> hrefs.put(code, links.branch(cycle.id(), code)));

      List<BranchRow> rows = new ArrayList<>();
      for (String code : shown) {
        Position position = positions.get(code);
        List<LateTask> own = late.stream().filter(t -> code.equals(t.branchCode())).toList();
        Assessment result = results.stream().filter(a -> a.branchCode().equals(code)).findFirst().orElse(null);
        List<Rectification> ownRects = rects.stream().filter(r -> r.branchCode().equals(code)).toList();
        rows.add(new BranchRow(code, branchNames.get(code), key(position.stage()), label(position.stage()),
            position.steps(), position.waiting(), hrefs.get(code), taskFigure(own), maxDays(own),
            rectFigure(ownRects, r -> true, runningRects), rectFigure(ownRects, r -> !r.verified(), runningRects),
            rectFigure(ownRects, Rectification::verified, runningRects),
            rectFigure(ownRects, Rectification::overdue, runningRects),
            result == null ? null : result.grade(), result == null ? null : result.weightedScore(), ranks.get(code),
            lights(lights.stream().filter(l -> code.equals(l.branchCode())).toList())));
      }

      List<StageCount> stages = stageCounts(rows);
      CycleRef ref = ref(cycle, agencyNames, cycle.closed() ? CLOSED : progress.running() ? RUNNING : "已终止");
      List<Ranked> ranking = results.stream()
          .sorted(Comparator.comparing(Assessment::weightedScore).reversed().thenComparing(Assessment::branchCode))
          .map(a -> new Ranked(ranks.get(a.branchCode()), a.branchCode(), a.branchName(), a.weightedScore(), a.grade(),
              a.approved(), hrefs.get(a.branchCode())))
          .toList();
      return new Dashboard(cycle.agencyId(), agencies, cycleRefs, ref, minute(now), stages, rows,
          overdue(late, proceeded().stream().filter(p -> seesBranch(p.branchCode())).toList()),
          new Rectifications(rectFigure(rects, r -> true, runningRects), rectFigure(rects, r -> !r.verified(), runningRects),
              rectFigure(rects, Rectification::verified, runningRects), rectFigure(rects, Rectification::overdue, runningRects)),
          gradeCounts(results, hrefs), ranking, lights(lights), false);
    }

    /**
     * The branches taking part: fixed at decomposition while the cycle runs (with those detached since, which keep
     * their row as 已撤销), else as the ledger recorded them.
     */
    private List<BranchRef> participants() {
      if (progress.running()) {
        List<BranchRef> fixed = runtime.participants(cycle.id());
        if (fixed.isEmpty()) {
          return organisation.branches(cycle.agencyId());
        }
        Set<String> codes = fixed.stream().map(BranchRef::code).collect(Collectors.toSet());
        Map<String, String> detached = new TreeMap<>();
        cycles.items(cycle.id()).stream().filter(i -> i.ofBranch() && !codes.contains(i.branchCode()))
            .forEach(i -> detached.putIfAbsent(i.branchCode(), i.branchName()));
        this.detached.addAll(detached.keySet());
        return Stream.concat(fixed.stream(), detached.entrySet().stream().map(e -> new BranchRef(e.getKey(), e.getValue())))
            .toList();
      }
      Map<String, String> recorded = new TreeMap<>();
      cycles.items(cycle.id()).stream().filter(CycleLedger.Item::ofBranch)
          .forEach(i -> recorded.putIfAbsent(i.branchCode(), i.branchName()));
      assessments.assessments(cycle.id()).forEach(a -> recorded.putIfAbsent(a.branchCode(), a.branchName()));
      if (recorded.isEmpty()) {
        return organisation.branches(cycle.agencyId());
      }
      return recorded.entrySet().stream().map(e -> new BranchRef(e.getKey(), e.getValue())).toList();
    }

    private Position position(String branchCode) {
      if (!progress.running()) {
        return new Position(Stage.CLOSED, List.of(cycle.closed() ? "周期已结束" : "流程实例已不在运行"), false, null, null);
      }
      if (detached.contains(branchCode)) {
        return new Position(Stage.CLOSED, List.of(DETACHED), false, null, null);
      }
      return progress.of(branchCode);
    }

    /** The branch's page: where it stands and what it has done, from the ledger, the runtime where it runs. */
    Optional<BranchDetail> branch(String code, Map<String, String> agencyNames) {
      participants().forEach(b -> branchNames.put(b.code(), b.name()));
      List<Rectification> rects = rectifications.ofCycle(cycle.id()).stream()
          .filter(r -> code.equals(r.branchCode())).toList();
      List<CycleLedger.Item> items = cycles.items(cycle.id()).stream().filter(i -> code.equals(i.branchCode())).toList();
      // the same items in the same order (the list's position): the lights carry what was reported on each
      List<ItemLight> lights = milestones.ofCycle(cycle.id()).stream().filter(l -> code.equals(l.branchCode())).toList();
      if (!branchNames.containsKey(code) && rects.isEmpty() && items.isEmpty()) {
        return Optional.empty();
      }
      if (!branchNames.containsKey(code)) {
        branchNames.put(code, rects.isEmpty() ? items.get(0).branchName() : rects.get(0).branchName());
      }
      Set<String> runningRects = runtime.running(rects.stream().map(Rectification::processInstanceId)
          .filter(Objects::nonNull).toList());
      String here = links.branch(cycle.id(), code);
      List<LateTask> late = lateTasks(rects, runningRects).stream().filter(t -> code.equals(t.branchCode()))
          .map(t -> here.equals(t.href()) ? withoutLink(t) : t).toList();

      List<CycleLedger.Progress> reports = cycles.progressReports(cycle.id()).stream()
          .filter(r -> code.equals(r.branchCode())).toList();
      List<CycleLedger.Finding> findings = cycles.findings(cycle.id()).stream()
          .filter(f -> code.equals(f.branchCode())).toList();
      Set<String> people = new LinkedHashSet<>();
      reports.forEach(r -> people.add(r.reportedBy()));
      findings.forEach(f -> people.add(f.inspectedBy()));
      Map<String, String> names = runtime.userNames(people);
      Map<String, List<String>> openSteps = runtime.openSteps(runningRects);

      Position position = position(code);
      Assessment assessment = assessments.assessment(cycle.id(), code);
      AssessmentLedger.Measure measure = assessments.measures(cycle.id()).stream().filter(m -> code.equals(m.branchCode()))
          .findFirst().orElse(null);
      CycleRef ref = ref(cycle, agencyNames, cycle.closed() ? CLOSED : progress.running() ? RUNNING : "已终止");
      return Optional.of(new BranchDetail(code, branchNames.get(code), ref, minute(now), key(position.stage()),
          label(position.stage()), position.steps(), position.waiting(), links.dashboard(cycle.id()),
          itemRows(items, lights),
          reports.stream().map(r -> new BranchDetail.Report(r.round(), r.partyProgress(), r.businessProgress(),
              r.difficulties(), person(names, r.reportedBy()), minute(r.reportedAt()))).toList(),
          findings.stream().map(f -> new BranchDetail.Finding(f.round(), f.findings(), f.problemsFound(), f.problem(),
              person(names, f.inspectedBy()), minute(f.inspectedAt()))).toList(),
          late, proceeded().stream().filter(p -> code.equals(p.branchCode())).toList(),
          rects.stream().map(r -> new BranchDetail.Rectification(r.problem(),
              RectificationProcess.SOURCES.getOrDefault(r.source(), r.source()), String.valueOf(r.deadline()),
              r.verified() ? "已销号" : runningRects.contains(r.processInstanceId()) ? "整改中" : "已终止", r.overdue(),
              openSteps.getOrDefault(r.processInstanceId(), List.of()))).toList(),
          assessment == null ? null : new BranchDetail.Result(assessment.grade(), assessment.weightedScore(),
              assessment.approved(), measure == null ? null
                  : MeasureLabels.label(measure.measure() != null ? measure.measure() : measure.suggestedMeasure())),
          vanguardPosts(code), meetings(code), lights(lights), false));
    }

    /** The branch's items with their lights; an item the lights do not know (none expected) shows none. */
    private List<BranchDetail.Item> itemRows(List<CycleLedger.Item> items, List<ItemLight> lights) {
      List<BranchDetail.Item> rows = new ArrayList<>();
      for (int n = 0; n < items.size(); n++) {
        CycleLedger.Item i = items.get(n);
        ItemLight l = lights.size() == items.size() ? lights.get(n) : null;
        Light light = l == null ? null : l.light();
        rows.add(new BranchDetail.Item(l == null ? 0 : l.itemNo(), i.goalName(), i.measures(), i.milestone(),
            i.milestoneDate() == null ? null : i.milestoneDate().toString(), i.signedAt() == null ? null : minute(i.signedAt()),
            light == null ? null : light.key(), light == null ? null : light.label(), light == null ? null : light.colour(),
            l == null ? null : l.statusLabel(), l == null ? null : l.note(), l == null ? null : minute(l.reportedAt())));
      }
      return rows;
    }

    /** The items by light, each linking to its branch's page. */
    private Lights lights(List<ItemLight> lights) {
      return new Lights(lightFigure(lights, Light.DONE), lightFigure(lights, Light.ON_TRACK),
          lightFigure(lights, Light.DUE_SOON), lightFigure(lights, Light.OVERDUE));
    }

    private Figure lightFigure(List<ItemLight> lights, Light light) {
      return Figure.of(lights.stream().filter(l -> l.light() == light).map(l -> new Link(l.branchName() + "：第"
          + l.itemNo() + "项 " + l.milestone() + "（" + l.milestoneDate() + "，" + l.statusLabel() + "）",
          links.branch(cycle.id(), l.branchCode()))).toList());
    }

    /** The branch's posts with their holders' 践诺 reports of this cycle. */
    private List<BranchDetail.VanguardPost> vanguardPosts(String code) {
      Map<String, List<String>> reports = new HashMap<>();
      vanguard.fulfilmentsInCycle(cycle.id()).forEach(f -> reports.computeIfAbsent(f.postId(), id -> new ArrayList<>())
          .add("第" + f.inspectionRound() + "轮（" + minute(f.reportedAt()) + "）：" + f.report()));
      return vanguard.ofBranch(code).stream().map(p -> new BranchDetail.VanguardPost(
          VanguardProcess.POST_TYPES.getOrDefault(p.postType(), p.postType()), p.postName(), p.memberName(),
          VanguardLedger.statusLabel(p.status()), p.duties(), p.pledge(), reports.getOrDefault(p.id(), List.of())))
          .toList();
    }

    /** The branch's planned meetings of this cycle and how each stands today. */
    private List<BranchDetail.Meeting> meetings(String code) {
      LocalDate today = clock.today();
      return meetingLedger.ofBranch(cycle.id(), code).stream().map(m -> new BranchDetail.Meeting(m.typeLabel(),
          m.plannedDate().toString(), m.topic(), m.topicSource(), m.statusLabel(today),
          m.heldDate() == null ? null : m.heldDate().toString(), m.attendanceCount())).toList();
    }

    private boolean seesBranch(String branchCode) {
      return scope.seesBranch(cycle.agencyId(), branchCode);
    }

    private List<LateTask> lateTasks(List<Rectification> rects, Set<String> runningRects) {
      Map<String, Rectification> rectOfInstance = new HashMap<>();
      rects.stream().filter(r -> runningRects.contains(r.processInstanceId()))
          .forEach(r -> rectOfInstance.put(r.processInstanceId(), r));
      List<String> instances = new ArrayList<>(rectOfInstance.keySet());
      if (progress.running()) {
        instances.add(cycle.id());
      }
      Set<String> agencyGroups = Set.of(GroupIds.committee(cycle.agencyId()), GroupIds.partyGroup(cycle.agencyId()));
      List<CycleRuntime.PastDueTask> visible = new ArrayList<>();
      Map<String, String> branchOfTask = new HashMap<>();
      for (CycleRuntime.PastDueTask task : runtime.pastDueTasks(instances, now)) {
        Rectification rect = rectOfInstance.get(task.processInstanceId());
        String branch = rect != null ? rect.branchCode() : progress.branchOfExecution().get(task.executionId());
        if (branch == null ? scope.seesWholeAgency(cycle.agencyId()) : seesBranch(branch)) {
          visible.add(task);
          branchOfTask.put(task.id(), branch);
        }
      }
      Set<String> readable = runtime.readableTasks(caller, visible.stream().map(CycleRuntime.PastDueTask::id).toList());
      List<LateTask> late = new ArrayList<>();
      for (CycleRuntime.PastDueTask task : visible) {
        String branch = branchOfTask.get(task.id());
        boolean agencyLevel = task.candidateGroups().stream().anyMatch(agencyGroups::contains);
        // Tasklist where the caller may open the task there; else the branch's page says who has to act
        String href = readable.contains(task.id()) ? links.task(task.id())
            : branch == null ? null : links.branch(cycle.id(), branch);
        late.add(new LateTask(task.id(), task.name(), branch, branch == null ? null : branchNames.getOrDefault(branch, branch),
            rectOfInstance.containsKey(task.processInstanceId()) ? "整改" : "融合周期", task.handler(), agencyLevel,
            day(task.due()), daysOverdue(task.due()), href));
      }
      return late;
    }

    private int daysOverdue(Date due) {
      return (int) Math.max(1, ChronoUnit.DAYS.between(localDate(due), localDate(now)));
    }

    /** The branches the cycle's stages went on without (推进), from the task actions' ledger. */
    private List<Proceeded> proceeded() {
      List<TaskActionLedger.Row> rows = taskActions.ofInstance(cycle.id(), TaskAction.PROCEED);
      Set<String> people = new LinkedHashSet<>();
      rows.forEach(r -> {
        people.add(r.actor());
        if (r.previousAssignee() != null) {
          people.add(r.previousAssignee());
        }
      });
      Map<String, String> names = runtime.userNames(people);
      return rows.stream().map(r -> new Proceeded(r.branchCode(), branchNames.getOrDefault(r.branchCode(), r.branchCode()),
          TaskTitles.step(r.taskName()), r.previousAssignee() == null ? null : person(names, r.previousAssignee()),
          person(names, r.actor()), minute(r.actedAt()), r.reason())).toList();
    }

    private Overdue overdue(List<LateTask> late, List<Proceeded> proceeded) {
      Set<String> lateBranches = new LinkedHashSet<>();
      late.stream().map(LateTask::branchCode).filter(Objects::nonNull).forEach(lateBranches::add);
      List<LateBranch> byBranch = lateBranches.stream().map(code -> {
        List<LateTask> own = late.stream().filter(t -> code.equals(t.branchCode())).toList();
        return new LateBranch(code, branchNames.getOrDefault(code, code), taskFigure(own), maxDays(own));
      }).sorted(Comparator.comparingInt(LateBranch::maxDays).reversed().thenComparing(LateBranch::code)).toList();
      return new Overdue(taskFigure(late), taskFigure(late.stream().filter(LateTask::agencyLevel).toList()),
          byBranch, late, proceeded);
    }
  }

  private static Figure taskFigure(List<LateTask> tasks) {
    return Figure.of(tasks.stream().map(t -> new Link((t.branchName() == null ? "机关层面" : t.branchName()) + "："
        + t.name() + "（逾期" + t.daysOverdue() + "天，" + (t.handler() == null || t.handler().isEmpty() ? "未指定办理人" : t.handler())
        + "）", t.href())).toList());
  }

  private static int maxDays(List<LateTask> tasks) {
    return tasks.stream().mapToInt(LateTask::daysOverdue).max().orElse(0);
  }

  private Figure rectFigure(List<Rectification> rects, Predicate<Rectification> which, Collection<String> running) {
    return Figure.of(rects.stream().filter(which).map(r -> new Link(r.branchName() + "：" + r.problem() + "（"
        + (r.verified() ? "已销号" : r.deadline() + "到期") + (r.overdue() ? "，曾逾期" : "") + "）",
        running.contains(r.processInstanceId()) ? links.processInstance(r.processInstanceId()) : null)).toList());
  }

  private static List<StageCount> stageCounts(List<BranchRow> rows) {
    List<StageCount> counts = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      counts.add(new StageCount(stage.key(), stage.label(), Figure.of(rows.stream()
          .filter(r -> stage.key().equals(r.stage()))
          .map(r -> new Link(r.name() + "：" + String.join("、", r.steps()), r.href())).toList())));
    }
    return counts;
  }

  private static List<GradeCount> gradeCounts(List<Assessment> results, Map<String, String> hrefs) {
    Set<String> grades = new LinkedHashSet<>(GRADES);
    results.forEach(a -> grades.add(a.grade()));
    return grades.stream().map(grade -> new GradeCount(grade, Figure.of(results.stream()
        .filter(a -> grade.equals(a.grade()))
        .map(a -> new Link(a.branchName() + "（" + a.weightedScore() + "分" + (a.approved() ? "" : "，待党组审定") + "）",
            hrefs.get(a.branchCode())))
        .toList()))).toList();
  }

  /** Competition ranking by weighted score: equal scores share a rank, the next rank skips. */
  private static Map<String, Integer> ranks(List<Assessment> results) {
    List<Assessment> sorted = results.stream()
        .sorted(Comparator.comparing(Assessment::weightedScore).reversed()).toList();
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      boolean tie = i > 0 && sorted.get(i).weightedScore().compareTo(sorted.get(i - 1).weightedScore()) == 0;
      ranks.put(sorted.get(i).branchCode(), tie ? ranks.get(sorted.get(i - 1).branchCode()) : i + 1);
    }
    return ranks;
  }

  private static String key(Stage stage) {
    return stage == null ? null : stage.key();
  }

  private static String label(Stage stage) {
    return stage == null ? RUNNING : stage.label();
  }

  private LocalDate localDate(Date date) {
    return date.toInstant().atZone(clock.getZone()).toLocalDate();
  }

  private String day(Date date) {
    return date == null ? null : localDate(date).toString();
  }

  private static LateTask withoutLink(LateTask t) {
    return new LateTask(t.taskId(), t.name(), t.branchCode(), t.branchName(), t.source(), t.handler(), t.agencyLevel(),
        t.due(), t.daysOverdue(), null);
  }

  private static String person(Map<String, String> names, String userId) {
    return userId == null ? null : names.getOrDefault(userId, userId);
  }

  private String minute(Date date) {
    if (date == null) {
      return null;
    }
    return MINUTE.format(date.toInstant().atZone(clock.getZone()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
