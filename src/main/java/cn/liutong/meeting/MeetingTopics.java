package cn.liutong.meeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleBranches;
import cn.liutong.system.JsonVariables;

/**
 * Where a planned meeting's topic may come from (议题来源), offered to a branch when it plans its meetings: each
 * of its responsibility items, the business difficulties its plan turns into topics, or another topic. The
 * articles ask that business problems be taken up in 三会一课 and 主题党日; the choice records which.
 */
@Component("meetingTopics")
public class MeetingTopics {

  /** The business difficulties the plan lists in 转化为主题党日、“三会一课”议题的业务难点. */
  public static final String PLAN_DIFFICULTIES = "planDifficulties";
  public static final String OTHER = "other";
  private static final String ITEM = "item";
  private static final int LABEL_LENGTH = 60;

  private final CycleBranches branches;
  private final JsonVariables json;

  MeetingTopics(CycleBranches branches, JsonVariables json) {
    this.branches = branches;
    this.json = json;
  }

  /** The choices for this branch, as the plan form's 议题来源 select lists them ({label, value}). */
  public TypedValue options(DelegateExecution execution, String branchCode) {
    return json.json(options(json.tree(branches.items(execution, branchCode).getValue())));
  }

  static List<Map<String, String>> options(JsonNode items) {
    List<Map<String, String>> options = new ArrayList<>();
    int position = 0;
    for (JsonNode item : items) {
      String label = "责任清单：" + item.path("goalName").asText("") + "——" + item.path("milestone").asText("");
      options.add(Map.of("label", shorten(label), "value", ITEM + (++position)));
    }
    options.add(Map.of("label", "本方案所列业务难点", "value", PLAN_DIFFICULTIES));
    options.add(Map.of("label", "其他议题", "value", OTHER));
    return options;
  }

  private static String shorten(String label) {
    return label.codePointCount(0, label.length()) <= LABEL_LENGTH ? label
        : label.substring(0, label.offsetByCodePoints(0, LABEL_LENGTH - 1)) + "…";
  }
}
