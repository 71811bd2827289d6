package cn.liutong.browser;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.TestAgency;

/**
 * The 办理操作 tab in the real Tasklist, in headless Chromium: the committee member (王强) opens a member's
 * pledge (李伟) from 本机关全部待办, hands it over (转办) to 张华, who finds it in 我的待办; the handover is in the
 * task's history; then he waives (免办) it with a reason and it is gone. The member himself is offered no action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TaskActionsBrowserTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  static final String BRANCH = agency.branch(BUDGET);
  /** 王强 of the agency party committee; 李伟 and 张华, members of 预算处党支部. */
  static final String COMMITTEE = agency.committee();
  static final String MEMBER = agency.member(BUDGET, 0);
  static final String MEMBER2 = agency.member(BUDGET, 1);
  static final String ALL = "本机关全部待办";
  static final String MINE = "我的待办";

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
  void theCommitteeHandsAMembersTaskOverAndWaivesIt() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy().planImplementation(BRANCH);
    String pledge = engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId())
        .taskDefinitionKey("Task_Pledge").taskAssignee(MEMBER).singleResult().getId();
    String base = "http://127.0.0.1:" + port;
    Tasklist tasklist = new Tasklist(browser, base, engine, cycle::continuations);

    // the member himself: the tab is there, with nothing to do
    tasklist.as(MEMBER).open(MINE, pledge);
    openActionsTab();
    assertThat(browser.text("#liutong-task-actions-none")).isEqualTo("您对此任务没有可执行的办理操作。");

    // 转办: the committee member finds the member's task in the agency's list
    tasklist.as(COMMITTEE);
    openFromList(base, ALL, pledge);
    openActionsTab();
    assertThat(browser.text(".lt-task-actions-holder")).isEqualTo("当前办理人：李伟");
    assertThat(browser.all(By.cssSelector("#liutong-task-actions fieldset")).stream().map(f -> f.getAttribute("data-action")))
        .containsExactly("reassign", "delegate", "waive", "urge", "copy");
    new Select(browser.waitFor(By.id("liutong-task-action-reassign-user"))).selectByVisibleText("张华");
    browser.waitFor(By.id("liutong-task-action-reassign-reason")).sendKeys("李伟参加脱产培训");
    browser.click(browser.waitForClickable(By.id("liutong-task-action-reassign")));
    waitForMessage("已转办给张华");
    assertThat(browser.text(".lt-task-actions-holder")).isEqualTo("当前办理人：张华");
    tasklist.shot("task-action-reassigned");
    assertThat(engine.getTaskService().createTaskQuery().taskId(pledge).singleResult().getAssignee()).isEqualTo(MEMBER2);

    // the new assignee has it in her list
    tasklist.as(MEMBER2).open(MINE, pledge);
    tasklist.shot("task-action-new-assignee");

    // the task's history tells who handed it over and why (the committee reads the history of its agency's tasks)
    tasklist.as(COMMITTEE);
    openFromList(base, ALL, pledge);
    browser.click(browser.waitForClickable(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='历史']")));
    tasklist.waitUntil(() -> browser.driver().findElement(By.tagName("body")).getText()
        .contains("转办：王强将任务由李伟转交给张华，理由：李伟参加脱产培训") ? Boolean.TRUE : null, "the history shows the handover");
    tasklist.shot("task-action-history");

    // 免办: a reason is required; with one, the task is done and the stage goes on
    openActionsTab();
    browser.click(browser.waitForClickable(By.id("liutong-task-action-waive")));
    waitForMessage("免办须填写理由");
    browser.waitFor(By.id("liutong-task-action-waive-reason")).sendKeys("张华病休三个月，经党委研究免于承诺");
    // the tab asks "确定免办此项任务吗？" before it sends; the person answers 确定
    ((JavascriptExecutor) browser.driver()).executeScript("window.confirm = () => true;");
    browser.click(browser.waitForClickable(By.id("liutong-task-action-waive")));
    new WebDriverWait(browser.driver(), Browser.PATIENCE)
        .until(d -> engine.getTaskService().createTaskQuery().taskId(pledge).count() == 0);
    tasklist.shot("task-action-waived");
    assertThat(engine.getTaskService().getTaskComments(pledge)).extracting(Comment::getFullMessage)
        .contains("免办：王强决定此项任务免于办理（原办理人张华），理由：张华病休三个月，经党委研究免于承诺");
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ? ORDER BY acted_at", String.class, pledge))
        .containsExactly("reassign", "waive");
  }

  /** Picks a filter and opens the task from its list (the committee member is not its assignee: no form). */
  private void openFromList(String base, String filter, String taskId) {
    browser.driver().get(base + "/camunda/app/tasklist/default/#/");
    browser.click(browser.waitForClickable(By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='"
        + filter + "' or starts-with(normalize-space(.), '" + filter + "')]")));
    WebElement listed = browser.waitFor(By.cssSelector(".tasks-list a[href*='task=" + taskId + "']"));
    browser.click(listed);
  }

  private void openActionsTab() {
    browser.click(browser.waitForClickable(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='办理操作']")));
    browser.waitFor(By.cssSelector("#liutong-task-actions .lt-task-actions-holder"));
  }

  private void waitForMessage(String text) {
    new WebDriverWait(browser.driver(), Browser.PATIENCE)
        .until(d -> text.equals(d.findElement(By.id("liutong-task-action-message")).getText()));
  }
}
