package cn.liutong.browser;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.TestAgency;

/**
 * What every role sees in the four webapps, in a Chinese browser whose own time zone is UTC (the machine's):
 * no tenant ids, no login ids where a name exists, no bare priorities, no version tags, no English, dates
 * as 2026-03-31 in Beijing time, no end-of-life banner; the Tasklist header names the person's unit and
 * role, and 启动流程 is offered only to those who may start something (the committee its cycles, branch members
 * their 党员先锋岗 application). Screenshots of Welcome, Cockpit and Admin are kept for
 * the user guide ({@link Browser#guideImages()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChineseWebappsBrowserTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  /** The agency's people whose names the screens must show instead of their logins. */
  private static final List<String> LOGINS = agency.users();
  /** Latin words a person may read: the product name in the footer ("技术支持：Camunda Platform"). */
  private static final Set<String> ALLOWED_LATIN = Set.of("Camunda", "Platform");
  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
  private static final Pattern ISO_DATE = Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d\\b");
  private static final Pattern OTHER_DATE = Pattern.compile("\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b|\\b\\d{4}/\\d{1,2}/\\d{1,2}\\b");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  private CycleDriver cycle;
  private Task treasuryPlan;

  /** A cycle in 同落实: the budget branch's members pledge, the treasury's secretary has claimed its plan. */
  @BeforeAll
  void cycleUnderWay() {
    cycle = new CycleDriver(engine, agency).start().plan().deploy().planImplementation(agency.branch(BUDGET));
    // the task's history names who claimed it
    treasuryPlan = cycle.branchTask("Task_PlanImplementation", agency.branch(TREASURY));
    engine.getIdentityService().setAuthentication(agency.secretary(TREASURY), List.of(agency.secretariesGroup(TREASURY), agency.branch(TREASURY)),
        List.of(agency.id()));
    try {
      engine.getTaskService().claim(treasuryPlan.getId(), agency.secretary(TREASURY));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aMemberSeesTheirBranchAndMayApplyForAPostButNotCreate() {
    Task pledge = cycle.memberTask("Task_Pledge", agency.member(BUDGET, 0));
    openTasklist(agency.member(BUDGET, 0), pledge.getId());

    assertThat(header()).contains("预算处党支部 · 党员");
    assertThat(shown(".start-process-action")).as("启动流程 for 党员先锋岗/示范窗口").hasSize(1);
    assertNotOffered("create-task-action");
    assertPlainChinese("Tasklist of a member");
  }

  @Test
  void aSecretarySeesTheirBranchAndRoleAndNoCreate() {
    openTasklist(agency.secretary(BUDGET), cycle.memberTask("Task_Pledge", agency.secretary(BUDGET)).getId());

    assertThat(header()).contains("预算处党支部 · 支部书记").doesNotContain("机关党委");
    assertNotOffered("create-task-action");
    assertPlainChinese("Tasklist of a secretary");
  }

  /** The administrator, who may read the history of every task (the people of the agency may not, 7.24). */
  @Test
  void aTaskHistoryNamesWhoClaimedItInBeijingTime() {
    openTasklist("admin", treasuryPlan.getId());
    assertThat(header()).isEqualTo("系统管理员");
    browser.click(browser.waitForClickable(By.xpath("//a[normalize-space(.)='历史']")));
    browser.waitFor(By.cssSelector(".operation-user"));
    waitForTranslations();

    UserOperationLogEntry claim = engine.getHistoryService().createUserOperationLogQuery()
        .taskId(treasuryPlan.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_CLAIM).list().get(0);
    String beijingTime = claim.getTimestamp().toInstant().atZone(BEIJING).format(DateTimeFormatter.ofPattern("HH:mm"));
    assertThat(browser.driver().findElement(By.cssSelector(".operation-meta")).getText())
        .as("the claim, by name, at its Beijing time").contains("孙丽").contains(beijingTime);
    assertPlainChinese("task history");
  }

  @Test
  void theCommitteeSeesItsUnitAndMayStartTheCycle() {
    openTasklist(agency.committee(), null);
    browser.click(browser.waitForClickable(By.xpath("//a[contains(., '本机关全部待办')]")));
    browser.waitFor(By.xpath("//h5[contains(@class, 'assignee')]"));
    waitForTranslations();

    assertThat(header()).contains("市财政局机关党委 · 机关党委委员");
    assertThat(shown(".start-process-action")).as("启动流程 for the committee").hasSize(1);
    assertNotOffered("create-task-action");
    assertThat(text(By.cssSelector(".tasks-list"))).as("assignees by name").contains("李伟")
        .as("due and creation dates as 2026-03-31").containsPattern(ISO_DATE);
    assertPlainChinese("Tasklist of the committee");

    // the start dialog lists the cycle without a tenant id or version; its form's dates read 2026-03-31
    browser.click(browser.waitForClickable(By.cssSelector(".start-process-action a")));
    browser.waitUntilTextPresent(By.cssSelector(".modal-content"), "融合工作六同闭环");
    waitForTranslations();
    assertPlainChinese("start dialog");
    browser.click(browser.waitForClickable(By.xpath("//div[contains(@class, 'modal-content')]//a[contains(., '融合工作六同闭环')]")));
    browser.waitFor(By.cssSelector(".modal-content .fjs-form .fjs-datepicker input"));
    waitForTranslations();
    assertPlainChinese("start form");
    assertThat(browser.driver().findElement(By.cssSelector(".modal-content .fjs-datepicker input")).getAttribute("placeholder"))
        .isEqualTo("例：2026-03-31");
  }

  /** 已逾期 lists a person's own overdue work; 本机关已逾期 every overdue task of the agency, for the committee's 督办. */
  @Test
  void overdueWorkIsListedForWhoHoldsItAndForTheCommittee() throws IOException {
    var tasks = engine.getTaskService();
    Task plan = tasks.createTaskQuery().taskId(treasuryPlan.getId()).singleResult();
    Date due = plan.getDueDate();
    plan.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.DAYS)));
    tasks.saveTask(plan);
    try {
      openTasklist(agency.committee(), null);
      browser.click(browser.waitForClickable(By.xpath("//a[contains(., '本机关已逾期')]")));
      browser.waitUntilTextPresent(By.cssSelector(".tasks-list"), "制定落实方案");
      assertThat(text(By.cssSelector(".tasks-list"))).as("the treasury's overdue plan, claimed by 孙丽")
          .contains("制定落实方案").contains("孙丽").doesNotContain("党员承诺践诺");
      assertPlainChinese("本机关已逾期");
      new Actions(browser.driver()).moveToLocation(900, 500).perform(); // no filter's tooltip in the picture
      keepForGuide("tasklist-committee-overdue.png");

      openTasklist(agency.secretary(TREASURY), null);
      browser.click(browser.waitForClickable(By.xpath("//a[contains(., '已逾期')]")));
      browser.waitUntilTextPresent(By.cssSelector(".tasks-list"), "制定落实方案");
      assertThat(text(By.cssSelector(".tasks-list"))).as("her own overdue plan; not the budget branch's pledges")
          .contains("制定落实方案").doesNotContain("党员承诺践诺");
    } finally {
      plan.setDueDate(due);
      tasks.saveTask(plan);
    }
  }

  @Test
  void thePartyGroupSeesItsUnit() {
    openTasklist(agency.partyGroup(), null);

    assertThat(header()).as("赵敏 is the party group's secretary (党组书记)").contains("市财政局党组 · 党组书记");
    assertNotOffered("start-process-action", "create-task-action");
    assertPlainChinese("Tasklist of the party group");
  }

  @Test
  void aTaskShowsItsAgencyByNameAndDatesInBeijingTime() {
    openTasklist(agency.member(BUDGET, 0), cycle.memberTask("Task_Pledge", agency.member(BUDGET, 0)).getId());

    assertThat(text(By.cssSelector(".task-card .tenant-id"))).isEqualTo("市财政局");
    assertThat(text(By.cssSelector(".task-card h4.process-definition"))).isEqualTo("融合工作六同闭环");
    String midnightUtc = (String) ((JavascriptExecutor) browser.driver()).executeScript(
        "return angular.element(document.body).injector().get('moment')('2026-03-31T00:00:00.000+0000')"
            + ".format('YYYY-MM-DD HH:mm');");
    assertThat(midnightUtc).as("UTC midnight in Beijing time").isEqualTo("2026-03-31 08:00");
    assertThat(text(By.cssSelector("#footer-timezone"))).contains("北京时间");
  }

  @Test
  void cockpitSpeaksPlainChinese() throws IOException {
    login("cockpit", agency.committee(), "六同看板");
    browser.waitFor(By.cssSelector("#lt-nav"));
    waitForTranslations();
    assertPlainChinese("Cockpit dashboard");
    keepForGuide("cockpit-dashboard.png");

    browser.driver().get(base() + "/camunda/app/cockpit/default/#/processes");
    browser.waitUntilTextPresent(By.cssSelector("body"), "融合工作六同闭环");
    waitForTranslations();
    assertPlainChinese("Cockpit process definitions");
  }

  @Test
  void adminShowsGroupTypesAndTheAdministratorsInChinese() throws IOException {
    login("admin", "admin", "用户");
    browser.driver().get(base() + "/camunda/app/admin/default/#/groups");
    browser.waitUntilTextPresent(By.cssSelector("body"), "预算处党支部");
    waitForTranslations();

    String groups = text(By.tagName("table"));
    assertThat(groups).contains("系统管理员组").contains("党支部").contains("支部委员会").contains("机关党委").contains("党组")
        .doesNotContain("camunda BPM Administrators").doesNotContain("branchSecretaries").doesNotContain("SYSTEM");
    assertNoEolBanner("Admin");
    keepForGuide("admin-groups.png");
  }

  @Test
  void welcomeLinksToTheChineseUserGuide() throws IOException {
    login("welcome", agency.secretary(BUDGET), "用户指南");
    WebElement guide = browser.waitFor(By.xpath("//a[normalize-space(.)='用户指南']"));
    waitForTranslations();
    assertThat(guide.getAttribute("href")).endsWith("/guide/");
    assertThat(shown("a[href*='docs.camunda']")).as("no link to Camunda's documentation").isEmpty();
    assertPlainChinese("Welcome");
    keepForGuide("welcome.png");

    browser.click(guide);
    browser.waitUntilTextPresent(By.tagName("h1"), "用户指南");
    assertThat(text(By.tagName("body"))).contains("党员").contains("支部书记").contains("机关党委").contains("党组")
        .contains("管理员");
    List<WebElement> images = browser.all(By.tagName("img"));
    assertThat(images).as("screenshots in the guide").isNotEmpty();
  }

  // --------------------------------------------------------------------------------------------- helpers

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Logs in to Tasklist and opens a task (or none), once the header knows who is signed in. */
  private void openTasklist(String user, String taskId) {
    login("tasklist", user, "我的待办");
    if (taskId != null) {
      browser.driver().get(base() + "/camunda/app/tasklist/default/#/?task=" + taskId);
      browser.waitFor(By.cssSelector(".task-card h2.task"));
    }
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(d -> !d.findElements(By.cssSelector(".lt-signed-in-user")).isEmpty()
            && !d.findElement(By.cssSelector(".lt-signed-in-user")).getText().isBlank());
    waitForTranslations();
  }

  /**
   * Logs in (password = user id) until the app shows the given text. Typing into the login form while
   * AngularJS is still starting can lose a character; Camunda then refuses the next login of that user
   * for a few seconds, so a refused login is tried again after a pause.
   */
  private void login(String app, String user, String shownAfterLogin) {
    for (int attempt = 1; ; attempt++) {
      browser.login(base(), app, user, user);
      try {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> {
          String body = d.findElement(By.tagName("body")).getText();
          if (body.contains("登录失败")) {
            throw new IllegalStateException("login refused");
          }
          return body.contains(shownAfterLogin) && d.findElements(By.cssSelector("input[ng-model='username']")).isEmpty();
        });
        return;
      } catch (RuntimeException refused) {
        if (attempt == 3) {
          throw refused;
        }
        sleep(5000);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String header() {
    return text(By.cssSelector(".lt-signed-in-user"));
  }

  private String text(By by) {
    for (int attempt = 1; ; attempt++) {
      try {
        return browser.driver().findElement(by).getText().trim();
      } catch (StaleElementReferenceException rerendered) {
        if (attempt == 3) {
          throw rerendered;
        }
      }
    }
  }

  /** The script rewrites names in the next animation frame after AngularJS renders. */
  private void waitForTranslations() {
    sleep(700);
  }

  private void assertNotOffered(String... actions) {
    for (String action : actions) {
      assertThat(shown("." + action)).as(action + " offered").isEmpty();
    }
  }

  private void assertNoEolBanner(String where) {
    assertThat(shown(".ce-eol-banner")).as("end-of-life banner in " + where).isEmpty();
    assertThat(text(By.tagName("body"))).as(where).doesNotContain("Camunda 8");
  }

  /** The texts of the elements that a person sees, read at once (AngularJS re-renders lists at any time). */
  @SuppressWarnings("unchecked")
  private List<String> shown(String selector) {
    return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
        return [...document.querySelectorAll(arguments[0])]
          .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => e.textContent.trim());
        """, selector);
  }

  /** Everything a person reads on the page, and the values of the fields they see. */
  private String visibleText() {
    return (String) ((JavascriptExecutor) browser.driver()).executeScript("""
        const values = [...document.querySelectorAll('input, textarea')]
          .filter((e) => e.offsetParent !== null && !['hidden', 'checkbox', 'radio'].includes(e.type))
          .map((e) => (e.value || '') + ' ' + (e.placeholder || ''));
        return document.body.innerText + '\\n' + values.join('\\n');
        """);
  }

  private void assertPlainChinese(String where) {
    String text = visibleText();
    assertNoEolBanner(where);
    assertThat(text).as(where + ": tenant id").doesNotContainPattern("\\b" + agency.id() + "\\b");
    assertThat(text).as(where + ": version tag").doesNotContain("(v. ");
    for (String login : LOGINS) {
      assertThat(text).as(where + ": login id instead of a name").doesNotContainPattern("\\b" + login + "\\b");
    }
    Set<String> latin = new TreeSet<>();
    Matcher word = LATIN_WORD.matcher(text);
    while (word.find()) {
      latin.add(word.group());
    }
    latin.removeAll(ALLOWED_LATIN);
    assertThat(latin).as(where + ": English words").isEmpty();
    assertThat(text).as(where + ": dates other than 2026-03-31").doesNotContainPattern(OTHER_DATE);
    assertThat(shown(".tasks-list .priority")).as(where + ": bare priority").noneMatch(p -> p.matches("\\d+"));
    assertThat(text).as(where + ": relative times").doesNotContainPattern("\\d+ ?(个月|天|小时|分钟|年)(前|后)");
  }

  /** A screen-sized screenshot for the user guide (the test window is taller than a screen). */
  private void keepForGuide(String name) throws IOException {
    Dimension window = browser.driver().manage().window().getSize();
    browser.driver().manage().window().setSize(new Dimension(1400, 900));
    try {
      waitForTranslations();
      Files.write(Browser.guideImages().resolve(name), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.driver().manage().window().setSize(window);
    }
  }
}
