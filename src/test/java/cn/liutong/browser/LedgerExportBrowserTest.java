package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.TestAgency;

/**
 * The committee takes the 台账 away from the 六同看板 in headless Chromium: 导出Excel on the cycle's page
 * downloads a workbook that opens with the cycle's goals; 打印PDF on a branch's page is that branch's PDF,
 * fetched with the page's own session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class LedgerExportBrowserTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  private static final String TREASURY = agency.branch(TestAgency.TREASURY);

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
  void theCommitteeExportsTheCyclesWorkbookAndPrintsABranchsPdf() throws Exception {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    engine.getTaskService().claim(cycle.branchTask("Task_ReportProgress", TREASURY).getId(), agency.secretary(TestAgency.TREASURY));
    cycle.reportProgress(TREASURY);

    String base = "http://127.0.0.1:" + port;
    browser.login(base, "cockpit", agency.committee(), agency.committee());
    browser.waitForClickable(By.cssSelector("#lt-nav"));
    Path downloads = Files.createDirectories(Path.of("target", "browser-downloads", UUID.randomUUID().toString()));
    ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));

    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard?cycle=" + cycle.cycleId());
    WebElement xlsx = browser.waitForClickable(By.cssSelector("#lt-export-xlsx"));
    assertThat(xlsx.getText()).isEqualTo("导出Excel");
    assertThat(browser.waitFor(By.cssSelector("#lt-export-pdf")).getText()).isEqualTo("打印PDF");
    browser.click(xlsx);
    File workbook = downloaded(downloads, ".xlsx");
    assertThat(workbook.getName()).startsWith("市财政局-").endsWith("-全机关-台账.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(workbook)) {
      assertThat(book.getSheet("目标体系").getRow(1).getCell(1).getStringCellValue()).isEqualTo("支部标准化规范化建设");
      Row report = book.getSheet("进展报告").getRow(1);
      assertThat(report.getCell(0).getStringCellValue()).isEqualTo("国库处党支部");
      assertThat(report.getCell(5).getStringCellValue()).isEqualTo("孙丽");
    }

    browser.click(browser.waitFor(By.cssSelector("#lt-branch-table tr[data-branch='" + TREASURY + "'] a.lt-branch")));
    browser.waitFor(By.cssSelector("#lt-branch-title[data-branch='" + TREASURY + "']"));
    WebElement pdf = browser.waitForClickable(By.cssSelector("#lt-export-pdf"));
    assertThat(pdf.getAttribute("href")).contains("/dashboard/ledger.pdf?cycle=" + cycle.cycleId() + "&branch=" + TREASURY);
    browser.screenshot("dashboard-branch-export");
    @SuppressWarnings("unchecked")
    Map<String, Object> fetched = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], { credentials: 'same-origin' })
          .then(async r => done({ status: r.status, type: r.headers.get('Content-Type'),
            disposition: r.headers.get('Content-Disposition'),
            head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) }))
          .catch(e => done({ error: String(e) }));
        """, pdf.getAttribute("href"));
    assertThat(fetched).containsEntry("status", 200L).containsEntry("type", "application/pdf").containsEntry("head", "%PDF-");
    assertThat((String) fetched.get("disposition")).startsWith("attachment;")
        .contains("filename*=UTF-8''").endsWith("-%E5%8F%B0%E8%B4%A6.pdf");
  }

  /** The file Chromium finished downloading into the folder (not a partial .crdownload). */
  private static File downloaded(Path folder, String extension) {
    return new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> {
      File[] files = folder.toFile().listFiles((dir, name) -> name.endsWith(extension));
      List<File> done = files == null ? List.of() : Arrays.asList(files);
      return done.isEmpty() ? null : done.get(0);
    });
  }
}
