package cn.liutong.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the numbers lead: the 六同看板 of a cycle or of one of its branches, a process instance in
 * Cockpit, a task in Tasklist. Paths start at the server root, so they work from Cockpit and from any report.
 */
@Component
class WebappLinks {

  private final String apps;
  private final String engine;

  WebappLinks(@Value("${server.servlet.context-path:}") String contextPath,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath, CycleRuntime runtime) {
    this.apps = contextPath + applicationPath + "/app/";
    this.engine = runtime.engineName();
  }

  String processInstance(String processInstanceId) {
    return apps + "cockpit/" + engine + "/#/process-instance/" + encode(processInstanceId) + "/runtime";
  }

  /** The 六同看板 page of a cycle. */
  String dashboard(String cycleId) {
    return apps + "cockpit/" + engine + "/#" + DashboardCockpitPlugin.ROUTE + "?cycle=" + encode(cycleId);
  }

  /** One branch's work in a cycle, on the 六同看板 page: only that branch, in the managers' words. */
  String branch(String cycleId, String branchCode) {
    return dashboard(cycleId) + "&branch=" + encode(branchCode);
  }

  String task(String taskId) {
    return apps + "tasklist/" + engine + "/#/?task=" + encode(taskId);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
