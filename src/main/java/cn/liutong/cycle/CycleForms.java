package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.liutong.cycle.CycleLedger.Item;
import cn.liutong.cycle.CycleProcess.Decision;
import cn.liutong.organisation.GroupIds;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * The complete listeners of the cycle's simpler forms, each named in the model as {@code ${name}}. The fields'
 * own limits live in the forms ({@link FormCheck} starts with the deployed form's rules); what is left here is
 * what the step writes.
 */
@Configuration(proxyBeanMethods = false)
class CycleForms {

  /** The party group approves only goals that answer every carried-over problem (one may arrive after the draft). */
  @Bean
  TaskListener goalsReviewForm(CarryOvers carryOvers) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      if (Decision.APPROVED.equals(task.getVariable(GOALS_DECISION))) {
        long open = carryOvers.unanswered(cycleId(task));
        check.require(open == 0, "上一周期又结转了" + open + "项遗留问题，目标体系尚未回应，请选择退回，由机关党委逐项回应后重新提交");
      }
      check.validate();
    };
  }

  @Bean
  TaskListener signForForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }

  /**
   * 答复支部异议: the answer, and, when the committee changes the branch's items, the changed list, checked as the
   * decomposition checks items (goal of the cycle, milestone inside the period). The branch then signs the new
   * list; the ledger keeps the earlier one ({@link CycleLedger#reviseBranchItems}).
   */
  @Bean
  TaskListener objectionAnswerForm(CycleLedger ledger, JsonVariables json) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      List<Item> revised = null;
      String code = branchCode(task);
      if (Boolean.TRUE.equals(task.getVariable(ADJUST_ITEMS))) {
        Set<String> goals = new LinkedHashSet<>();
        json.read(task, GOALS).forEach(g -> goals.add(g.path(CycleProcess.Goal.NAME).asText()));
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        json.read(task, REVISED_ITEMS).forEach(row -> rows.add(row.isObject()
            ? ((ObjectNode) row.deepCopy()).put(CycleProcess.Item.BRANCH_CODE, code) : row));
        revised = ItemsForm.read(rows, Map.of(code, String.valueOf(task.getVariable(BRANCH_NAME))), goals,
            day(task.getVariable(PERIOD_START)), day(task.getVariable(PERIOD_END)), check);
      }
      check.validate();
      task.setVariable(SIGN_FOR_DECISION, null); // the branch decides afresh on the answer
      if (revised != null) {
        // the branch's 责任人 stays the one the decomposition named for its (first) item
        Item first = json.list(json.read(task, ITEMS), Item.class).stream().filter(i -> code.equals(i.branchCode()))
            .findFirst().orElse(null);
        revised = revised.stream().map(i -> new Item(i.goalName(), i.branchCode(), i.branchName(), i.measures(),
            i.milestone(), i.milestoneDate(), null, GroupIds.TYPE_BRANCH, first == null ? null : first.ownerId(),
            first == null ? null : first.ownerName())).toList();
        List<Item> all = new ArrayList<>(json.list(json.read(task, ITEMS), Item.class).stream()
            .filter(i -> !code.equals(i.branchCode())).toList());
        all.addAll(revised);
        task.setVariable(ITEMS, json.json(all));
        task.setVariable(BRANCH_ITEMS, json.json(revised));
        ledger.reviseBranchItems(cycleId(task), code, revised, check.trimmed(OBJECTION_ANSWER), FormCheck.submitter(task));
      }
    };
  }

  private static LocalDate day(Object value) {
    return LocalDate.parse(String.valueOf(value).substring(0, 10));
  }

  @Bean
  TaskListener pledgeForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String pledge = check.trimmed(PLEDGE);
      boolean pioneerPost = check.flag(PIONEER_POST);
      ledger.recordPledge(cycleId(task), branchCode(task), (String) task.getVariable(MEMBER_ID), pledge, pioneerPost);
    };
  }

  @Bean
  TaskListener progressReportForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String party = check.trimmed(PARTY_PROGRESS);
      String business = check.trimmed(BUSINESS_PROGRESS);
      String difficulties = check.trimmed(DIFFICULTIES);
      ledger.recordProgress(cycleId(task), branchCode(task), round(task), party, business, difficulties, FormCheck.submitter(task));
      // Forms pre-fill from variables of the same name: each round's inspection starts empty.
      task.setVariable(FINDINGS, null);
      task.setVariable(PROBLEMS_FOUND, null);
      task.setVariable(PROBLEM_DESCRIPTION, null);
    };
  }

  @Bean
  TaskListener inspectionForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String findings = check.trimmed(FINDINGS);
      boolean problemsFound = check.flag(PROBLEMS_FOUND);
      String problem = problemsFound ? check.trimmed(PROBLEM_DESCRIPTION) : null;
      int round = round(task);
      ledger.recordFinding(cycleId(task), branchCode(task), round, findings, problemsFound, problem, FormCheck.submitter(task));
      task.setVariable(PROBLEMS_FOUND, problemsFound); // the round's number moves on with its bulletin
    };
  }

  @Bean
  TaskListener supervisionForm(CycleLedger ledger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String note = check.trimmed(SUPERVISION_NOTE);
      ledger.recordSupervision((String) task.getVariable(AGENCY_ID), (String) task.getVariable(CYCLE_ID),
          branchCode(task), task.getTaskDefinitionKey(), "escalation", note, FormCheck.submitter(task));
    };
  }

  static String cycleId(DelegateTask task) {
    return (String) task.getVariable(CYCLE_ID);
  }

  static String branchCode(DelegateTask task) {
    return (String) task.getVariable(BRANCH_CODE);
  }

  static int round(DelegateTask task) {
    return ((Number) task.getVariable(INSPECTION_ROUND)).intValue();
  }


}
