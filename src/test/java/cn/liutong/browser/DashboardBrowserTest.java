package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.RectificationDriver;
import cn.liutong.support.TestAgency;
import cn.liutong.vanguard.VanguardDriver;
import cn.liutong.support.TestYear;

/**
 * A manager follows a cycle branch by branch on the 六同看板 in Cockpit, in headless Chromium asking
 * for Chinese: the agency-level late steps include the committee's own, a branch's link opens that
 * branch's work only (items, reports, findings, rectifications, late steps), and a late step opens the
 * task in Tasklist. Screenshots of both pages go to target/browser-screenshots/ (also on success, so
 * that a person can look at what the manager sees).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DashboardBrowserTest {

  /** The default items' milestone date ({@link CycleDriver#items()}), read before a test moves the clock. */
  private final String milestoneDate = TestYear.date("06-30");
  /** The engine clock's day when the test began: the days the test moves the clock to count from it. */
  private final LocalDate today = TestYear.today();

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  private static final String AUDIT = agency.branch(TestAgency.AUDIT);
  private static final String BUDGET = agency.branch(TestAgency.BUDGET);

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  private VanguardDriver post;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    if (post != null) {
      post.remove(jdbc);
    }
  }

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aManagerFollowsABranchToItsWorkAndALateStepToTasklist() {
    // every branch reported; the committee found problems at the audit and the budget branch; the audit
    // branch drafted its rectification plan, which the committee has to review within 5 days
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    // a member of the audit branch holds a 党员先锋岗 and reports on it when the round begins
    post = new VanguardDriver(engine).apply(agency.member(TestAgency.AUDIT, 0), VanguardDriver.application("审计监督党员先锋岗"))
        .reviewByBranch(agency.secretary(TestAgency.AUDIT), "approved", null).reviewByCommittee(agency.committee(), "approved", null);
    cycle.inspectionDue();
    post.submit(agency.member(TestAgency.AUDIT, 0), "Task_ReportFulfilment", java.util.Map.of("fulfilment", "本轮完成审计项目3个，按期出具报告"));
    engine.getTaskService().claim(cycle.branchTask("Task_ReportProgress", AUDIT).getId(), agency.secretary(TestAgency.AUDIT));
    agency.branches().forEach(cycle::reportProgress);
    cycle.reportOwnItems(); // the party group's and the committee's owners report on their items
    engine.getTaskService().claim(cycle.tasks("Task_Inspect").stream()
        .filter(t -> AUDIT.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst()
        .orElseThrow().getId(), agency.committee());
    cycle.inspect(AUDIT, "主题党日活动流于形式").inspect(BUDGET, "三会一课记录不全");
    RectificationDriver rectification = new RectificationDriver(engine,
        RectificationDriver.of(engine, cycle.cycleId(), AUDIT).get(0)).plan();
    String review = rectification.task("Task_ReviewRectificationPlan").getId();
    ClockUtil.setCurrentTime(day(10)); // the review is 5 days late, the budget branch's plan 3 days

    String base = "http://127.0.0.1:" + port;
    browser.login(base, "cockpit", agency.committee(), agency.committee());
    browser.waitForClickable(By.cssSelector("#lt-nav"));
    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId());
    browser.waitFor(By.cssSelector("#lt-branch-table tr[data-branch='" + AUDIT + "']"));
    assertThat(browser.text("#lt-overdue .lt-summary")).as("the committee's late review counts for the agency")
        .startsWith("共 2 项逾期").contains("其中机关层面（机关党委、党组办理） 1 项");
    assertThat(browser.text("#lt-overdue-tasks tr[data-level='agency']")).contains("审核整改方案")
        .contains("监督检查局党支部").contains("市财政局机关党委").contains("机关层面");
    browser.screenshot("dashboard-cycle");

    // the branch's name opens its own page: nothing of the other branches
    browser.click(browser.waitFor(By.cssSelector("#lt-branch-table tr[data-branch='" + AUDIT + "'] a.lt-branch")));
    browser.waitFor(By.cssSelector("#lt-branch-title[data-branch='" + AUDIT + "']"));
    browser.waitFor(By.cssSelector("#lt-branch-findings-table"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/liutong-dashboard?cycle=" + cycle.cycleId() + "&branch=" + AUDIT);
    String page = browser.text("#liutong-dashboard");
    // the audit branch is inspected, the treasury branch not yet: the round (and so 同检查) waits for its 督查通报
    assertThat(page).contains("监督检查局党支部", "同检查", "待其他支部督查完成后发布督查通报", "逾期事项", "责任清单",
        "进展报告（同述）", "督查发现", "整改", "考核结果")
        .contains("支部标准化规范化建设", "第二季度完成阶段任务", milestoneDate, "已签收")
        .contains("第1轮", "按期召开三会一课，开展主题党日两次", "郑宇")
        .contains("发现问题", "主题党日活动流于形式", "王强")
        .contains("督查发现", "整改中", "审核整改方案")
        .contains("市财政局机关党委", "机关层面", "5天")
        .contains("党员先锋岗、示范窗口", "审计监督党员先锋岗", "冯雪", "在岗", "第1轮", "本轮完成审计项目3个，按期出具报告")
        .doesNotContain("预算处", "国库处", "三会一课记录不全")
        .as("no login ids or codes where names exist").doesNotContain(agency.secretary(TestAgency.AUDIT), agency.committee(), AUDIT, agency.secretariesGroup(TestAgency.AUDIT));
    assertThat(browser.all(By.cssSelector("#lt-branch-items-table tbody tr"))).as("the branch's one item of the default list")
        .hasSize(1);
    assertThat(browser.all(By.cssSelector("#lt-branch-reports-table tbody tr"))).hasSize(1);
    assertThat(browser.all(By.cssSelector("#lt-branch-findings-table tbody tr[data-problem='yes']"))).hasSize(1);
    assertThat(browser.all(By.cssSelector("#lt-branch-late-table tbody tr"))).hasSize(1);
    browser.screenshot("dashboard-branch");

    // the late step opens the task in Tasklist, beside Cockpit
    String cockpit = browser.driver().getWindowHandle();
    WebElement lateStep = browser.waitFor(By.cssSelector("#lt-branch-late-table tr[data-task='" + review + "'] a.lt-late-step"));
    assertThat(lateStep.getText()).isEqualTo("审核整改方案");
    browser.click(lateStep);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> d.getWindowHandles().size() == 2);
    browser.driver().getWindowHandles().stream().filter(h -> !h.equals(cockpit)).findFirst()
        .ifPresent(h -> browser.driver().switchTo().window(h));
    assertThat(browser.driver().getCurrentUrl()).contains("/camunda/app/tasklist/default/").contains("task=" + review);
    browser.waitUntilTextPresent(By.cssSelector(".names h2.task"), "审核整改方案");
    browser.waitFor(By.cssSelector(".fjs-form"));
    browser.screenshot("dashboard-late-step-in-tasklist");
    browser.driver().close();
    browser.driver().switchTo().window(cockpit);

    // and back to the whole cycle
    browser.click(browser.waitFor(By.cssSelector("#lt-back")));
    browser.waitFor(By.cssSelector("#lt-branch-table tr[data-branch='" + BUDGET + "']"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/liutong-dashboard?cycle=" + cycle.cycleId());
  }

  /** Noon of the day so many days from today. */
  private Date day(int fromToday) {
    return Date.from(today.plusDays(fromToday).atTime(LocalTime.NOON).atZone(ZoneId.systemDefault()).toInstant());
  }
}
