package cn.liutong.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The 六同看板 for reports and scripts: read-only, HTTP Basic like the rest of {@code /api}. The Cockpit
 * page reads the same numbers through {@link DashboardPluginResource} with the webapp's session.
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

  static final String NOT_FOUND = "未找到该机关或融合工作周期";
  static final String BRANCH_NOT_FOUND = "未找到该融合工作周期中的该支部";

  private final DashboardService dashboards;

  DashboardController(DashboardService dashboards) {
    this.dashboards = dashboards;
  }

  @GetMapping
  Dashboard dashboard(@RequestParam(required = false) String agency, @RequestParam(required = false) String cycle) {
    return dashboards.dashboard(agency, cycle)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, NOT_FOUND));
  }

  /** One branch's work in a cycle; 404 as for a missing one when the caller may not see that branch. */
  @GetMapping("/branch")
  BranchDetail branch(@RequestParam(required = false) String cycle, @RequestParam(required = false) String branch) {
    return dashboards.branch(cycle, branch)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, BRANCH_NOT_FOUND));
  }
}
