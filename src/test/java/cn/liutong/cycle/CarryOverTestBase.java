package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.demo.CycleScenario;
import cn.liutong.support.FrozenClock;

/**
 * Two consecutive cycles of one agency: this year's ({@link #cycle}, 2026) closes with two open problems (the
 * audit branch's rectification not verified, the budget branch graded 一般) while or before next year's
 * ({@link #next}, 2027) runs. The clock stands in January 2026, so that both periods lie ahead.
 */
@FrozenClock("2026-01-10T10:00+08:00")
abstract class CarryOverTestBase extends CycleTestBase {

  static final String AUDIT_PROBLEM = "主题党日活动流于形式，未结合业务难点";
  private static final ObjectMapper JSON = new ObjectMapper();

  protected CycleDriver next;

  /** This year's cycle up to the party group's last decision, which closes it. */
  protected void runUntilLastDecision() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    agency.branches().forEach(b -> cycle.inspect(b, b.equals(agency.branch(AUDIT)) ? AUDIT_PROBLEM : null));
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));
    cycle.scores(agency.branch(BUDGET), 70, 70, false, null);
    agency.branches().forEach(cycle::score);
    cycle.approveResults();
  }

  /** The last decision: the cycle closes, leaving two problems open. */
  protected void close() {
    cycle.decideMeasure(agency.branch(BUDGET), "interview");
  }

  protected void startNext() {
    next = new CycleDriver(engine, agency);
    next.start(CycleScenario.startForm("2027年度党建与业务融合工作", "2027-01-01", "2027-12-31", 1L, 30L));
  }

  /** The rows of the next cycle's draft form, as the engine holds them. */
  protected List<Map<String, Object>> carriedRows() throws Exception {
    Object value = engine.getRuntimeService().getVariable(next.cycleId(), CycleProcess.Var.CARRIED_OVER);
    List<Map<String, Object>> rows = new ArrayList<>();
    if (value != null) {
      for (JsonNode row : JSON.readTree(value.toString())) {
        rows.add(JSON.convertValue(row, LinkedHashMap.class));
      }
    }
    return rows;
  }

  /** The rows with an answer each: the first by a goal, the others explained. */
  protected static List<Map<String, Object>> answered(List<Map<String, Object>> rows, String goal, String explanation) {
    List<Map<String, Object>> answered = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
      if (i == 0) {
        row.put(CycleProcess.CarriedItem.ANSWER, CycleProcess.CarriedItem.BY_GOAL);
        row.put(CycleProcess.CarriedItem.GOAL, goal);
      } else {
        row.put(CycleProcess.CarriedItem.ANSWER, CycleProcess.CarriedItem.EXPLAINED);
        row.put(CycleProcess.CarriedItem.EXPLANATION, explanation);
      }
      answered.add(row);
    }
    return answered;
  }

  /** The draft form's submission: the default goals and these answers. */
  protected static Map<String, Object> draft(List<Map<String, Object>> answers) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(CycleProcess.Var.GOALS, CycleDriver.json(CycleDriver.goals()));
    form.put(CycleProcess.Var.CARRIED_OVER, CycleDriver.json(answers));
    return form;
  }

  protected int messages(String agencyId) {
    return count("select count(*) from lt_notification where kind = 'CARRIED_OVER' and agency_id = ?", agencyId);
  }
}
