package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.FormCheck;

/**
 * Checks the start form, opens the cycle in the ledger and hands it what the agency's previous cycle
 * left open (the loop closes: 决策→执行→监督→反馈). Runs in the start transaction, so a bad start form
 * answers 400 and no instance is left behind.
 */
@Component
class InitCycleDelegate implements JavaDelegate {

  private final CycleLedger ledger;
  private final OrganisationDirectory organisation;
  private final CarryOvers carryOvers;
  private final InspectionCalendar calendar;

  InitCycleDelegate(CycleLedger ledger, OrganisationDirectory organisation, CarryOvers carryOvers,
      InspectionCalendar calendar) {
    this.ledger = ledger;
    this.organisation = organisation;
    this.carryOvers = carryOvers;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FormCheck check = FormCheck.of(execution); // with the start form's own rules
    String name = check.trimmed(CYCLE_NAME);
    LocalDate start = date(check, execution.getVariable(PERIOD_START), "周期开始日期");
    LocalDate end = date(check, execution.getVariable(PERIOD_END), "周期结束日期");
    check.require(start == null || end == null || end.isAfter(start), "周期结束日期必须晚于开始日期");
    Integer minPartyShare = check.whole(MIN_PARTY_SHARE);
    Integer rounds = check.whole(INSPECTION_ROUNDS);
    calendar.check(check, start, end, rounds);
    Integer signForDays = check.whole(SIGN_FOR_DAYS);
    Integer rectificationDays = check.whole(RECTIFICATION_DAYS);
    String agencyId = execution.getTenantId();
    check.require(agencyId != null, "无法确定发起人所属的机关单位，请由机关党委人员发起");
    check.require(agencyId == null || !organisation.branches(agencyId).isEmpty(), "本机关单位尚未建立党支部，无法发起周期");
    check.validate();

    // Forms send numbers as Long or Double: store whole numbers once, as Integer.
    execution.setVariable(MIN_PARTY_SHARE, minPartyShare);
    execution.setVariable(INSPECTION_ROUNDS, rounds);
    execution.setVariable(SIGN_FOR_DAYS, signForDays);
    execution.setVariable(RECTIFICATION_DAYS, rectificationDays);
    execution.setVariable(SIGN_FOR_REMINDER_DURATION, "P" + signForDays + "D");
    execution.setVariable(SIGN_FOR_ESCALATION_DURATION, "P" + (signForDays + 3) + "D");
    execution.setVariable(AGENCY_ID, agencyId);
    String cycleId = execution.getProcessInstanceId();
    execution.setVariable(CYCLE_ID, cycleId);

    ledger.openCycle(cycleId, agencyId, name, start, end, (String) execution.getVariable(INITIATOR));
    carryOvers.started(execution, agencyId, cycleId);
  }

  static LocalDate date(FormCheck check, Object value, String label) {
    if (value == null || value.toString().isBlank()) {
      check.require(false, label + "不能为空");
      return null;
    }
    try {
      return LocalDate.parse(value.toString().substring(0, Math.min(10, value.toString().length())));
    } catch (DateTimeParseException e) {
      check.require(false, label + "不是有效日期（应为YYYY-MM-DD）");
      return null;
    }
  }
}
