package cn.liutong.ledger;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.liutong.ledger.CycleLedger.Cycle;

/**
 * The ledger (台账), read-only, for dashboards and reports: HTTP Basic like the engine's REST API, and
 * each caller sees only their own agency's rows. Another agency's cycle answers 404, as a missing one.
 */
@RestController
@RequestMapping("/api")
class LedgerController {

  private final CycleLedger cycles;
  private final RectificationLedger rectifications;
  private final Visibility visibility;

  LedgerController(CycleLedger cycles, RectificationLedger rectifications, Visibility visibility) {
    this.cycles = cycles;
    this.rectifications = rectifications;
    this.visibility = visibility;
  }

  @GetMapping("/cycles")
  List<Cycle> cycles() {
    List<String> agencies = visibility.agencies();
    return agencies.isEmpty() ? List.of() : cycles.cycles(agencies);
  }

  @GetMapping("/cycles/{id}")
  Map<String, Object> cycle(@PathVariable String id) {
    Cycle cycle = visible(id);
    return Map.of("cycle", cycle, "goals", cycles.goals(id), "items", cycles.items(id),
        "carriedOver", cycles.carryOvers(id));
  }

  @GetMapping("/cycles/{id}/progress")
  Map<String, Object> progress(@PathVariable String id) {
    visible(id);
    return Map.of("reports", cycles.progressReports(id), "findings", cycles.findings(id));
  }

  @GetMapping("/cycles/{id}/assessments")
  List<CycleLedger.Assessment> assessments(@PathVariable String id) {
    visible(id);
    return cycles.assessments(id);
  }

  @GetMapping("/cycles/{id}/measures")
  List<CycleLedger.Measure> measures(@PathVariable String id) {
    visible(id);
    return cycles.measures(id);
  }

  @GetMapping("/cycles/{id}/rectifications")
  List<RectificationLedger.Rectification> cycleRectifications(@PathVariable String id) {
    visible(id);
    return rectifications.ofCycle(id);
  }

  @GetMapping("/rectifications")
  List<RectificationLedger.Rectification> rectifications() {
    List<String> agencies = visibility.agencies();
    return agencies.isEmpty() ? List.of() : rectifications.ofAgencies(agencies);
  }

  private Cycle visible(String id) {
    Cycle cycle = cycles.cycle(id);
    if (cycle == null || !visibility.sees(cycle.agencyId())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "未找到该融合工作周期：" + id);
    }
    return cycle;
  }
}
