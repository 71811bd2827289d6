package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.cycle.CycleLedger.Finding;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * The round's 督查通报 ({@code Task_PublishBulletin}): the form shows what the committee found at each branch in
 * this round; on completion the bulletin goes into the ledger, to every branch ({@link InspectionBulletinPublished})
 * and the cycle moves on to its next round.
 */
@Configuration(proxyBeanMethods = false)
class InspectionBulletins {

  /** On create: the round's findings, one row per branch in the cycle's order, read-only on the form. */
  @Bean
  TaskListener bulletinFindingsText(CycleLedger ledger, CycleBranches branches, JsonVariables json) {
    return task -> task.setVariableLocal(BULLETIN_FINDINGS, json.json(rows(task, ledger, branches)));
  }

  @Bean
  TaskListener bulletinForm(CycleLedger ledger, CycleBranches branches, ApplicationEventPublisher events) {
    return task -> {
      FormCheck check = FormCheck.of(task);
      check.validate();
      String summary = check.trimmed(BULLETIN_SUMMARY);
      int round = CycleForms.round(task);
      String agencyId = (String) task.getVariable(AGENCY_ID);
      String findings = rows(task, ledger, branches).stream()
          .map(row -> "【" + row.get(CycleProcess.BulletinRow.BRANCH_NAME) + "】" + row.get(CycleProcess.BulletinRow.FINDINGS)
              + "；问题：" + row.get(CycleProcess.BulletinRow.PROBLEM))
          .collect(Collectors.joining("\n"));
      ledger.recordBulletin(CycleForms.cycleId(task), agencyId, round, findings, summary, FormCheck.submitter(task));
      events.publishEvent(new InspectionBulletinPublished(agencyId, CycleForms.cycleId(task),
          (String) task.getVariable(CYCLE_NAME), round, branches.codes(task.getExecution()), summary));
      task.setVariable(INSPECTION_ROUND, round + 1); // Gateway_MoreRounds: is there a next round?
    };
  }

  private static List<Map<String, String>> rows(DelegateTask task, CycleLedger ledger, CycleBranches branches) {
    int round = CycleForms.round(task);
    Map<String, Finding> found = new LinkedHashMap<>();
    ledger.findings(CycleForms.cycleId(task)).stream().filter(f -> f.round() == round)
        .forEach(f -> found.put(f.branchCode(), f));
    return branches.codes(task.getExecution()).stream().map(code -> {
      Finding finding = found.get(code);
      return Map.of(CycleProcess.BulletinRow.BRANCH_NAME, branches.name(task.getExecution(), code),
          CycleProcess.BulletinRow.FINDINGS, finding == null ? "未督查" : finding.findings(),
          CycleProcess.BulletinRow.PROBLEM, finding == null || !finding.problemsFound() ? "无" : finding.problem() + "（已发起整改）");
    }).toList();
  }
}
