package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.cycle.CycleLedger.Goal;
import cn.liutong.cycle.CycleLedger.Item;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.JsonVariables;

/** The small service tasks of the cycle: each reads its input, calls the ledger or the organisation. */
@Configuration(proxyBeanMethods = false)
class CycleDelegates {

  static final int REMINDED_PRIORITY = 80;

  @Bean
  JavaDelegate recordGoalsDelegate(CycleLedger ledger, JsonVariables json) {
    return execution -> ledger.replaceGoals(cycleId(execution), json.list(json.read(execution, GOALS), Goal.class));
  }

  /**
   * The branches of the agency at the moment the deploy stage starts take part in this cycle; the list's items
   * may also belong to the party group or the committee, and each names one of the agency's people.
   */
  @Bean
  JavaDelegate loadBranchesDelegate(OrganisationDirectory organisation, JsonVariables json) {
    return execution -> {
      String agencyId = (String) execution.getVariable(AGENCY_ID);
      execution.setVariable(BRANCH_OPTIONS, json.json(organisation.branchOptions(agencyId)));
      execution.setVariable(UNIT_OPTIONS, json.json(organisation.unitOptions(agencyId)));
      execution.setVariable(OWNER_OPTIONS, json.json(organisation.ownerOptions(agencyId)));
      List<Map<String, String>> goals = json.list(json.read(execution, GOALS), Goal.class).stream()
          .map(g -> Map.of("label", g.name(), "value", g.name())).toList();
      execution.setVariable(GOAL_OPTIONS, json.json(goals));
    };
  }

  @Bean
  JavaDelegate recordItemsDelegate(CycleLedger ledger, JsonVariables json) {
    return execution -> ledger.replaceItems(cycleId(execution), json.list(json.read(execution, ITEMS), Item.class));
  }

  @Bean
  JavaDelegate recordSignForDelegate(CycleLedger ledger) {
    return execution -> ledger.markSigned(cycleId(execution), (String) execution.getVariable(BRANCH_CODE));
  }

  /** 催办: recorded, and the branch's waiting sign-for task moves up in everyone's Tasklist. */
  @Bean
  JavaDelegate remindDelegate(CycleLedger ledger, TaskService taskService) {
    return execution -> {
      String branchCode = (String) execution.getVariable(BRANCH_CODE);
      ledger.recordSupervision((String) execution.getVariable(AGENCY_ID), cycleId(execution), branchCode,
          CycleProcess.Activity.SIGN_FOR, "reminder", null, null);
      taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(CycleProcess.Activity.SIGN_FOR).list().stream()
          .filter(task -> branchCode.equals(taskService.getVariable(task.getId(), BRANCH_CODE)))
          .forEach(task -> taskService.setPriority(task.getId(), REMINDED_PRIORITY));
    };
  }

  /** Closed in the ledger; what other capabilities still hold open they carry over on {@link CycleClosed}. */
  @Bean
  JavaDelegate closeCycleDelegate(CycleLedger ledger, ApplicationEventPublisher events) {
    return execution -> {
      ledger.closeCycle(cycleId(execution));
      events.publishEvent(new CycleClosed((String) execution.getVariable(AGENCY_ID), cycleId(execution)));
    };
  }

  static String cycleId(DelegateExecution execution) {
    return (String) execution.getVariable(CYCLE_ID);
  }
}
