package cn.liutong.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver, asking for Chinese like a browser in
 * China does. Not optional: when Chromium is missing the test fails and says how to install it.
 * Registered as an extension, it writes a screenshot under target/browser-screenshots when a test fails.
 */
public class Browser implements TestWatcher, AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  /** Generous: on a loaded 2-core machine the webapps take many seconds to start up in a fresh page. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private WebDriver driver;

  public WebDriver driver() {
    if (driver == null) {
      if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
        throw new IllegalStateException("Real-browser tests need Debian's Chromium and ChromeDriver: "
            + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
      }
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
          "--window-size=1400,2400", "--lang=zh-CN");
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
          .usingAnyFreePort().build();
      driver = new ChromeDriver(service, options);
      driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }
    return driver;
  }

  public WebElement waitFor(By by) {
    return new WebDriverWait(driver(), PATIENCE).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public WebElement waitForClickable(By by) {
    return new WebDriverWait(driver(), PATIENCE).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.elementToBeClickable(by));
  }

  public void waitUntilTextPresent(By by, String text) {
    new WebDriverWait(driver(), PATIENCE).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** Clicks like a person: the element is scrolled into the middle of the view first. */
  public void click(WebElement element) {
    ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    new WebDriverWait(driver(), Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  /**
   * Clicks the first element {@code by} finds, like {@link #click(WebElement)}, finding it again when the page
   * re-rendered it in between (Tasklist redraws its lists while they load, and more often on a busy machine).
   */
  public void clickFresh(By by) {
    new WebDriverWait(driver(), PATIENCE).ignoring(StaleElementReferenceException.class)
        .ignoring(ElementClickInterceptedException.class).ignoring(ElementNotInteractableException.class).until(d -> {
          List<WebElement> found = d.findElements(by);
          if (found.isEmpty()) {
            return false;
          }
          ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", found.get(0));
          found.get(0).click();
          return true;
        });
  }

  /** The text a person reads in the element, white space (line breaks of inline blocks) as single spaces. */
  public String text(String css) {
    return waitFor(By.cssSelector(css)).getText().replaceAll("\\s+", " ");
  }

  /** Keeps a picture of what the browser shows now under target/browser-screenshots. */
  public void screenshot(String name) {
    if (driver instanceof TakesScreenshot camera) {
      try {
        Path dir = Path.of("target", "browser-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), camera.getScreenshotAs(OutputType.BYTES));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Where pictures for the user guide go: {@code target/guide-images}, so that a test run leaves the tree
   * clean; {@code docs/images} when asked for on purpose ({@code ./mvnw verify -Dliutong.guide-images=true},
   * with a Chinese font such as fonts-wqy-microhei installed).
   */
  public static Path guideImages() {
    Path dir = Boolean.getBoolean("liutong.guide-images") ? Path.of("docs", "images") : Path.of("target", "guide-images");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<WebElement> all(By by) {
    return driver().findElements(by);
  }

  /**
   * Logs in to a Camunda webapp (tasklist, cockpit) through its login page. The fields are checked before
   * the form is sent: a keystroke lost while the page settles would be a wrong password, and Camunda then
   * delays that user's next logins.
   */
  public void login(String baseUrl, String app, String user, String password) {
    // leave the old page first: a request it still has in flight would set the session and CSRF cookies of
    // another session after the new page's, and the login would be refused
    driver().get("about:blank");
    // a fresh session: nobody is logged in from an earlier test
    ((ChromeDriver) driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver().get(baseUrl + "/camunda/app/" + app + "/default/");
    // typed before AngularJS has compiled the form, the keys reach the field but not the model
    WebElement name = waitForClickable(By.cssSelector("input[ng-model='username'][class*='ng-']"));
    WebElement secret = driver().findElement(By.cssSelector("input[type='password']"));
    new WebDriverWait(driver(), Duration.ofSeconds(10)).until(d -> {
      name.clear();
      name.sendKeys(user);
      secret.clear();
      secret.sendKeys(password);
      return user.equals(name.getAttribute("value")) && password.equals(secret.getAttribute("value"))
          && name.getAttribute("class").contains("ng-dirty") && secret.getAttribute("class").contains("ng-dirty");
    });
    driver().findElement(By.cssSelector("form button[type='submit']")).click();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    try {
      screenshot(context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_"));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }
}
