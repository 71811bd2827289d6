package cn.liutong.browser;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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
 * task's history; then he waives (免办) it with a reason and it is gone. The member himself is offered only 加签.
 * <p>
 * 加签: the secretary (陈静) opens the branch's sign-for and asks 李伟 to co-sign it; 李伟 finds 加签：… in 我的待办 and
 * answers 同意 with an opinion; 陈静 sees the opinion on the tab and completes the sign-for.
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
  /** 陈静, the branch's secretary. */
  static final String SECRETARY = agency.secretary(BUDGET);
  static final String ALL = "本机关全部待办";
  static final String MINE = "我的待办";
  static final String MY_BRANCH = "本支部待办";

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
    assertThat(browser.all(By.cssSelector("#liutong-task-actions fieldset")).stream().map(f -> f.getAttribute("data-action")))
        .as("the holder may only ask colleagues to co-sign").containsExactly("cosign");

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

  @Test
  void theSecretaryAsksAMemberToCoSignTheBranchsSignForAndCompletesItAfterHisAnswer() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    String signFor = cycle.branchTask("Task_SignFor", BRANCH).getId();
    String base = "http://127.0.0.1:" + port;
    Tasklist tasklist = new Tasklist(browser, base, engine, cycle::continuations);

    // the secretary opens (and claims) the branch's task and asks 李伟 to co-sign it
    tasklist.as(SECRETARY).open(MY_BRANCH, signFor);
    openActionsTab();
    browser.click(browser.waitForClickable(
        By.cssSelector("#liutong-task-action-cosign-users input[value='" + MEMBER + "']")));
    browser.waitFor(By.id("liutong-task-action-cosign-reason")).sendKeys("请核对本支部的责任清单");
    browser.click(browser.waitForClickable(By.id("liutong-task-action-cosign")));
    waitForMessage("已请1人加签");
    assertThat(browser.text("#liutong-task-cosigns tbody")).contains("李伟").contains("待反馈");
    tasklist.shot("cosign-asked");
    Task cosign = engine.getTaskService().getSubTasks(signFor).get(0);
    assertThat(cosign.getAssignee()).isEqualTo(MEMBER);

    // 李伟 finds the co-sign task in his own list and agrees, with an opinion
    tasklist.as(MEMBER);
    openFromList(base, MINE, cosign.getId());
    openActionsTab();
    assertThat(browser.text("#liutong-task-cosign-of")).contains("陈静").contains("请核对本支部的责任清单");
    browser.waitFor(By.id("liutong-task-action-agree-reason")).sendKeys("清单与处室职责相符，同意签收");
    tasklist.shot("cosign-answering");
    browser.click(browser.waitForClickable(By.id("liutong-task-action-agree")));
    waitForMessage("已提交加签意见：同意");
    assertThat(engine.getTaskService().createTaskQuery().taskId(cosign.getId()).count()).isZero();

    // the secretary sees the opinion, then completes the sign-for
    tasklist.as(SECRETARY).open(MY_BRANCH, signFor);
    openActionsTab();
    browser.waitFor(By.cssSelector("#liutong-task-cosigns tr[data-user='" + MEMBER + "'] .lt-cosign-opinion"));
    assertThat(browser.text("#liutong-task-cosigns tr[data-user='" + MEMBER + "'] .lt-cosign-state")).isEqualTo("同意");
    assertThat(browser.text("#liutong-task-cosigns tr[data-user='" + MEMBER + "'] .lt-cosign-opinion"))
        .isEqualTo("清单与处室职责相符，同意签收");
    tasklist.shot("cosign-answered");
    browser.click(browser.waitForClickable(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='表单']")));
    tasklist.complete(SECRETARY, MY_BRANCH, signFor, "sign-for", Map.of("signForDecision", "signed"));
    assertThat(engine.getTaskService().getTaskComments(signFor)).extracting(Comment::getFullMessage)
        .contains("加签：陈静请李伟加签，说明：请核对本支部的责任清单", "加签意见：李伟同意，意见：清单与处室职责相符，同意签收");
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ? ORDER BY acted_at", String.class,
        signFor)).containsExactly("cosign", "agree");
  }

  @Test
  void theCommitteeStopsWaitingForALateBranchAndTheDashboardShowsItLate() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().decompose();
    agency.branches().stream().filter(b -> !b.equals(BRANCH)).forEach(cycle::signFor);
    cycle.continuations();
    Task signFor = cycle.branchTask("Task_SignFor", BRANCH);
    ClockUtil.setCurrentTime(new Date(signFor.getDueDate().getTime() + 2 * 24 * 60 * 60 * 1000L));
    try {
      String base = "http://127.0.0.1:" + port;
      Tasklist tasklist = new Tasklist(browser, base, engine, cycle::continuations);
      tasklist.as(COMMITTEE);
      openFromList(base, ALL, signFor.getId());
      openActionsTab();
      assertThat(browser.all(By.cssSelector("#liutong-task-actions fieldset")).stream().map(f -> f.getAttribute("data-action")))
          .contains("proceed");
      browser.waitFor(By.id("liutong-task-action-proceed-reason")).sendKeys("预算处党支部逾期未签收，经党委会研究按期推进");
      ((JavascriptExecutor) browser.driver()).executeScript("window.confirm = () => true;");
      browser.click(browser.waitForClickable(By.id("liutong-task-action-proceed")));
      new WebDriverWait(browser.driver(), Browser.PATIENCE)
          .until(d -> engine.getTaskService().createTaskQuery().taskId(signFor.getId()).count() == 0);
      tasklist.shot("task-action-proceeded");
      cycle.continuations();
      assertThat(cycle.tasks("Task_PlanImplementation")).as("同落实 for every branch").hasSize(agency.branches().size());

      // the 六同看板: the agency's late list and the branch's own page name the stage it was not waited for in
      browser.login(base, "cockpit", COMMITTEE, COMMITTEE);
      browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId());
      assertThat(browser.waitFor(By.cssSelector("#lt-proceeded tr[data-branch='" + BRANCH + "']")).getText())
          .contains("预算处党支部").contains("支部签收责任清单").contains("王强").contains("经党委会研究按期推进");
      browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId()
          + "&branch=" + BRANCH);
      assertThat(browser.waitFor(By.cssSelector("#lt-branch-proceeded-table tbody tr")).getText())
          .contains("支部签收责任清单").contains("王强");
      browser.screenshot("dashboard-branch-proceeded");
    } finally {
      ClockUtil.reset();
    }
  }

  /** Picks a filter and opens the task from its list (the committee member is not its assignee, a co-sign task has no form). */
  private void openFromList(String base, String filter, String taskId) {
    browser.driver().get(base + "/camunda/app/tasklist/default/#/");
    browser.click(browser.waitForClickable(By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='"
        + filter + "' or starts-with(normalize-space(.), '" + filter + "')]")));
    // the list may render again while it is clicked (more tasks arriving): click what is there then
    new WebDriverWait(browser.driver(), Browser.PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
      browser.click(d.findElement(By.cssSelector(".tasks-list a[href*='task=" + taskId + "']")));
      return true;
    });
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
