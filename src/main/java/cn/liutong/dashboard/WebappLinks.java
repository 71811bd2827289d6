package cn.liutong.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the numbers lead: a process instance (optionally one activity instance selected) in Cockpit, a
 * task in Tasklist. Paths start at the server root, so they work from Cockpit and from any report.
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

  /** The instance with one activity instance selected in the tree and the diagram. */
  String activityInstance(String processInstanceId, String activityInstanceId, String activityId) {
    if (activityInstanceId == null) {
      return processInstance(processInstanceId);
    }
    return processInstance(processInstanceId) + "?activityInstanceIds=" + encode(activityInstanceId)
        + "&activityIds=" + encode(activityId);
  }

  String task(String taskId) {
    return apps + "tasklist/" + engine + "/#/?task=" + encode(taskId);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
