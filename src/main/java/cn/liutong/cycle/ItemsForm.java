package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleLedger.Item;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 同部署: the three-level responsibility list (党组领导、机关党委加强、党支部落实). Every goal is broken down, the
 * party group, the committee and every participating branch get at least one item, each item names a 责任人 of
 * its unit, and milestones fall inside the cycle.
 */
@Component("itemsForm")
class ItemsForm implements TaskListener {

  private final JsonVariables json;
  private final OrganisationDirectory organisation;

  ItemsForm(JsonVariables json, OrganisationDirectory organisation) {
    this.json = json;
    this.organisation = organisation;
  }

  @Override
  public void notify(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    // an instance that reached the decomposition before items had levels offers its branches only
    Map<String, String> units = options(json.read(task, task.getVariable(UNIT_OPTIONS) == null ? BRANCH_OPTIONS : UNIT_OPTIONS));
    Set<String> goals = new LinkedHashSet<>();
    json.read(task, GOALS).forEach(g -> goals.add(g.path("name").asText()));
    LocalDate start = LocalDate.parse(task.getVariable(PERIOD_START).toString().substring(0, 10));
    LocalDate end = LocalDate.parse(task.getVariable(PERIOD_END).toString().substring(0, 10));

    JsonNode rows = json.read(task, ITEMS);
    List<Item> items = read(rows, units, goals, start, end, check);
    items = owned(rows, items, units, (String) task.getVariable(AGENCY_ID), check);
    if (!check.hasProblems()) {
      requireCoverage(items, units, goals, check);
    }
    check.validate();
    task.setVariable(ITEMS, json.json(items));
  }

  private static Map<String, String> options(JsonNode options) {
    Map<String, String> byValue = new LinkedHashMap<>();
    options.forEach(o -> byValue.put(o.path("value").asText(), o.path("label").asText()));
    return byValue;
  }

  /**
   * The items with their level and 责任人: a person the form offers who belongs to the item's unit (the party
   * group, the committee, or the branch).
   */
  private List<Item> owned(JsonNode rows, List<Item> items, Map<String, String> units, String agencyId,
      FormCheck check) {
    List<Item> owned = new ArrayList<>();
    Set<String> owners = new LinkedHashSet<>();
    rows.forEach(row -> owners.add(row.path(CycleProcess.Item.OWNER_ID).asText("").trim()));
    Map<String, String> names = organisation.userNames(owners.stream().filter(o -> !o.isEmpty()).toList());
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      String at = "第" + (i + 1) + "项责任事项：";
      String owner = rows.get(i).path(CycleProcess.Item.OWNER_ID).asText("").trim();
      String level = it.branchCode().equals(organisation.partyGroup(agencyId)) ? GroupIds.TYPE_PARTY_GROUP
          : it.branchCode().equals(organisation.committee(agencyId)) ? GroupIds.TYPE_COMMITTEE : GroupIds.TYPE_BRANCH;
      if (owner.isEmpty()) {
        check.require(false, at + "请选择责任人");
      } else if (units.containsKey(it.branchCode())) { // else: no unit chosen, said by read
        check.require(organisation.isMember(owner, it.branchCode()),
            at + "责任人须是" + it.branchName() + "的成员");
      }
      owned.add(new Item(it.goalName(), it.branchCode(), it.branchName(), it.measures(), it.milestone(),
          it.milestoneDate(), null, level, owner, names.getOrDefault(owner, owner)));
    }
    return owned;
  }

  /** Every unit (participating branch, or the party group and the committee) has an item, and every goal is broken down into one. */
  static void requireCoverage(List<Item> items, Map<String, String> branches, Set<String> goals, FormCheck check) {
    Set<String> coveredBranches = new LinkedHashSet<>();
    Set<String> coveredGoals = new LinkedHashSet<>();
    items.forEach(i -> {
      coveredBranches.add(i.branchCode());
      coveredGoals.add(i.goalName());
    });
    branches.forEach((code, name) -> check.require(coveredBranches.contains(code), name + "还没有责任事项"));
    goals.forEach(goal -> check.require(coveredGoals.contains(goal), "目标“" + goal + "”还没有分解为责任事项"));
  }

  static List<Item> read(JsonNode array, Map<String, String> branches, Set<String> goals, LocalDate start,
      LocalDate end, FormCheck check) {
    List<Item> items = new ArrayList<>();
    if (!array.isArray() || array.isEmpty()) {
      check.require(false, "请至少填写一项责任事项");
      return items;
    }
    int position = 0;
    for (JsonNode node : array) {
      String at = "第" + (++position) + "项责任事项：";
      String goal = node.path(CycleProcess.Item.GOAL_NAME).asText("");
      String branch = node.path(CycleProcess.Item.BRANCH_CODE).asText("");
      String measures = node.path("measures").asText("").trim();
      String milestone = node.path("milestone").asText("").trim();
      LocalDate date = null;
      try {
        date = LocalDate.parse(node.path(CycleProcess.Item.MILESTONE_DATE).asText(""));
      } catch (DateTimeParseException e) {
        check.require(node.path("milestoneDate").asText("").isBlank(), at + "请填写有效的节点日期"); // empty: the form's rule
      }
      check.require(goals.contains(goal), at + "请选择对应目标");
      check.require(branches.containsKey(branch), at + "请选择责任单位");
      check.require(date == null || (!date.isBefore(start) && !date.isAfter(end)),
          at + "节点日期须在周期内（" + start + "至" + end + "）");
      items.add(new Item(goal, branch, branches.getOrDefault(branch, branch), measures, milestone, date, null, null,
          null, null));
    }
    return items;
  }
}
