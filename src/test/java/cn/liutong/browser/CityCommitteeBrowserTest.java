package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import cn.liutong.cycle.CycleLedger;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestCityCommittee;

/**
 * The city committee's member opens the 六同看板 in Cockpit (headless Chromium, Chinese) and finds every agency
 * side by side above the board: the two agencies of this test in their rows, each with its stage and items,
 * the export button, and a click on an agency opening that agency's board; an agency's committee member does
 * not get the section. A screenshot goes to target/browser-screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CityCommitteeBrowserTest {

  @RegisterExtension
  static final TestAgency deploying = TestAgency.fresh();

  @RegisterExtension
  static final TestAgency other = TestAgency.fresh();

  @RegisterExtension
  static final TestCityCommittee city = TestCityCommittee.fresh();

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  CycleLedger ledger;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void theCityCommitteeSeesBothAgenciesSideBySide() {
    CycleDriver deployedCycle = new CycleDriver(engine, deploying).start().plan().deploy();
    int items = ledger.items(deployedCycle.cycleId()).size();
    CycleDriver planning = new CycleDriver(engine, other).start();

    String base = "http://127.0.0.1:" + port;
    browser.login(base, "cockpit", city.member(), city.member());
    browser.waitForClickable(By.cssSelector("#lt-nav"));
    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard");
    WebElement deployedRow = browser.waitFor(By.cssSelector("#lt-city-table tr[data-agency='" + deploying.id() + "']"));
    WebElement drafting = browser.waitFor(By.cssSelector("#lt-city-table tr[data-agency='" + other.id() + "']"));
    assertThat(browser.text("#lt-city h2")).isEqualTo("各机关汇总与排名（市直机关工委）");
    assertThat(deployedRow.getText()).contains("市财政局", "同落实", items + " / " + items + " / 0");
    assertThat(drafting.getText()).contains("市财政局", "同规划", "0 / 0 / 0");
    assertThat(browser.text("#lt-city-table thead")).contains("排名", "当前阶段", "平均综合得分", "等次分布");
    assertThat(browser.waitFor(By.cssSelector("#lt-city-export")).getAttribute("href")).contains("/city/results.xlsx?year=");
    browser.screenshot("city-overview");

    // an agency's name opens its board below
    browser.click(drafting.findElement(By.cssSelector(".lt-agency a")));
    browser.waitUntilTextPresent(By.cssSelector(".lt-period"), "市财政局");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/liutong-dashboard?cycle=" + planning.cycleId());
    assertThat(browser.all(By.cssSelector("#lt-export-xlsx"))).as("the 台账 stays the agency's").isEmpty();

    // the agency's committee gets its board without the city section
    browser.login(base, "cockpit", deploying.committee(), deploying.committee());
    browser.waitForClickable(By.cssSelector("#lt-nav"));
    browser.driver().get(base + "/camunda/app/cockpit/default/#/liutong-dashboard");
    browser.waitFor(By.cssSelector("#lt-branch-table"));
    browser.waitFor(By.cssSelector("#lt-export-xlsx"));
    assertThat(browser.all(By.cssSelector("#lt-city"))).isEmpty();
  }
}
