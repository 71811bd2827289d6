package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Activity.APPROVE_GOALS;
import static cn.liutong.cycle.CycleProcess.Activity.DRAFT_GOALS;
import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Next year's plan is being drafted when this year's cycle closes: its open problems arrive in the draft at
 * once, the committee is told, and the draft is refused until it answers each exactly once.
 */
class CarryOverIntoDraftTest extends CarryOverTestBase {

  @Autowired
  ApplicationEventPublisher events;

  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void closingCycleCarriesItsOpenProblemsIntoTheRunningDraft() throws Exception {
    runUntilLastDecision();
    startNext();
    assertThat(carriedRows()).as("nothing open yet: this year's cycle still runs").isEmpty();
    int before = messages(agency.id());

    close();

    List<Map<String, Object>> rows = carriedRows();
    assertThat(rows).extracting(r -> (String) r.get("problem")).hasSize(2).satisfiesExactly(
        p -> assertThat(p).isEqualTo("【监督检查局党支部】未销号整改（2026-02-09到期）：" + AUDIT_PROBLEM),
        p -> assertThat(p).startsWith("【预算处党支部】上一周期考核等次为一般，综合得分"));
    assertThat(rows).allSatisfy(r -> assertThat(r.get("answer")).isNull());
    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id = ?", cycle.cycleId(),
        next.cycleId())).isEqualTo(2);
    assertThat(jdbc.queryForList("select recipient from lt_notification where kind = 'CARRIED_OVER' and agency_id = ?",
        String.class, agency.id())).as("the committee, drafting, hears of it").contains(agency.committee());
    assertThat(messages(agency.id())).isGreaterThan(before);
    assertThat(jdbc.queryForObject("select body from lt_notification where kind = 'CARRIED_OVER' and recipient = ?",
        String.class, agency.committee())).contains("请在“拟定党建与业务目标体系”中逐项回应").contains(AUDIT_PROBLEM);

    // the close event heard again (a retry, a second node): nothing is carried twice
    new TransactionTemplate(transactions).executeWithoutResult(
        s -> events.publishEvent(new CycleClosed(agency.id(), cycle.cycleId())));
    new TransactionTemplate(transactions).executeWithoutResult(
        s -> events.publishEvent(new CycleClosed(agency.id(), cycle.cycleId())));
    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ?", cycle.cycleId())).isEqualTo(2);
    assertThat(carriedRows()).hasSize(2);

    // refusals: nothing written
    refused(draft(List.of()), "尚未回应");
    refused(draft(rows.subList(0, 1).stream().map(r -> answer(r, "goal", "支部标准化规范化建设", null)).toList()),
        "【预算处党支部】上一周期考核等次为一般");
    List<Map<String, Object>> twice = new ArrayList<>(answered(rows, "支部标准化规范化建设", "已在年度业务目标中统筹安排"));
    twice.add(twice.get(1));
    refused(draft(twice), "第3个遗留问题：“【预算处党支部】上一周期考核等次为一般");
    List<Map<String, Object>> unknown = new ArrayList<>(answered(rows, "支部标准化规范化建设", "已在年度业务目标中统筹安排"));
    unknown.add(answer(Map.of("id", "rect-someone-elses"), "explained", null, "这不是本周期的问题"));
    refused(draft(unknown), "第3个遗留问题：不是本周期结转的遗留问题");
    refused(draft(answered(rows, "不存在的目标", "已在年度业务目标中统筹安排")), "所选目标“不存在的目标”不在本次拟定的目标中");
    refused(draft(answered(rows, "支部标准化规范化建设", "太短")), "第2个遗留问题：说明应为5至200个字，当前2个字");
    refused(draft(rows.stream().map(r -> answer(r, null, null, null)).toList()), "第1个遗留问题：请选择回应方式");
    assertThat(count("select count(*) from lt_goal where cycle_id = ?", next.cycleId())).isZero();
    assertThat(count("select count(*) from lt_carry_over where to_cycle_id = ? and answered_at is not null", next.cycleId()))
        .isZero();
    assertThat(next.task(DRAFT_GOALS)).isNotNull();

    next.submit(next.task(DRAFT_GOALS), draft(answered(rows, "支部标准化规范化建设", "  纳入年度业务目标统筹推进  ")));
    assertThat(jdbc.queryForList("""
        select c.branch_code, c.answer_goal, c.answer_explanation, c.answered_by from lt_carry_over c
        where c.to_cycle_id = ? order by c.branch_code""", next.cycleId()))
        .extracting(r -> r.get("BRANCH_CODE") + "|" + r.get("ANSWER_GOAL") + "|" + r.get("ANSWER_EXPLANATION"))
        .containsExactly(agency.branch(AUDIT) + "|支部标准化规范化建设|null",
            agency.branch(BUDGET) + "|null|纳入年度业务目标统筹推进");
    assertThat(carriedRows()).extracting(r -> r.get("answer")).containsExactly("goal", "explained");
    next.approveGoals();
    assertThat(next.tasks(APPROVE_GOALS)).isEmpty();
  }

  private void refused(Map<String, Object> form, String reason) {
    assertThatThrownBy(() -> next.submit(next.task(DRAFT_GOALS), form)).hasMessageContaining(reason);
  }

  private static Map<String, Object> answer(Map<String, Object> row, String answer, String goal, String explanation) {
    Map<String, Object> answered = new LinkedHashMap<>(row);
    answered.put("answer", answer);
    answered.put("goal", goal);
    answered.put("explanation", explanation);
    return answered;
  }
}
