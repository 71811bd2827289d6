package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.support.TestAgency;

/** A citizen opens an agency's 社会评价 link, rates its party-building and business work, and is thanked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class SurveyBrowserTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aCitizenRatesTheAgencyThroughItsLink() {
    String base = "http://127.0.0.1:" + port;
    browser.driver().get(base + "/ui/survey.html?agency=nowhere");
    browser.waitUntilTextPresent(By.id("status"), "未找到该机关单位，请核对评价链接");

    browser.driver().get(base + "/ui/survey.html?agency=" + agency.id());
    browser.waitUntilTextPresent(By.id("agency"), agency.name() + " · 社会评价");
    browser.click(browser.waitForClickable(By.cssSelector("input[name='party'][value='4']")));
    browser.click(browser.waitForClickable(By.id("submit")));
    browser.waitUntilTextPresent(By.id("status"), "请对党建工作和业务工作分别作出评价");

    browser.click(browser.waitForClickable(By.cssSelector("input[name='business'][value='3']")));
    browser.waitFor(By.id("comment")).sendKeys("办事指南写得清楚，窗口等候时间偏长");
    browser.screenshot("survey");
    browser.click(browser.waitForClickable(By.id("submit")));
    browser.waitUntilTextPresent(By.id("status"), "感谢您的评价");
    assertThat(browser.driver().findElement(By.id("survey")).isDisplayed()).as("the form is gone once answered").isFalse();

    assertThat(jdbc.queryForMap("select party_satisfaction, business_satisfaction, comment from lt_public_survey"
        + " where agency_id = ?", agency.id())).isEqualTo(Map.of("PARTY_SATISFACTION", 4, "BUSINESS_SATISFACTION", 3,
            "COMMENT", "办事指南写得清楚，窗口等候时间偏长"));
  }
}
