package cn.liutong.cycle;

import static cn.liutong.cycle.AdjustmentProcess.Var.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.AdjustmentProcess.Decision;
import cn.liutong.cycle.CycleLedger.Cycle;
import cn.liutong.cycle.CycleLedger.Goal;
import cn.liutong.cycle.CycleLedger.Item;
import cn.liutong.cycle.CycleLedger.NumberedItem;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 周期中调整目标和责任清单 ({@code cycle-adjustment}): the committee changes a running cycle's goals and items with the
 * party group's approval, and the ledger keeps the earlier version. The rules:
 * <ul>
 * <li>Asked by a member of the agency's committee, for the agency's running cycle whose items are decomposed and
 * which has not reached 同考核 (the latest started, should there be two); one open request per cycle.</li>
 * <li>The goals follow the draft's rules (weights, party-building share); a goal that answers a problem carried
 * over from the previous cycle keeps its name. The items follow the decomposition's rules (goal of the cycle,
 * milestone inside the period, every participating branch and every goal covered).</li>
 * <li>An item keeps its number, signature, progress reports and lights, and cannot change branch; a new item is
 * numbered after the last one and counts as signed where its branch has signed; an item left out is removed.
 * Items of a branch that has left the cycle are not offered and stay as they are.</li>
 * <li>Approved, the cycle's {@code goals}, {@code goalOptions} and {@code items} change, and every running branch
 * stage (signing, implementing, a round's report) shows the branch its new list.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CycleAdjustments {

  static final String OPEN = "open";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";

  private static final Set<Stage> ADJUSTABLE = Set.of(Stage.DEPLOY, Stage.IMPLEMENT, Stage.INSPECT);

  /** The request: who asks, which cycle, and the version in force as the committee's starting point. */
  @Bean
  JavaDelegate openAdjustmentDelegate(CycleLedger ledger, JsonVariables json, RuntimeService runtime,
      IdentityService identity, OrganisationDirectory organisation, StageModel stages) {
    return execution -> {
      FormCheck check = FormCheck.of(execution);
      String agencyId = execution.getTenantId();
      String requester = (String) execution.getVariable(REQUESTER_ID);
      check.require(agencyId != null && requester != null && identity.createUserQuery().userId(requester)
          .memberOfGroup(organisation.committee(agencyId)).count() == 1, "只有本机关党委的成员可以申请调整目标和责任清单");
      check.validate();
      List<Cycle> running = ledger.cycles(List.of(agencyId)).stream().filter(c -> !c.closed())
          .sorted((a, b) -> b.startedAt().compareTo(a.startedAt())).toList();
      Cycle cycle = running.stream().filter(c -> whyNot(c.id(), ledger, runtime, stages) == null).findFirst().orElse(null);
      check.require(cycle != null, running.isEmpty() ? "本机关没有进行中的融合工作周期"
          : whyNot(running.get(0).id(), ledger, runtime, stages));
      check.validate();
      ledger.lockCycle(cycle.id()); // one open request per cycle, also when two ask at once
      check.require(!ledger.adjustmentOpen(cycle.id()), "本周期已有一项调整申请正在办理，请办结后再申请");
      check.validate();

      Map<String, Object> of = runtime.getVariables(cycle.id(), List.of(CycleProcess.Var.GOALS,
          CycleProcess.Var.BRANCH_OPTIONS, CycleProcess.Var.MIN_PARTY_SHARE, CycleProcess.Var.PERIOD_START,
          CycleProcess.Var.PERIOD_END));
      Set<String> participants = codes(json.tree(of.get(BRANCH_OPTIONS)));
      List<Map<String, Object>> items = ledger.numberedItems(cycle.id()).stream()
          .filter(i -> participants.contains(i.branchCode())).map(CycleAdjustments::shown).toList();
      execution.setVariable(AGENCY_ID, agencyId);
      execution.setVariable(CYCLE_ID, cycle.id());
      execution.setVariable(CYCLE_NAME, cycle.name());
      execution.setVariable(PERIOD_START, cycle.periodStart().toString());
      execution.setVariable(PERIOD_END, cycle.periodEnd().toString());
      execution.setVariable(MIN_PARTY_SHARE, of.get(MIN_PARTY_SHARE));
      execution.setVariable(BRANCH_OPTIONS, json.json(json.tree(of.get(BRANCH_OPTIONS))));
      execution.setVariable(GOALS_BEFORE, json.json(json.tree(of.get(GOALS))));
      execution.setVariable(GOALS, json.json(json.tree(of.get(GOALS))));
      execution.setVariable(ITEMS_BEFORE, json.json(items));
      execution.setVariable(ITEMS, json.json(items));
      ledger.openAdjustment(execution.getProcessInstanceId(), cycle.id(), agencyId,
          check.trimmed(ADJUSTMENT_REASON), requester, json.tree(of.get(GOALS)).toString(), json.tree(items).toString());
    };
  }

  /** 调整目标体系: the draft's rules, and the goals that answer carried-over problems keep their names. */
  @Bean
  TaskListener adjustedGoalsForm(CycleLedger ledger, JsonVariables json) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      List<Goal> goals = GoalsForm.read(json.read(task, GOALS), check);
      if (!check.hasProblems()) {
        GoalsForm.requireWeights(goals, ((Number) task.getVariable(MIN_PARTY_SHARE)).intValue(), check);
      }
      Set<String> names = goals.stream().map(Goal::name).collect(Collectors.toSet());
      ledger.carryOvers(cycleId(task)).stream().map(CycleLedger.CarryOver::answerGoal).filter(Objects::nonNull)
          .distinct().forEach(goal -> check.require(names.contains(goal),
              "目标“" + goal + "”回应了上一周期结转的遗留问题，不能删除或改名"));
      check.validate();
      task.setVariable(GOALS, json.json(goals.stream().map(GoalsForm::shown).toList()));
    };
  }

  /** 调整责任清单: the decomposition's rules, each number once and in its branch; something must change. */
  @Bean
  TaskListener adjustedItemsForm(CycleLedger ledger, JsonVariables json) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      Map<String, String> branches = new LinkedHashMap<>();
      json.read(task, BRANCH_OPTIONS).forEach(o -> branches.put(o.path("value").asText(), o.path("label").asText()));
      List<Goal> goals = json.list(json.read(task, GOALS), Goal.class);
      Set<String> goalNames = goals.stream().map(Goal::name).collect(Collectors.toCollection(LinkedHashSet::new));
      JsonNode rows = json.read(task, ITEMS);
      List<Item> items = ItemsForm.read(rows, branches, goalNames, day(task.getVariable(PERIOD_START)),
          day(task.getVariable(PERIOD_END)), check);
      Map<Integer, NumberedItem> current = ledger.numberedItems(cycleId(task)).stream()
          .filter(i -> branches.containsKey(i.branchCode()))
          .collect(Collectors.toMap(NumberedItem::position, Function.identity()));
      List<NumberedItem> numbered = new ArrayList<>();
      Set<Integer> seen = new TreeSet<>();
      for (int i = 0; i < items.size(); i++) {
        Item it = items.get(i);
        String at = "第" + (i + 1) + "项责任事项：";
        String no = rows.get(i).path(AdjustmentProcess.Item.ITEM_NO).asText("").trim();
        int position = no.matches("\\d{1,6}") ? Integer.parseInt(no) : 0;
        NumberedItem was = current.get(position);
        check.require(no.isEmpty() || was != null, at + "编号" + no + "不是本周期现行的责任事项");
        check.require(was == null || seen.add(position), at + "编号" + no + "重复");
        check.require(was == null || was.branchCode().equals(it.branchCode()),
            at + "已有事项不能改换责任支部；请删除该项，为新支部新增一项");
        numbered.add(new NumberedItem(was == null ? null : was.id(), was == null ? 0 : position, it.goalName(),
            it.branchCode(), it.branchName(), it.measures(), it.milestone(), it.milestoneDate(),
            was == null ? null : was.signedAt(), was == null ? null : was.level(), was == null ? null : was.ownerId(),
            was == null ? null : was.ownerName())); // an item keeps its owner; a new one names none yet
      }
      if (!check.hasProblems()) { // the party group's and the committee's items are not adjusted here, and count
        List<Item> covering = new ArrayList<>(items);
        ledger.items(cycleId(task)).stream().filter(i -> !i.ofBranch()).forEach(covering::add);
        ItemsForm.requireCoverage(covering, branches, goalNames, check);
      }
      List<Goal> goalsBefore = json.list(json.read(task, GOALS_BEFORE), Goal.class);
      Changes changes = Changes.of(goalsBefore, goals, current.values(), numbered);
      check.require(check.hasProblems() || !changes.none(), "调整后的目标体系和责任清单与现行版本相同，无需报党组审批");
      check.validate();
      List<Map<String, Object>> shown = numbered.stream().map(CycleAdjustments::shown).toList();
      task.setVariable(ITEMS, json.json(shown));
      task.setVariable(ADJUSTMENT_SUMMARY, changes.summary());
      task.setVariable(ADJUSTMENT_DECISION, null); // the party group decides afresh on each proposal
      task.setVariable(DECISION_NOTE, null);
      ledger.proposeAdjustment(task.getProcessInstanceId(), json.read(task, GOALS).toString(), json.tree(shown).toString(),
          changes.summary());
    };
  }

  /** 党组审批: approved only while the cycle can still change; the decision is recorded whatever it is. */
  @Bean
  TaskListener adjustmentReviewForm(CycleLedger ledger, RuntimeService runtime, StageModel stages) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String decision = (String) task.getVariable(ADJUSTMENT_DECISION);
      ledger.lockCycle(cycleId(task));
      if (Decision.APPROVED.equals(decision)) {
        String whyNot = whyNot(cycleId(task), ledger, runtime, stages);
        check.require(whyNot == null, whyNot + "。请选择“不同意”");
      }
      check.validate();
      String status = switch (decision) {
        case Decision.APPROVED -> APPROVED;
        case Decision.REJECTED -> REJECTED;
        default -> OPEN;
      };
      ledger.decideAdjustment(task.getProcessInstanceId(), status,
          Decision.APPROVED.equals(decision) ? null : check.trimmed(DECISION_NOTE), FormCheck.submitter(task));
    };
  }

  /** Approved: the ledger and the running cycle take the new version; the earlier one stays in the request's row. */
  @Bean
  JavaDelegate applyAdjustmentDelegate(CycleLedger ledger, JsonVariables json, RuntimeService runtime,
      ApplicationEventPublisher events) {
    return execution -> {
      String cycleId = cycleId(execution);
      List<Goal> goals = json.list(json.read(execution, GOALS), Goal.class);
      Set<String> participants = codes(json.read(execution, BRANCH_OPTIONS));
      Map<Integer, NumberedItem> before = ledger.numberedItems(cycleId).stream()
          .filter(i -> participants.contains(i.branchCode()))
          .collect(Collectors.toMap(NumberedItem::position, Function.identity()));
      List<NumberedItem> after = new ArrayList<>();
      json.read(execution, ITEMS).forEach(row -> {
        String no = row.path(AdjustmentProcess.Item.ITEM_NO).asText("");
        int position = no.isEmpty() ? 0 : Integer.parseInt(no);
        after.add(new NumberedItem(null, position, row.path(CycleProcess.Item.GOAL_NAME).asText(),
            row.path(CycleProcess.Item.BRANCH_CODE).asText(), row.path("branchName").asText(),
            row.path(CycleProcess.Item.MEASURES).asText(), row.path(CycleProcess.Item.MILESTONE).asText(),
            LocalDate.parse(row.path(CycleProcess.Item.MILESTONE_DATE).asText()), null, null, null, null));
      });
      ledger.replaceGoals(cycleId, goals);
      ledger.adjustItems(cycleId, participants, after);

      runtime.setVariable(cycleId, CycleProcess.Var.GOALS, json.json(json.read(execution, GOALS)));
      runtime.setVariable(cycleId, CycleProcess.Var.GOAL_OPTIONS, json.json(goals.stream()
          .map(g -> Map.of("label", g.name(), "value", g.name())).toList()));
      List<Item> items = ledger.items(cycleId);
      runtime.setVariable(cycleId, CycleProcess.Var.ITEMS, json.json(items));
      // every running branch stage shows its branch the new list (sign-for also offers it to change on objection)
      for (String name : List.of(CycleProcess.Var.BRANCH_ITEMS, CycleProcess.Var.REVISED_ITEMS)) {
        runtime.createVariableInstanceQuery().processInstanceIdIn(cycleId).variableName(name).list().forEach(v -> {
          String branch = (String) runtime.getVariable(v.getExecutionId(), CycleProcess.Var.BRANCH_CODE);
          runtime.setVariableLocal(v.getExecutionId(), name,
              json.json(items.stream().filter(i -> i.branchCode().equals(branch)).toList()));
        });
      }
      Changes changes = Changes.of(json.list(json.read(execution, GOALS_BEFORE), Goal.class), goals, before.values(), after);
      events.publishEvent(new CycleAdjusted((String) execution.getVariable(AGENCY_ID), cycleId,
          (String) execution.getVariable(CYCLE_NAME), true, changes.summary(), List.copyOf(changes.branches()),
          (String) execution.getVariable(REQUESTER_ID), null));
    };
  }

  /** Refused: nothing changes; the committee hears why. */
  @Bean
  JavaDelegate refuseAdjustmentDelegate(ApplicationEventPublisher events) {
    return execution -> events.publishEvent(new CycleAdjusted((String) execution.getVariable(AGENCY_ID),
        cycleId(execution), (String) execution.getVariable(CYCLE_NAME), false,
        (String) execution.getVariable(ADJUSTMENT_SUMMARY), List.of(), (String) execution.getVariable(REQUESTER_ID),
        (String) execution.getVariable(DECISION_NOTE)));
  }

  /** Why the cycle cannot be adjusted now, or null when it can. */
  static String whyNot(String cycleId, CycleLedger ledger, RuntimeService runtime, StageModel stages) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(cycleId).singleResult();
    if (instance == null) {
      return "该周期已经结束";
    }
    if (ledger.numberedItems(cycleId).isEmpty()) {
      return "本周期尚未分解责任清单：同规划、同部署中请直接修改目标和清单，分解并提交后才可申请调整";
    }
    var model = stages.of(instance.getProcessDefinitionId());
    boolean adjustable = runtime.getActiveActivityIds(cycleId).stream()
        .allMatch(id -> model.stageOf(id).map(ADJUSTABLE::contains).orElse(true));
    return adjustable ? null : "本周期已进入同考核，不能再调整目标和责任清单";
  }

  /** An item as the forms show it: its number as text (empty for a new one) and its date as {@code yyyy-MM-dd}. */
  static Map<String, Object> shown(NumberedItem item) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(AdjustmentProcess.Item.ITEM_NO, item.position() > 0 ? String.valueOf(item.position()) : "");
    row.put(CycleProcess.Item.GOAL_NAME, item.goalName());
    row.put(CycleProcess.Item.BRANCH_CODE, item.branchCode());
    row.put("branchName", item.branchName());
    row.put(CycleProcess.Item.MEASURES, item.measures());
    row.put(CycleProcess.Item.MILESTONE, item.milestone());
    row.put(CycleProcess.Item.MILESTONE_DATE, item.milestoneDate().toString());
    return row;
  }

  private static Set<String> codes(JsonNode options) {
    Set<String> codes = new LinkedHashSet<>();
    options.forEach(o -> codes.add(o.path("value").asText()));
    return codes;
  }

  private static String cycleId(VariableScope scope) {
    return (String) scope.getVariable(CYCLE_ID);
  }

  private static LocalDate day(Object value) {
    return LocalDate.parse(String.valueOf(value).substring(0, 10));
  }

  /** What an adjustment changes, as the party group reads it and the branches hear it. */
  record Changes(List<String> goalsAdded, List<String> goalsRemoved, List<String> goalsChanged, List<String> itemsAdded,
      List<Integer> itemsChanged, List<Integer> itemsRemoved, Set<String> branches) {

    static Changes of(List<Goal> goalsBefore, List<Goal> goalsAfter, java.util.Collection<NumberedItem> itemsBefore,
        List<NumberedItem> itemsAfter) {
      Map<String, Goal> was = goalsBefore.stream().collect(Collectors.toMap(Goal::name, Function.identity(), (a, b) -> a));
      Set<String> names = goalsAfter.stream().map(Goal::name).collect(Collectors.toSet());
      List<String> added = goalsAfter.stream().map(Goal::name).filter(n -> !was.containsKey(n)).toList();
      List<String> removed = goalsBefore.stream().map(Goal::name).filter(n -> !names.contains(n)).toList();
      List<String> changed = goalsAfter.stream().filter(g -> was.containsKey(g.name()) && !was.get(g.name()).equals(g))
          .map(Goal::name).toList();
      Map<Integer, NumberedItem> old = itemsBefore.stream()
          .collect(Collectors.toMap(NumberedItem::position, Function.identity()));
      Set<String> branches = new TreeSet<>();
      List<String> newItems = new ArrayList<>();
      List<Integer> changedItems = new ArrayList<>();
      Set<Integer> kept = new TreeSet<>();
      for (NumberedItem it : itemsAfter) {
        NumberedItem before = old.get(it.position());
        if (before == null) {
          newItems.add(it.branchName());
          branches.add(it.branchCode());
        } else {
          kept.add(it.position());
          if (!before.item().equals(new Item(it.goalName(), before.branchCode(), before.branchName(), it.measures(),
              it.milestone(), it.milestoneDate(), before.signedAt(), before.level(), before.ownerId(), before.ownerName()))) {
            changedItems.add(it.position());
            branches.add(it.branchCode());
          }
        }
      }
      List<Integer> removedItems = old.keySet().stream().filter(p -> !kept.contains(p)).sorted().toList();
      removedItems.forEach(p -> branches.add(old.get(p).branchCode()));
      return new Changes(added, removed, changed, newItems, changedItems, removedItems, branches);
    }

    boolean none() {
      return goalsAdded.isEmpty() && goalsRemoved.isEmpty() && goalsChanged.isEmpty() && itemsAdded.isEmpty()
          && itemsChanged.isEmpty() && itemsRemoved.isEmpty();
    }

    /** For example: 目标：新增“…”；修改“…”。责任事项：新增2项（预算处党支部）；修改第3项；删除第5项。 */
    String summary() {
      List<String> goals = new ArrayList<>();
      if (!goalsAdded.isEmpty()) {
        goals.add("新增" + quoted(goalsAdded));
      }
      if (!goalsChanged.isEmpty()) {
        goals.add("修改" + quoted(goalsChanged));
      }
      if (!goalsRemoved.isEmpty()) {
        goals.add("删除" + quoted(goalsRemoved));
      }
      List<String> items = new ArrayList<>();
      if (!itemsAdded.isEmpty()) {
        items.add("新增" + itemsAdded.size() + "项（" + String.join("、", new LinkedHashSet<>(itemsAdded)) + "）");
      }
      if (!itemsChanged.isEmpty()) {
        items.add("修改" + numbers(itemsChanged));
      }
      if (!itemsRemoved.isEmpty()) {
        items.add("删除" + numbers(itemsRemoved));
      }
      return "目标体系：" + (goals.isEmpty() ? "不变" : String.join("；", goals)) + "。责任事项："
          + (items.isEmpty() ? "不变" : String.join("；", items)) + "。";
    }

    private static String quoted(List<String> names) {
      return names.stream().map(n -> "“" + n + "”").collect(Collectors.joining("、"));
    }

    private static String numbers(List<Integer> positions) {
      return "第" + positions.stream().map(String::valueOf).collect(Collectors.joining("、")) + "项";
    }
  }
}
