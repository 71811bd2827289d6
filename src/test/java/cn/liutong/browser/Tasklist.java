package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist as the people of the scenario use it: log in, pick a filter, find the task in the
 * list, open it, claim it, fill its form ({@link FormFiller}) and press 完成. The engine is only
 * looked at (is the task gone?). Every step leaves a numbered screenshot under target/browser-walk.
 */
final class Tasklist {

  static final Duration PATIENCE = Browser.PATIENCE;
  static final Path SHOTS = Path.of("target", "browser-walk");

  private final Browser browser;
  private final String base;
  private final ProcessEngine engine;
  private final FormFiller forms;
  private String user;
  private int step;

  /** Runs after each completion: the job executor's share of the step (tests run with it switched off). */
  private final Runnable jobExecutor;

  Tasklist(Browser browser, String base, ProcessEngine engine, Runnable jobExecutor) {
    this.browser = browser;
    this.base = base;
    this.engine = engine;
    this.jobExecutor = jobExecutor;
    this.forms = new FormFiller(browser);
  }

  /** Logs in as this person (password = user id), unless they are already the one logged in. */
  Tasklist as(String user) {
    if (!user.equals(this.user)) {
      for (int attempt = 1;; attempt++) {
        browser.login(base, "tasklist", user, user);
        String outcome = waitUntil(() -> !browser.all(By.cssSelector(".task-filter")).isEmpty() ? "in"
            : browser.driver().findElement(By.tagName("body")).getText().contains("登录失败") ? "refused" : null,
            user + " logs in");
        if ("in".equals(outcome)) {
          break;
        }
        // a refused login (a key lost while the page settled) delays that user's next ones (doubling)
        assertThat(attempt).as(user + " could not log in").isLessThan(4);
        sleepSeconds(5L << attempt);
      }
      this.user = user;
    }
    return this;
  }

