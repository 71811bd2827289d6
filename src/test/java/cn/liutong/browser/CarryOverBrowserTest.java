package cn.liutong.browser;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.demo.CycleScenario;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestYear;

/**
 * The draft of next year's goals in the real Tasklist, in headless Chromium: this year's cycle has just closed
 * and carried two open problems into it; the committee member (王强) sees them under the goals, takes the first
 * up in one of the goals he drafts (chosen among them), explains the second, and completes. The answers are in
 * the ledger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CarryOverBrowserTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  static final String MINE = "我的待办";
  static final String GOAL = "支部标准化规范化建设";
  static final String EXPLANATION = "预算处已将绩效短板列入处务会年度重点，由机关党委按季督导";

  @RegisterExtension
  static Browser browser = new Browser();

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
  void theCommitteeAnswersEachCarriedProblemInTheDraft() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    agency.branches().forEach(b -> cycle.inspect(b, b.equals(agency.branch(AUDIT)) ? "主题党日活动流于形式，未结合业务难点" : null));
    agency.branches().forEach(b -> cycle.dutyReport(b).evaluateAll(b));
    cycle.scores(agency.branch(BUDGET), 70, 70, false, null);
    agency.branches().forEach(cycle::score);
    cycle.approveResults();
    CycleDriver next = new CycleDriver(engine, agency);
    int nextYear = TestYear.year() + 1;
    next.start(CycleScenario.startForm(nextYear + "年度党建与业务融合工作", nextYear + "-01-01", nextYear + "-12-31", 1L, 30L));
    cycle.decideMeasure(agency.branch(BUDGET), "interview"); // closes: two problems arrive in the open draft
    String draft = next.task("Task_DraftGoals").getId();

    Tasklist tasklist = new Tasklist(browser, "http://127.0.0.1:" + port, engine, next::continuations);
    tasklist.as(agency.committee()).open(MINE, draft);
    browser.waitFor(By.cssSelector(".fjs-form"));
    assertThat(browser.text(".fjs-form")).contains("上一周期遗留问题（请逐项回应）");
    String shown = (String) ((JavascriptExecutor) browser.driver()).executeScript(
        "return Array.from(document.querySelectorAll('.fjs-form textarea')).map(e => e.value).join('\\n');");
    assertThat(shown).contains("【监督检查局党支部】未销号整改").contains("【预算处党支部】上一周期考核等次为一般");

    tasklist.complete(agency.committee(), MINE, draft, "draft-goals", Map.of("goals", CycleDriver.goals(),
        "carriedOver", List.of(answer("answer", "goal", "goal", GOAL), answer("answer", "explained", "explanation", EXPLANATION))));

    assertThat(jdbc.queryForList("""
        select branch_code, answer_goal, answer_explanation, answered_by from lt_carry_over where to_cycle_id = ?
        order by branch_code""", next.cycleId()))
        .extracting(r -> r.get("BRANCH_CODE") + "|" + r.get("ANSWER_GOAL") + "|" + r.get("ANSWER_EXPLANATION") + "|" + r.get("ANSWERED_BY"))
        .containsExactly(agency.branch(AUDIT) + "|" + GOAL + "|null|" + agency.committee(),
            agency.branch(BUDGET) + "|null|" + EXPLANATION + "|" + agency.committee());
    assertThat(next.task("Task_ApproveGoals")).isNotNull();
  }

  private static Map<String, Object> answer(String... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }
}
