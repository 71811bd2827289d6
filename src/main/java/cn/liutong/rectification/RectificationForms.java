package cn.liutong.rectification;

import static cn.liutong.rectification.RectificationProcess.Var.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.cycle.CycleLedger;
import cn.liutong.rectification.RectificationLedger.Rectification;
import cn.liutong.rectification.RectificationProcess.Activity;
import cn.liutong.rectification.RectificationProcess.Decision;
import cn.liutong.rectification.RectificationProcess.Level;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;

/**
 * The complete listeners of the rectification forms, each named in the model. The fields' limits live in the
 * forms ({@link FormCheck} starts with the deployed form's rules); what is left is what the step resets.
 */
@Configuration(proxyBeanMethods = false)
class RectificationForms {

  @Bean
  TaskListener rectificationPlanForm() {
    return task -> {
      FormCheck.of(task).validate();
      task.setVariable(PLAN_DECISION, null);
    };
  }

  @Bean
  TaskListener rectificationPlanReviewForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }

  /**
   * The evidence goes to 销号, or (申请延期) the branch asks for a later deadline: after the one in force and after
   * today, at most {@link RectificationProcess#MAX_EXTENSION_DAYS} days later. The task is the only way to ask and
   * is closed while the committee decides, so at most one request is pending; the ledger is asked all the same.
   */
  @Bean
  TaskListener evidenceForm(RectificationLedger ledger, EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      if (Decision.REQUEST_EXTENSION.equals(check.trimmed(EVIDENCE_ACTION))) {
        Rectification rectification = ledger.get((String) task.getVariable(RECTIFICATION_ID));
        LocalDate date = date(check, task.getVariable(EXTENSION_DATE));
        if (date != null) {
          LocalDate latest = rectification.deadline().plusDays(RectificationProcess.MAX_EXTENSION_DAYS);
          check.require(date.isAfter(rectification.deadline()), "新的整改期限应晚于当前期限" + rectification.deadline());
          check.require(!date.isAfter(latest), "新的整改期限最多延后" + RectificationProcess.MAX_EXTENSION_DAYS
              + "天，即不晚于" + latest);
          check.require(date.isAfter(clock.today()), "新的整改期限应晚于今天");
        }
        check.require(ledger.pendingExtension(rectification.id()).isEmpty(), "已有延期申请正在审批，请等待机关党委决定");
        check.validate();
        ledger.requestExtension(rectification, date, check.trimmed(EXTENSION_REASON), FormCheck.submitter(task));
        task.setVariable(EXTENSION_DECISION, null);
      } else {
        check.validate();
        task.setVariable(EVIDENCE_ACTION, Decision.SUBMIT_EVIDENCE);
      }
      task.setVariable(VERIFICATION_DECISION, null);
    };
  }

  /** 审批整改延期: a date that has passed while the request waited cannot be approved. */
  @Bean
  TaskListener extensionReviewForm(RectificationLedger ledger, EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String id = (String) task.getVariable(RECTIFICATION_ID);
      boolean approved = Decision.APPROVED.equals(check.trimmed(EXTENSION_DECISION));
      if (approved) {
        ledger.pendingExtension(id).ifPresent(pending -> check.require(pending.requestedDeadline().isAfter(clock.today()),
            "申请的新期限" + pending.requestedDeadline() + "已过，请选择不同意，由支部重新申请"));
      }
      check.validate();
      ledger.decideExtension(id, approved, approved ? null : check.trimmed(EXTENSION_REFUSAL_REASON),
          FormCheck.submitter(task));
      task.setVariable(EVIDENCE_ACTION, Decision.SUBMIT_EVIDENCE);
    };
  }

  /** 督办: the committee's or the party group's note on an overdue rectification, at its level. */
  @Bean
  TaskListener rectificationSupervisionForm(CycleLedger cycleLedger) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String step = task.getTaskDefinitionKey();
      cycleLedger.recordSupervision((String) task.getVariable(AGENCY_ID), (String) task.getVariable(CYCLE_ID),
          (String) task.getVariable(BRANCH_CODE), step, "escalation", check.trimmed(SUPERVISION_NOTE),
          FormCheck.submitter(task), (String) task.getVariable(RECTIFICATION_ID),
          Activity.PARTY_GROUP_SUPERVISE.equals(step) ? Level.PARTY_GROUP : Level.COMMITTEE);
    };
  }

  /** A date field's value (the form sends yyyy-MM-dd); null, with the problem noted, when it is none. */
  private static LocalDate date(FormCheck check, Object value) {
    if (value == null || value.toString().isBlank()) {
      return null; // the form's own rule (required) names it
    }
    try {
      return LocalDate.parse(String.valueOf(value).strip());
    } catch (DateTimeParseException e) {
      check.require(false, "新的整改期限应为日期，如2026-06-30");
      return null;
    }
  }

  @Bean
  TaskListener verificationForm() {
    return task -> {
      FormCheck.of(task).validate();
    };
  }
}
