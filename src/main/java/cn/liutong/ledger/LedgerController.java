package cn.liutong.ledger;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.liutong.assessment.AssessmentLedger;
import cn.liutong.cycle.CycleLedger.Cycle;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.organisation.Visibility;
import cn.liutong.rectification.RectificationLedger;

/**
 * The ledger (台账), read-only, for dashboards and reports: HTTP Basic like the engine's REST API. Each
 * caller sees their own agency's cycles; rows of a branch only when they see the whole agency
 * (committee, party group) or act for that branch (its secretaries); a member sees their own pledges.
 * Another agency's cycle answers 404, exactly as a missing one.
 */
@RestController
@RequestMapping("/api")
class LedgerController {

  private final CycleLedger cycles;
  private final AssessmentLedger assessments;
  private final RectificationLedger rectifications;
  private final Visibility visibility;

  LedgerController(CycleLedger cycles, AssessmentLedger assessments, RectificationLedger rectifications,
      Visibility visibility) {
    this.cycles = cycles;
    this.assessments = assessments;
    this.rectifications = rectifications;
    this.visibility = visibility;
  }

  @GetMapping("/cycles")
  List<Cycle> cycles() {
    Scope scope = visibility.scope();
    return scope.agencies().isEmpty() ? List.of() : cycles.cycles(scope.agencies());
  }

  @GetMapping("/cycles/{id}")
  Map<String, Object> cycle(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    return Map.of("cycle", cycle, "goals", cycles.goals(id),
        "items", branchRows(scope, cycle, cycles.items(id), CycleLedger.Item::branchCode),
        "carriedOver", branchRows(scope, cycle, cycles.carryOvers(id), CycleLedger.CarryOver::branchCode));
  }

  /**
   * 周期中调整: each request with its decision. The versions before and after (every branch's items) are for those
   * who see the whole agency; a branch sees what changed and why.
   */
  @GetMapping("/cycles/{id}/adjustments")
  List<CycleLedger.Adjustment> adjustments(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    boolean whole = scope.seesWholeAgency(cycle.agencyId());
    return cycles.adjustments(id).stream().map(a -> whole ? a : new CycleLedger.Adjustment(a.id(), a.cycleId(),
        a.agencyId(), a.reason(), a.status(), a.requestedBy(), a.requestedAt(), null, null, null, null, a.summary(),
        a.decisionNote(), a.decidedBy(), a.decidedAt())).toList();
  }

  @GetMapping("/cycles/{id}/progress")
  Map<String, Object> progress(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    return Map.of("reports", branchRows(scope, cycle, cycles.progressReports(id), CycleLedger.Progress::branchCode),
        "findings", branchRows(scope, cycle, cycles.findings(id), CycleLedger.Finding::branchCode));
  }

  @GetMapping("/cycles/{id}/pledges")
  List<CycleLedger.Pledge> pledges(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    return cycles.pledges(id).stream()
        .filter(p -> scope.seesBranch(cycle.agencyId(), p.branchCode()) || p.memberId().equals(scope.userId()))
        .toList();
  }

  @GetMapping("/cycles/{id}/assessments")
  List<AssessmentLedger.Assessment> assessments(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    return branchRows(scope, cycle, assessments.assessments(id), AssessmentLedger.Assessment::branchCode);
  }

  @GetMapping("/cycles/{id}/measures")
  List<AssessmentLedger.Measure> measures(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    return branchRows(scope, cycle, assessments.measures(id), AssessmentLedger.Measure::branchCode);
  }

  @GetMapping("/cycles/{id}/rectifications")
  List<RectificationLedger.Rectification> cycleRectifications(@PathVariable String id) {
    Scope scope = visibility.scope();
    Cycle cycle = visible(scope, id);
    return branchRows(scope, cycle, rectifications.ofCycle(id), RectificationLedger.Rectification::branchCode);
  }

  @GetMapping("/rectifications")
  List<RectificationLedger.Rectification> rectifications() {
    Scope scope = visibility.scope();
    return scope.agencies().isEmpty() ? List.of() : rectifications.ofAgencies(scope.agencies()).stream()
        .filter(r -> scope.seesBranch(r.agencyId(), r.branchCode())).toList();
  }

  private static <T> List<T> branchRows(Scope scope, Cycle cycle, List<T> rows, Function<T, String> branch) {
    return rows.stream().filter(row -> scope.seesBranch(cycle.agencyId(), branch.apply(row))).toList();
  }

  private Cycle visible(Scope scope, String id) {
    Cycle cycle = cycles.cycle(id);
    if (cycle == null || !scope.seesCycleOf(cycle.agencyId())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "未找到该融合工作周期：" + id);
    }
    return cycle;
  }
}
