package cn.liutong.rectification;

import static cn.liutong.rectification.RectificationProcess.Var.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.cycle.CycleLedger;
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
    };
  }

  /** 逾期: the ledger remembers it (the accountability decision counts it), the committee supervises. */
  @Bean
  JavaDelegate markRectificationOverdueDelegate(RectificationLedger ledger, CycleLedger cycleLedger) {
    return execution -> {
      ledger.markOverdue(rectificationId(execution));
      cycleLedger.recordSupervision((String) execution.getVariable(AGENCY_ID), (String) execution.getVariable(CYCLE_ID),
          (String) execution.getVariable(BRANCH_CODE), RectificationProcess.Activity.RECTIFY, "reminder", null, null);
    };
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
