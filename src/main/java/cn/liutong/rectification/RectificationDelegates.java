package cn.liutong.rectification;

import static cn.liutong.rectification.RectificationProcess.Var.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.cycle.CycleLedger;
import cn.liutong.rectification.RectificationProcess.Level;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;

/** The service tasks of {@code rectification}: open it in the ledger, mark it overdue, verify it. */
@Configuration(proxyBeanMethods = false)
class RectificationDelegates {

  static final int DEFAULT_DAYS = 30;

  /**
   * Checks what the caller handed over and opens the ledger row. The deadline is a date; the overdue
   * timer fires at the end of that day.
   */
  @Bean
  JavaDelegate openRectificationDelegate(RectificationLedger ledger, EngineClock clock) {
    return execution -> {
      FormCheck check = FormCheck.of(execution);
      String agencyId = check.text(AGENCY_ID, "机关单位", 1, 64);
      String branchCode = check.text(BRANCH_CODE, "责任支部", 1, 64);
      String source = check.choice(SOURCE, "问题来源", RectificationProcess.SOURCES.keySet());
      String problem = check.text(PROBLEM, "问题描述", 5, 1000);
      check.validate();
      Object days = execution.getVariable(RECTIFICATION_DAYS);
      LocalDate deadline = clock.today().plusDays(days instanceof Number n ? n.longValue() : DEFAULT_DAYS);
      String branchName = (String) execution.getVariable(BRANCH_NAME);
      String id = ledger.open(agencyId, (String) execution.getVariable(CYCLE_ID), branchCode,
          branchName == null ? branchCode : branchName, source, problem, deadline, execution.getProcessInstanceId());
      execution.setVariable(RECTIFICATION_ID, id);
      execution.setVariable(DEADLINE, deadline.toString());
      execution.setVariable(SOURCE_LABEL, RectificationProcess.SOURCES.get(source));
      execution.setVariable(PLAN_DECISION, null); // the sub-process starts with the plan until one is approved
    };
  }

  /**
   * 逾期, at the end of the deadline day and every week after it while the rectification is open: the ledger
   * remembers it (the accountability decision counts it) with its level. The first time the committee supervises;
   * from the second time on, counted in the ledger over the rectification's whole life (an extension does not
   * wipe a breach), the party group supervises too.
   */
  @Bean
  JavaDelegate markRectificationOverdueDelegate(RectificationLedger ledger, CycleLedger cycleLedger) {
    return execution -> {
      String id = rectificationId(execution);
      int time = cycleLedger.supervisionCount(id, RectificationProcess.Activity.RECTIFY) + 1;
      boolean partyGroup = time > 1;
      ledger.markOverdue(id);
      cycleLedger.recordSupervision((String) execution.getVariable(AGENCY_ID), (String) execution.getVariable(CYCLE_ID),
          (String) execution.getVariable(BRANCH_CODE), RectificationProcess.Activity.RECTIFY, "reminder",
          "第" + time + "次逾期督办：" + (partyGroup ? "机关党委、党组督办" : "机关党委督办"), null, id,
          partyGroup ? Level.PARTY_GROUP : Level.COMMITTEE);
      execution.setVariableLocal(PARTY_GROUP_SUPERVISES, partyGroup);
    };
  }

  /** 延期获批: the approved date is the deadline in force; the sub-process entered again arms its timer for it. */
  @Bean
  JavaDelegate extendRectificationDeadlineDelegate(RectificationLedger ledger) {
    return execution -> execution.setVariable(DEADLINE, ledger.applyApprovedExtension(rectificationId(execution)).toString());
  }

  /** 销号: the ledger row is closed; listeners (metrics) hear of it. */
  @Bean
  JavaDelegate closeRectificationDelegate(RectificationLedger ledger, ApplicationEventPublisher events) {
    return execution -> events.publishEvent(RectificationVerified.of(ledger.verify(rectificationId(execution))));
  }

  static String rectificationId(DelegateExecution execution) {
    return (String) execution.getVariable(RECTIFICATION_ID);
  }
}
