package cn.liutong.browser;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.TestAgency;

/**
 * The real webapps in headless Chromium, in Chinese. A branch secretary clears a task in Tasklist: logs
 * in, finds the branch's task, claims it, first enters a bad value and sees the form refuse it, then
 * submits a good one. A manager reads the 六同看板 in Cockpit, and follows a cycle in its diagram: the six stages
 * in a row, each opening into its own steps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class WebappsBrowserTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aSecretarySignsForTheBranchItemsInChineseTasklist() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String base = "http://127.0.0.1:" + port;

    browser.login(base, "tasklist", agency.secretary(BUDGET), agency.secretary(BUDGET));
    browser.waitUntilTextPresent(By.cssSelector("body"), "本支部待办");
    assertThat(browser.driver().findElement(By.tagName("body")).getText()).as("Tasklist speaks Chinese")
        .contains("本支部待办").contains("我的待办");

    browser.waitForClickable(By.xpath("//a[contains(., '本支部待办')]")).click();
    browser.waitFor(By.xpath("//a[contains(., '支部签收责任清单')]"));
    // other cycles of the shared test database may wait here too: open this cycle's task
    String taskId = cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getId();
    String list = browser.driver().getCurrentUrl();
    browser.driver().get(list + (list.contains("?") ? "&" : "?") + "task=" + taskId);
    browser.waitForClickable(By.xpath("//button[contains(., '认领')]")).click();

    // the form shows this branch's items and refuses an objection without content
    WebElement form = browser.waitFor(By.cssSelector(".fjs-form"));
    assertThat(browser.waitFor(By.cssSelector(".fjs-form input[id$='Field_branchName']")).getAttribute("value"))
        .isEqualTo("预算处党支部");
    browser.click(form.findElement(By.xpath(".//label[contains(., '提出异议')]")));
    WebElement objection = browser.waitFor(By.cssSelector(".fjs-form textarea[id$='Field_objection']"));
    objection.sendKeys("短");
    objection.sendKeys(org.openqa.selenium.Keys.TAB);
    browser.waitUntilTextPresent(By.cssSelector(".fjs-form-field-error"), "长度不能少于 5 个字");
    assertThat(browser.driver().findElement(By.cssSelector("button[ng-click='complete()']")).isEnabled())
        .as("the form cannot be completed with a bad value").isFalse();
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(BUDGET))).as("nothing submitted").isNotNull();

    // a proper objection goes to the committee
    objection.sendKeys("责任措施超出本处职责范围，建议调整");
    browser.click(browser.waitFor(By.cssSelector("button[ng-click='complete()']")));
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
        .until(d -> !cycle.tasks("Task_AnswerObjection").isEmpty());
    browser.waitUntilTextPresent(By.cssSelector("body"), "请在列表中选择一个任务");
    assertThat(cycle.tasks("Task_AnswerObjection")).hasSize(1);
    assertThat(engine.getTaskService().getVariable(cycle.task("Task_AnswerObjection").getId(), "objection"))
        .isEqualTo("短责任措施超出本处职责范围，建议调整");
  }

  @Test
  void aManagerReadsWhereEveryBranchStandsInTheCockpitDashboard() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose().signFor(agency.branch(BUDGET))
        .signFor(agency.branch(AUDIT));
    String base = "http://127.0.0.1:" + port;

    browser.login(base, "cockpit", agency.committee(), agency.committee());
    browser.waitForClickable(By.cssSelector("#lt-nav")).click();
    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId());
    browser.waitFor(By.cssSelector("#lt-branch-table tr[data-branch='" + agency.branch(TREASURY) + "']"));

    assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("六同看板").contains("阶段分布");
    // two branches signed for their items and moved on to 同落实; the treasury branch still signs for them
    assertThat(browser.driver().findElement(By.cssSelector(".lt-stage[data-stage='implement'] .lt-num")).getText()).isEqualTo("2");
    assertThat(browser.driver().findElement(By.cssSelector(".lt-stage[data-stage='deploy'] .lt-num")).getText()).isEqualTo("1");
    assertThat(browser.all(By.cssSelector("#lt-branch-table tr[data-branch='" + agency.branch(TREASURY) + "'][data-stage='deploy']"))).hasSize(1);
    assertThat(browser.all(By.cssSelector("#lt-branch-table tr[data-branch='" + agency.branch(BUDGET) + "'][data-stage='implement']"))).hasSize(1);
  }

  @Test
  void aManagerFollowsACycleFromTheSixStagesIntoAStagesSteps() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose().signFor(agency.branch(BUDGET));
    String base = "http://127.0.0.1:" + port;

    browser.login(base, "cockpit", agency.committee(), agency.committee());
    browser.waitForClickable(By.cssSelector("#lt-nav"));
    browser.driver().get(base + "/camunda/app/cockpit/default/#/process-instance/" + cycle.cycleId() + "/runtime");
    String stage = ".djs-element[data-element-id='%s']";
    browser.waitFor(By.cssSelector(String.format(stage, "SubProcess_Deploy")));
    List<String> stages = List.of("SubProcess_Plan", "SubProcess_Deploy", "SubProcess_Implement", "SubProcess_Supervise",
        "SubProcess_Assess", "SubProcess_Accountability");
    for (String id : stages) {
      assertThat(browser.all(By.cssSelector(String.format(stage, id)))).as(id + " on the top level").hasSize(1);
    }
    assertThat(browser.all(By.cssSelector(String.format(stage, "Task_SignFor")))).as("the steps wait behind their stage")
        .isEmpty();
    assertThat(browser.text(String.format(stage, "SubProcess_Deploy"))).contains("同部署");

    // 同部署 opens into its steps: two branches still sign for their items
    browser.click(browser.waitFor(By.cssSelector(".djs-overlays[data-container-id='SubProcess_Deploy'] .bjs-drilldown")));
    browser.waitFor(By.cssSelector(String.format(stage, "Task_SignFor")));
    browser.waitUntilTextPresent(By.cssSelector(".djs-overlays[data-container-id='Task_SignFor']"), "2");
    assertThat(browser.all(By.cssSelector(String.format(stage, "SubProcess_Plan")))).as("the top level is left").isEmpty();
  }
}
