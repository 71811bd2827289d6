package cn.liutong.milestone;

import static cn.liutong.cycle.CycleProcess.ItemProgress.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.milestone.MilestoneLedger.ItemRow;
import cn.liutong.milestone.MilestoneLedger.Reported;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;
import cn.liutong.system.ParseListeners;

/**
 * 逐项报告: the progress report ({@code Task_ReportProgress}, wherever a model has it) covers each responsibility
 * item of the branch; the owner's report ({@code Task_ReportOwnItems}) each party group or committee item the
 * task's owner ({@code ownerId}, its assignee) is 责任人 of, and nobody else's. When the task is created, its form's list ({@code itemProgress}, a task-local variable, so
 * each round starts afresh) shows each item with its milestone and light, the status pre-set to the last one
 * reported. On completion every item of this branch must be answered once, by its number in the cycle's list;
 * the rows are recorded in {@code lt_item_progress} in the task's transaction. Added to the task by the engine
 * (a parse listener), so the models need not name it; a waived task skips it with the model's own listeners.
 * The form's own rules (status among the options, note length) are checked by the deployed form's rules.
 */
@Component
class ItemProgressForm extends AbstractProcessEnginePlugin {

  private final MilestoneLedger ledger;
  private final Milestones milestones;
  private final JsonVariables json;
  private final EngineClock clock;

  ItemProgressForm(MilestoneLedger ledger, Milestones milestones, JsonVariables json, EngineClock clock) {
    this.ledger = ledger;
    this.milestones = milestones;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.addAfterEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask)) {
          return;
        }
        if (CycleProcess.Activity.REPORT_PROGRESS.equals(activity.getId())) {
          userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, ItemProgressForm.this::prepare);
          userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, ItemProgressForm.this::record);
        } else if (CycleProcess.Activity.REPORT_OWN_ITEMS.equals(activity.getId())) {
          // its check is the model's own complete listener, ${ownItemsReportForm}: the whole form is this list
          userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, ItemProgressForm.this::prepare);
        }
      }
    });
  }

  /** The form's rows: every item of the branch, the status as last reported (未开始 before any report). */
  void prepare(DelegateTask task) {
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    Map<String, Reported> latest = ledger.latest(cycleId);
    LocalDate today = clock.today();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ItemRow item : mine(task, cycleId)) {
      Milestones.ItemLight light = milestones.light(item, latest.get(item.id()), today);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(ITEM_NO, item.position());
      row.put(CycleProcess.Item.GOAL_NAME, item.goalName());
      row.put(CycleProcess.Item.MILESTONE, item.milestone());
      row.put(CycleProcess.Item.MILESTONE_DATE, item.milestoneDate().toString());
      row.put("light", light.light().label());
      row.put(STATUS, light.status() == null ? NOT_STARTED : light.status());
      row.put(NOTE, "");
      rows.add(row);
    }
    task.setVariableLocal(LIST, json.json(rows));
  }

  /** Checks the rows against this branch's items and records them; nothing is written if one is wrong. */
  void record(DelegateTask task) {
    FormCheck check = FormCheck.of(task);
    String cycleId = (String) task.getVariable(CycleProcess.Var.CYCLE_ID);
    Map<Integer, ItemRow> mine = new LinkedHashMap<>();
    mine(task, cycleId).forEach(item -> mine.put(item.position(), item));
    JsonNode rows = json.read(task, LIST);
    List<Answer> answers = answers(rows, mine, whose(task), check);
    Set<Integer> answered = new LinkedHashSet<>();
    answers.forEach(a -> answered.add(a.item().position()));
    mine.values().stream().filter(item -> !answered.contains(item.position()))
        .forEach(item -> check.require(false, "请报告第" + item.position() + "项责任事项（" + item.goalName() + "："
            + item.milestone() + "）的进展"));
    check.validate();
    if (answers.isEmpty()) {
      return; // a branch without items in this cycle
    }
    int round = ((Number) task.getVariable(CycleProcess.Var.INSPECTION_ROUND)).intValue();
    String by = FormCheck.submitter(task);
    answers.forEach(a -> ledger.record(a.item(), round, a.status(), a.note(), by));
  }

  private record Answer(ItemRow item, String status, String note) {
  }

  /** 责任人逐项报告 ({@code Task_ReportOwnItems}): the model's complete listener, the list being the whole form. */
  @Bean
  static TaskListener ownItemsReportForm(ItemProgressForm form) {
    return form::record;
  }

  /** The branch's items, or on the owner's report the owner's own. */
  private List<ItemRow> mine(DelegateTask task, String cycleId) {
    return ownersReport(task) ? ledger.itemsOwnedBy(cycleId, (String) task.getVariable(CycleProcess.Var.OWNER_ID))
        : ledger.items(cycleId, branchCode(task));
  }

  private static boolean ownersReport(DelegateTask task) {
    return CycleProcess.Activity.REPORT_OWN_ITEMS.equals(task.getTaskDefinitionKey());
  }

  /** Whose items the messages speak of: 本支部 or 本人. */
  private static String whose(DelegateTask task) {
    return ownersReport(task) ? "本人" : "本支部";
  }

  /** The rows that name an item of this branch (or owner), each once, with a status the form offers. */
  static List<Answer> answers(JsonNode rows, Map<Integer, ItemRow> mine, String whose, FormCheck check) {
    List<Answer> answers = new ArrayList<>();
    if (!rows.isArray()) {
      return answers;
    }
    Set<Integer> seen = new LinkedHashSet<>();
    int n = 0;
    for (JsonNode row : rows) {
      String at = whose + "第" + (++n) + "项责任事项：";
      JsonNode number = row.path(ITEM_NO);
      ItemRow item = number.canConvertToExactIntegral() ? mine.get(number.asInt()) : null;
      String status = row.path(STATUS).asText("");
      String note = row.path(NOTE).asText("").strip();
      if (item == null) {
        check.require(false, at + "序号" + (number.isValueNode() ? number.asText() : "") + "不是" + whose + "本周期的责任事项");
      } else if (!seen.add(item.position())) {
        check.require(false, at + "第" + item.position() + "项责任事项重复报告");
      } else if (!Milestones.STATUS_LABELS.containsKey(status)) {
        check.require(false, at + "请选择状态"); // the form's own rule, in its words
      } else {
        answers.add(new Answer(item, status, note.isEmpty() ? null : note));
      }
    }
    return answers;
  }

  private static String branchCode(DelegateTask task) {
    return (String) task.getVariable(CycleProcess.Var.BRANCH_CODE);
  }
}
