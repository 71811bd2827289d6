package cn.liutong.assessment;

import static cn.liutong.assessment.AssessmentDelegates.branchCode;
import static cn.liutong.assessment.AssessmentDelegates.cycleId;
import static cn.liutong.assessment.AssessmentProcess.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import cn.liutong.assessment.AssessmentLedger.Measure;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 结果运用 on people: the party group's measure (recognition or accountability) names the branch's people it is about,
 * the executor (a member of the agency's party group or committee) and the date; the executor carries it out and
 * records it (谈话记录, 通报 text, the recommendation) in a task of their own.
 */
@Configuration(proxyBeanMethods = false)
class MeasureSteps {

  static final String TARGETS_OUTSIDE = "措施对象只能是本支部党员";
  static final String EXECUTOR_OUTSIDE = "执行人只能是本机关党组或机关党委成员";
  static final String DATE_WRONG = "执行日期应在今天至" + MEASURE_DAYS_AHEAD + "天内";
  static final String CARRIED_OUT_WRONG = "执行日期不能晚于今天，也不能早于党组作出决定的日期";

  static List<String> executorIds(OrganisationDirectory organisation, String agencyId) {
    Set<String> ids = new LinkedHashSet<>(organisation.peopleOf(organisation.partyGroup(agencyId)));
    ids.addAll(organisation.peopleOf(organisation.committee(agencyId)));
    return List.copyOf(ids);
  }

  /**
   * 党组决定: with a measure, its people are the branch's members, its executor is of the party group or the
   * committee, its date within {@link AssessmentProcess#MEASURE_DAYS_AHEAD} days; who decided is the submitter.
   */
  @Bean
  TaskListener measureForm(OrganisationDirectory organisation, JsonVariables json, EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      if (!NO_MEASURE.equals(task.getVariable(DECIDED_MEASURE))) {
        List<String> targets = targets(json, task);
        check.require(organisation.memberIds((String) task.getVariable(BRANCH_CODE)).containsAll(targets), TARGETS_OUTSIDE);
        Object executor = task.getVariable(MEASURE_EXECUTOR);
        check.require(executor == null || executorIds(organisation, agencyId(task)).contains(executor.toString()),
            EXECUTOR_OUTSIDE);
        LocalDate date = date(task.getVariable(MEASURE_DATE));
        LocalDate today = clock.today();
        check.require(date == null || !date.isBefore(today) && !date.isAfter(today.plusDays(MEASURE_DAYS_AHEAD)), DATE_WRONG);
      }
      check.validate();
      task.setVariable(MEASURE_DECIDED_BY, FormCheck.submitter(task));
    };
  }

  /** The grade is taken from the ledger, not from the form that showed it read-only. */
  @Bean
  JavaDelegate recordMeasureDelegate(AssessmentLedger ledger, JsonVariables json, OrganisationDirectory organisation) {
    return execution -> {
      boolean none = NO_MEASURE.equals(execution.getVariable(DECIDED_MEASURE));
      LocalDate date = none ? null : date(execution.getVariable(MEASURE_DATE));
      ledger.recordMeasure(cycleId(execution), new Measure(
          branchCode(execution), (String) execution.getVariable(BRANCH_NAME),
          ledger.assessment(cycleId(execution), branchCode(execution)).grade(),
          (String) execution.getVariable(MEASURE), (String) execution.getVariable(DECIDED_MEASURE),
          (String) execution.getVariable(MEASURE_REASON), (String) execution.getVariable(MEASURE_DECIDED_BY), null,
          none ? null : String.join(",", targets(json, execution)),
          none ? null : (String) execution.getVariable(MEASURE_EXECUTOR), date, null, null, null));
      if (date != null) {
        execution.setVariable(MEASURE_DATE, date.toString()); // the carrying out is due then (due.on)
        List<String> people = targets(json, execution);
        Map<String, String> names = organisation.userNames(people);
        execution.setVariable(MEASURE_SUMMARY, MeasureLabels.label((String) execution.getVariable(DECIDED_MEASURE))
            + "；对象：" + String.join("、", people.stream().map(id -> names.getOrDefault(id, id)).toList())
            + "；执行日期：" + date + "；党组决定理由：" + execution.getVariable(MEASURE_REASON));
      }
    };
  }

  /** 执行措施并记录: the date it was carried out (not in the future, not before the decision) and the record. */
  @Bean
  TaskListener carryOutForm(AssessmentLedger ledger, EngineClock clock) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      String cycle = (String) task.getVariable(CYCLE_ID);
      String branch = (String) task.getVariable(BRANCH_CODE);
      Measure measure = ledger.measure(cycle, branch);
      LocalDate on = date(task.getVariable(CARRIED_OUT_ON));
      check.require(on == null || !on.isAfter(clock.today())
          && !on.isBefore(measure.decidedAt().toInstant().atZone(clock.getZone()).toLocalDate()), CARRIED_OUT_WRONG);
      check.validate();
      ledger.recordCarriedOut(cycle, branch, on, FormCheck.submitter(task), check.trimmed(MEASURE_RECORD));
    };
  }

  private static List<String> targets(JsonVariables json, VariableScope scope) {
    List<String> targets = new ArrayList<>();
    json.read(scope, MEASURE_TARGETS).forEach(t -> targets.add(t.asText()));
    return targets;
  }

  /** A form's date (YYYY-MM-DD, or a date-time whose first ten characters are the date); null when unreadable. */
  static LocalDate date(Object value) {
    try {
      return value == null ? null : LocalDate.parse(value.toString().trim().substring(0, 10));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String agencyId(VariableScope scope) {
    return (String) scope.getVariable(CycleProcess.Var.AGENCY_ID);
  }
}
