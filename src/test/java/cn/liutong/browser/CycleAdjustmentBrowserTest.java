package cn.liutong.browser;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestYear;

/**
 * 周期中调整目标和责任清单 in the real Tasklist, in headless Chromium: the committee member starts the request from
 * 启动流程, adds a business goal (taking weight from another), rewrites one branch's measures and gives the new goal
 * to the audit branch; the party group approves it from 待我审批. The ledger holds the new version and the earlier one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CycleAdjustmentBrowserTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @RegisterExtension
  static Browser browser = new Browser();

  static final String MINE = "我的待办";
  static final String TO_APPROVE = "待我审批";
  static final String NEW_GOAL = "优化营商环境";
  static final String NEW_MEASURES = "梳理审计发现的营商环境问题，按月跟踪整改";
  static final String BUDGET_MEASURES = "压缩预算编审周期，按季度通报执行进度";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void theCommitteeAdjustsInTasklistAndThePartyGroupApproves() throws Exception {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy();
    Tasklist tasklist = new Tasklist(browser, "http://127.0.0.1:" + port, engine, cycle::continuations);

    tasklist.start(agency.committee(), "周期中调整目标和责任清单", "adjustment-start",
        Map.of("adjustmentReason", "市委部署优化营商环境专项行动，需增设业务目标并调整相关支部责任事项"));
    String id = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("cycle-adjustment")
        .tenantIdIn(agency.id()).singleResult().getId();

    List<Map<String, Object>> goals = new ArrayList<>(CycleDriver.goals().subList(0, 3));
    goals.add(CycleDriver.goal("business", "预算执行率", "年度预算执行率", "≥95%", 50));
    goals.add(CycleDriver.goal("business", NEW_GOAL, "企业反映问题办结率", "100%", 10));
    tasklist.complete(agency.committee(), MINE, task(id, "Task_AdjustGoals"), "adjust-goals", Map.of("goals", goals));

    String itemsTask = task(id, "Task_AdjustItems");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> item : new ObjectMapper().<List<Map<String, Object>>>readValue(
        String.valueOf(engine.getTaskService().getVariable(itemsTask, "items")), new TypeReference<>() { })) {
      boolean budget = agency.branch(BUDGET).equals(item.get("branchCode"));
      rows.add(row((String) item.get("goalName"), (String) item.get("branchName"),
          budget ? BUDGET_MEASURES : (String) item.get("measures"), (String) item.get("milestone"),
          (String) item.get("milestoneDate")));
    }
    int budgetItem = jdbc.queryForObject("select min(position) from lt_responsibility_item where cycle_id = ? and branch_code = ?",
        Integer.class, cycle.cycleId(), agency.branch(BUDGET));
    String auditName = jdbc.queryForObject("select distinct branch_name from lt_responsibility_item where branch_code = ?",
        String.class, agency.branch(AUDIT));
    rows.add(row(NEW_GOAL, auditName, NEW_MEASURES, "完成问题台账", TestYear.date("10-31")));
    tasklist.complete(agency.committee(), MINE, itemsTask, "adjust-items", Map.of("items", rows));

    tasklist.complete(agency.partyGroup(), TO_APPROVE, task(id, "Task_ApproveAdjustment"), "approve-adjustment",
        Map.of("adjustmentDecision", "approved"));

    assertThat(jdbc.queryForMap("select status, summary from lt_cycle_adjustment where id = ?", id))
        .containsEntry("STATUS", "approved").containsEntry("SUMMARY", "目标体系：新增“" + NEW_GOAL + "”；修改“预算执行率”。责任事项：新增1项（"
            + auditName + "）；修改第" + budgetItem + "项。");
    assertThat(jdbc.queryForList("select name from lt_goal where cycle_id = ? order by position", String.class, cycle.cycleId()))
        .endsWith(NEW_GOAL);
    assertThat(jdbc.queryForList("select measures from lt_responsibility_item where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), agency.branch(BUDGET))).containsOnly(BUDGET_MEASURES);
    assertThat(jdbc.queryForList("select measures from lt_responsibility_item where cycle_id = ? and branch_code = ?",
        String.class, cycle.cycleId(), agency.branch(AUDIT))).contains(NEW_MEASURES);
    assertThat(jdbc.queryForObject("select items_before from lt_cycle_adjustment where id = ?", String.class, id))
        .as("the earlier version is kept").contains("结合处室职能制定具体措施并按月推进").doesNotContain(BUDGET_MEASURES);
  }

  private String task(String processInstanceId, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId)
        .singleResult().getId();
  }

  /** A row as the committee fills it: the goal and branch by the names it sees. */
  private static Map<String, Object> row(String goal, String branchName, String measures, String milestone, String date) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("goalName", goal);
    row.put("branchCode", branchName);
    row.put("measures", measures);
    row.put("milestone", milestone);
    row.put("milestoneDate", date);
    return row;
  }
}
