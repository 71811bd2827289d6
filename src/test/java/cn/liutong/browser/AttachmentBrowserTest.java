package cn.liutong.browser;

import static cn.liutong.support.TestAgency.BUDGET;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.attachment.AttachmentFiles;
import cn.liutong.attachment.AttachmentLedger;
import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;
import cn.liutong.support.WebappSession;

/**
 * 留痕 in the real Tasklist, in headless Chromium: the audit branch's secretary (郑宇) attaches a PDF to
 * 报告党建和业务进展 in the 附件 tab and is refused an HTML page renamed .pdf, an oversized file and any
 * upload on a step that is not evidence; the committee member (王强) opens the file from 机关党委督查 and
 * from the branch's page of the 六同看板; another branch's secretary (陈静) gets 404 for it by id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AttachmentBrowserTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  static final String AUDIT = agency.branch(TestAgency.AUDIT);
  static final String SECRETARY = agency.secretary(TestAgency.AUDIT);
  static final String COMMITTEE = agency.committee();
  static final String OTHER_BRANCH = agency.secretary(BUDGET);
  static final String MY_BRANCH = "本支部待办";
  static final String MINE = "我的待办";

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  AttachmentLedger ledger;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aSecretaryAttachesAReportThatTheInspectorOpensAndNoOtherBranchCan() throws IOException {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    String report = cycle.branchTask("Task_ReportProgress", AUDIT).getId();
    String base = "http://127.0.0.1:" + port;
    Tasklist tasklist = new Tasklist(browser, base, engine, cycle::continuations);
    Path files = Files.createTempDirectory("attachments");

    // the secretary's report: a PDF accepted, a disguised page and an oversized file refused with reasons
    tasklist.as(SECRETARY).open(MY_BRANCH, report);
    openAttachmentsTab();
    assertThat(browser.text(".lt-attachments-purpose")).isEqualTo("请上传进展报告（同述）的佐证材料。");
    attach(files, "第一季度进展报告.pdf", AttachmentFiles.pdf());
    assertThat(browser.text("#liutong-attachment-message")).isEqualTo("已上传：第一季度进展报告.pdf");
    assertThat(browser.text(".lt-attachments-table")).contains("第一季度进展报告.pdf").contains("郑宇")
        .contains("报告党建和业务进展");
    tasklist.shot("attachment-uploaded");
    keepForGuide();
    attach(files, "伪装的网页.pdf", AttachmentFiles.html());
    assertThat(browser.text("#liutong-attachment-message")).contains("文件内容与扩展名不符");
    // over the default limit of 20MB: refused before it is sent (a large body may be cut off before the
    // server's 413 arrives; AttachmentPostgresIT has the server refuse it)
    attach(files, "扫描件.pdf", AttachmentFiles.pdf(20 * 1024 * 1024 + 1));
    assertThat(browser.text("#liutong-attachment-message")).isEqualTo("文件超过大小上限20 MB，请压缩或拆分后再上传");
    assertThat(ledger.ofCycle(cycle.cycleId())).extracting(AttachmentLedger.Row::fileName).containsExactly("第一季度进展报告.pdf");
    String pdf = ledger.ofCycle(cycle.cycleId()).get(0).id();
    tasklist.complete(SECRETARY, MY_BRANCH, report, "report-progress", Map.of());

    // the committee member inspects: the branch's file is in his task's 附件 tab, where he cannot upload
    // before claiming; it downloads as the PDF it is
    String inspect = cycle.tasks("Task_Inspect").stream()
        .filter(t -> AUDIT.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst().orElseThrow().getId();
    tasklist.as(COMMITTEE).open(MINE, inspect);
    openAttachmentsTab();
    WebElement link = browser.waitFor(By.cssSelector("a.lt-attachment-link[data-attachment='" + pdf + "']"));
    assertThat(link.getText()).isEqualTo("第一季度进展报告.pdf");
    assertThat(fetch(link.getAttribute("href"))).startsWith("200 application/pdf attachment;").endsWith(" %PDF-1.4");
    assertThat(browser.all(By.id("liutong-attachment-file"))).as("the inspection can take its own files").hasSize(1);

    // and on the 六同看板, the branch's page lists it
    browser.login(base, "cockpit", COMMITTEE, COMMITTEE);
    browser.waitFor(By.id("lt-nav"));
    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId() + "&branch=" + AUDIT);
    WebElement listed = browser.waitFor(By.cssSelector("#lt-branch-attachments a.lt-attachment-link"));
    assertThat(listed.getText()).isEqualTo("第一季度进展报告.pdf");
    assertThat(fetch(listed.getAttribute("href"))).startsWith("200 application/pdf").endsWith(" %PDF-1.4");
    browser.screenshot("dashboard-branch-attachments");

    // a step that is not evidence offers no upload and says why
    String budgetPlanTask = startedBudgetPlan();
    tasklist.as(OTHER_BRANCH).open(MY_BRANCH, budgetPlanTask);
    openAttachmentsTab();
    assertThat(browser.text("#liutong-attachment-refusal")).startsWith("该任务不需要上传附件");
    assertThat(browser.all(By.id("liutong-attachment-file"))).isEmpty();

    // another branch's secretary: the same file by id, on every route, is not there
    WebappSession other = new WebappSession(port);
    assertThat(other.login(OTHER_BRANCH, "tasklist").status()).isEqualTo(200);
    assertThat(other.get("/camunda/api/tasklist/plugin/liutong-attachments/default/attachment/" + pdf + "/data").status())
        .isEqualTo(404);
    Rest rest = new Rest(port);
    assertThat(rest.get("/api/attachments/" + pdf, OTHER_BRANCH).status()).isEqualTo(404);
    for (String route : List.of("/task/" + report + "/attachment/" + pdf + "/data", "/task/" + inspect + "/attachment/" + pdf,
        "/task/" + inspect + "/attachment/" + pdf + "/data")) {
      assertThat(rest.get("/engine-rest" + route, OTHER_BRANCH).status()).as(route).isEqualTo(404);
    }
  }

  /** The guide's picture of the 附件 tab, screen-sized (the test window is taller than a screen). */
  private void keepForGuide() throws IOException {
    Dimension window = browser.driver().manage().window().getSize();
    browser.driver().manage().window().setSize(new Dimension(1400, 900));
    try {
      Files.write(Browser.guideImages().resolve("tasklist-attachment.png"),
          ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.driver().manage().window().setSize(window);
    }
  }

  /** A new cycle leaves the budget branch's plan open: a step that is not evidence. */
  private String startedBudgetPlan() {
    CycleDriver other = new CycleDriver(engine, agency).start().plan().deploy();
    return other.branchTask("Task_PlanImplementation", agency.branch(BUDGET)).getId();
  }

  private void openAttachmentsTab() {
    browser.click(browser.waitForClickable(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='附件']")));
    browser.waitFor(By.cssSelector("#liutong-attachments .lt-attachments-table, #liutong-attachments .lt-attachments-empty"));
  }

  /** Chooses a file in the tab's picker and presses 上传; waits for the server's answer. */
  private void attach(Path folder, String name, byte[] content) throws IOException {
    Path file = Files.write(folder.resolve(name), content);
    browser.waitFor(By.id("liutong-attachment-file")).sendKeys(file.toAbsolutePath().toString());
    ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('liutong-attachment-message').textContent = ''");
    browser.click(browser.waitForClickable(By.id("liutong-attachment-upload")));
    new WebDriverWait(browser.driver(), Browser.PATIENCE).until(d -> {
      String text = d.findElement(By.id("liutong-attachment-message")).getText();
      return !text.isEmpty() && !text.startsWith("正在上传");
    });
  }

  /** Follows a link in the page's session: status, content type, disposition and the first bytes. */
  private String fetch(String href) {
    Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.arrayBuffer().then(b => done(r.status + ' '
          + r.headers.get('content-type') + ' ' + r.headers.get('content-disposition') + ' '
          + new TextDecoder().decode(b.slice(0, 8))))).catch(e => done('failed ' + e));""", href);
    return String.valueOf(answer).replace(new String(new byte[] {'\n'}, UTF_8), " ");
  }
}