  /** Opens a task from the given filter's list, the way a person finds it, and claims it if needed. */
  WebElement open(String filter, String taskId) {
    browser.driver().get(base + "/camunda/app/tasklist/default/#/");
    By filterLink = By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='" + filter
        + "' or starts-with(normalize-space(.), '" + filter + "')]");
    browser.waitForClickable(filterLink);
    browser.clickFresh(filterLink);
    By listed = By.cssSelector(".tasks-list a[href*='task=" + taskId + "']");
    waitUntil(() -> browser.all(listed).stream().findFirst().orElse(null), user + " finds task " + taskId + " in " + filter);
    browser.clickFresh(listed);
    waitUntil(() -> browser.all(By.cssSelector(".fjs-form, button[ng-click='claim()']")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null), "the task opens");
    claimIfOffered();
    return browser.waitFor(By.cssSelector(".fjs-form"));
  }

  private void claimIfOffered() {
    browser.all(By.xpath("//button[normalize-space(.)='认领']")).stream().filter(WebElement::isDisplayed).findFirst()
        .ifPresent(claim -> {
          browser.click(claim);
          waitUntil(() -> browser.all(By.xpath("//button[normalize-space(.)='认领']")).stream()
              .noneMatch(WebElement::isDisplayed) ? Boolean.TRUE : null, "claimed");
        });
  }

  /** The whole of a person's step: find, open, claim, fill from the form's schema, 完成, gone. */
  void complete(String user, String filter, String taskId, String formId, Map<String, Object> answers) {
    complete(user, filter, taskId, formId, answers, Map.of());
  }

  void complete(String user, String filter, String taskId, String formId, Map<String, Object> answers,
      Map<String, List<Map<String, String>>> options) {
    as(user);
    open(filter, taskId);
    finish(taskId, formId, answers, options);
  }

  private void finish(String taskId, String formId, Map<String, Object> answers,
      Map<String, List<Map<String, String>>> options) {
    browser.waitFor(By.cssSelector(".fjs-form"));
    forms.fill(By.cssSelector(".fjs-form"), formId, answers, options);
    shot(formId + "-" + user);
    WebElement complete = browser.waitFor(By.cssSelector("button[ng-click='complete()']"));
    try {
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> complete.isEnabled());
    } catch (TimeoutException e) {
      throw new AssertionError(user + " cannot press 完成 on " + formId + ": the button stays disabled", e);
    }
    dismissNotifications();
    browser.click(complete);
    waitUntil(() -> {
      if (engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
        return Boolean.TRUE;
      }
      browser.all(By.cssSelector(".page-notifications .alert-danger")).stream().filter(WebElement::isDisplayed)
          .findFirst().ifPresent(alert -> {
            throw new AssertionError(user + " completed " + formId + " and was refused: " + alert.getText());
          });
      return null;
    }, user + " completes " + formId);
    jobExecutor.run();
    shot(formId + "-" + user + "-done");
  }

  /**
   * Fills and presses 完成 on a form whose content the server refuses (a rule across fields): the
   * person sees the server's Chinese reasons above the form and the task stays. Returns those reasons.
   */
  String completeRefused(String user, String filter, String taskId, String formId, Map<String, Object> answers) {
    as(user);
    open(filter, taskId);
    forms.fill(By.cssSelector(".fjs-form"), formId, answers, Map.of());
    WebElement complete = browser.waitFor(By.cssSelector("button[ng-click='complete()']"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> complete.isEnabled());
    dismissNotifications();
    browser.click(complete);
    WebElement reasons = browser.waitFor(By.id("liutong-complete-error"));
    shot(formId + "-" + user + "-refused");
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).as("the task stays").isEqualTo(1);
    return reasons.getText();
  }

  /** The confirmation after the last 完成, and the link to the person's next task if there is one. */
  WebElement confirmation() {
    return browser.waitFor(By.id("liutong-complete-outcome"));
  }

  /** Closes the notifications still shown from earlier steps, as a person would before going on. */
  void dismissNotifications() {
    browser.all(By.cssSelector(".page-notifications .alert button.close")).stream().filter(WebElement::isDisplayed)
        .forEach(WebElement::click);
  }

  /** Opens the next task from the confirmation's link and completes it, as the same person. */
  void completeNext(String taskId, String formId, Map<String, Object> answers) {
    WebElement next = confirmation().findElement(By.cssSelector("a.liutong-next-task[href*='task=" + taskId + "']"));
    browser.click(next);
    waitUntil(() -> browser.all(By.cssSelector(".fjs-form, button[ng-click='claim()']")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null), "the next task opens");
    claimIfOffered();
    finish(taskId, formId, answers, Map.of());
  }

  /** Starts a process from Tasklist's 启动流程 dialog with its start form. */
  void start(String user, String processName, String formId, Map<String, Object> answers) {
    as(user);
    browser.driver().get(base + "/camunda/app/tasklist/default/#/");
    browser.click(browser.waitForClickable(By.cssSelector(".start-process-action a")));
    browser.click(browser.waitForClickable(By.xpath("//div[contains(@class,'modal')]//a[normalize-space(.)='" + processName + "']")));
    browser.waitFor(By.cssSelector(".modal .fjs-form"));
    forms.fill(By.cssSelector(".modal .fjs-form"), formId, answers, Map.of());
    shot(formId + "-" + user);
    WebElement start = browser.waitForClickable(By.cssSelector(".modal-footer button.btn-primary"));
    browser.click(start);
    waitUntil(() -> browser.all(By.cssSelector(".modal .fjs-form")).isEmpty() ? Boolean.TRUE : null,
        user + " starts " + processName);
  }

  void shot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(String.format("%03d-%s.png", ++step, name)),
          ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleepSeconds(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String user() {
    return user;
  }

  <T> T waitUntil(Supplier<T> condition, String what) {
    try {
      // the webapp re-renders lists and forms as they change: an element seen a moment ago may be gone
      return new WebDriverWait(browser.driver(), PATIENCE).ignoring(StaleElementReferenceException.class)
          .until(d -> condition.get());
    } catch (TimeoutException e) {
      shot("timeout");
      throw new AssertionError("timed out: " + what + " (screenshot " + SHOTS + ")", e);
    }
  }

  static void assertListed(List<String> texts, String expected) {
    assertThat(texts).anyMatch(t -> t.contains(expected));
  }
}
