package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.CycleProcess;
import cn.liutong.support.FrozenClock;
import cn.liutong.support.TestAgency;

/**
 * 逐项报告 and 亮灯 in the real webapps, in headless Chromium: the budget branch's secretary (陈静) reports on each
 * of the branch's two items in 报告党建和业务进展 (one 已完成 with a note, one 推进中), presses 完成 (the list's
 * cleared errors must not keep it disabled), and the committee member (王强) sees the lights on the branch's page
 * of the 六同看板: 已完成 green, the other yellow (its date within 7 days); the cycle's board counts the lights.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@FrozenClock("2026-06-25T10:00")
class MilestoneBrowserTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  static final String BUDGET = agency.branch(TestAgency.BUDGET);
  static final String SECRETARY = agency.secretary(TestAgency.BUDGET);
  static final String COMMITTEE = agency.committee();

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
  void aSecretaryReportsEachItemAndTheCommitteeSeesTheLights() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan();
    List<String> goals = CycleDriver.goals().stream().map(g -> (String) g.get(CycleProcess.Goal.NAME)).toList();
    List<String> branches = List.of(agency.branch(TestAgency.AUDIT), BUDGET, BUDGET, agency.branch(TestAgency.TREASURY));
    List<String> dates = List.of("2026-09-30", "2026-06-28", "2026-06-30", "2026-09-30");
    cycle.decompose(cycle.withAgencyLevels(java.util.stream.IntStream.range(0, 4).mapToObj(i -> cycle.branchItem(
        goals.get(i), branches.get(i), "第" + (i + 1) + "个节点完成", dates.get(i))).toList())).deploy_signAll();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    String report = cycle.branchTask(CycleProcess.Activity.REPORT_PROGRESS, BUDGET).getId();
    String base = "http://127.0.0.1:" + port;
    Tasklist tasklist = new Tasklist(browser, base, engine, cycle::continuations);

    tasklist.as(SECRETARY).open("本支部待办", report);
    assertThat(browser.text(".fjs-form")).contains("责任事项逐项进展");
    List<String> shown = browser.all(By.cssSelector(".fjs-form input")).stream().map(i -> i.getAttribute("value")).toList();
    assertThat(shown).as("the branch's two items, each with its light").contains("第2个节点完成", "2026-06-28", "第3个节点完成", "临近")
        .doesNotContain("第1个节点完成", "第4个节点完成");
    tasklist.complete(SECRETARY, "本支部待办", report, "report-progress", Map.of(
        CycleProcess.ItemProgress.LIST, List.of(
            Map.of(CycleProcess.ItemProgress.STATUS, CycleProcess.ItemProgress.DONE, CycleProcess.ItemProgress.NOTE, "已提前完成并报送"),
            Map.of(CycleProcess.ItemProgress.STATUS, CycleProcess.ItemProgress.IN_PROGRESS))));
    assertThat(jdbc.queryForList("select status from lt_item_progress where cycle_id = ? order by status", String.class,
        cycle.cycleId())).containsExactly("done", "inProgress");

    browser.login(base, "cockpit", COMMITTEE, COMMITTEE);
    browser.waitFor(By.id("lt-nav"));
    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId() + "&branch=" + BUDGET);
    WebElement done = browser.waitFor(By.cssSelector("#lt-branch-items-table tr[data-item='2'] .lt-light"));
    assertThat(done.getText()).isEqualTo("已完成");
    assertThat(done.getAttribute("data-colour")).isEqualTo("green");
    WebElement soon = browser.waitFor(By.cssSelector("#lt-branch-items-table tr[data-item='3'] .lt-light"));
    assertThat(soon.getText()).isEqualTo("临近");
    assertThat(soon.getAttribute("data-colour")).isEqualTo("yellow");
    assertThat(browser.text("#lt-branch-items-table tr[data-item='2']")).contains("已提前完成并报送").contains("已完成");
    browser.screenshot("dashboard-milestone-lights");

    // the cycle's board: the agency's items by light, and each branch's
    browser.click(browser.waitForClickable(By.id("lt-back")));
    browser.waitFor(By.cssSelector("#lt-branch-table tr[data-branch='" + BUDGET + "']"));
    assertThat(List.of("done", "onTrack", "dueSoon", "overdue").stream()
        .map(light -> browser.text("#lt-milestone-lights [data-light='" + light + "'] .lt-num")).toList())
        .as("the branches' four, and the party group's two and the committee's item (06-30) due soon as well")
        .containsExactly("1", "2", "4", "0");
    assertThat(browser.text("#lt-branch-table tr[data-branch='" + BUDGET + "'] [data-light='dueSoon'] .lt-num")).isEqualTo("1");
    browser.screenshot("dashboard-milestone-board");
  }
}
