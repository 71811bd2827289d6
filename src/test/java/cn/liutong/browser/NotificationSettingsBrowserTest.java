package cn.liutong.browser;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
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

/** A member chooses how to be notified on the settings screen, signed in as in Tasklist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class NotificationSettingsBrowserTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

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
  void aMemberSwitchesToTheDailyDigestAndOffTheGroupRobot() {
    String base = "http://127.0.0.1:" + port;
    browser.driver().get(base + "/ui/notifications.html");
    browser.waitUntilTextPresent(By.id("who"), "您尚未登录");

    new Tasklist(browser, base, engine, () -> { }).as(agency.member(BUDGET, 0));
    browser.driver().get(base + "/ui/notifications.html");
    browser.waitUntilTextPresent(By.id("who"), "李伟，请选择您接收消息提醒的方式");
    assertThat(browser.waitFor(By.id("email")).isSelected()).isTrue();
    assertThat(browser.waitFor(By.id("robot")).isSelected()).isTrue();
    assertThat(browser.waitFor(By.id("digest")).isSelected()).isFalse();

    browser.click(browser.waitForClickable(By.id("digest")));
    browser.click(browser.waitForClickable(By.id("robot")));
    browser.click(browser.waitForClickable(By.id("save")));
    browser.waitUntilTextPresent(By.id("status"), "已保存");
    browser.screenshot("notification-settings");

    assertThat(jdbc.queryForMap("SELECT email, robot, digest FROM lt_notification_preference WHERE user_id = ?",
        agency.member(BUDGET, 0)))
        .isEqualTo(Map.of("EMAIL", true, "ROBOT", false, "DIGEST", true));
    browser.driver().navigate().refresh();
    browser.waitUntilTextPresent(By.id("who"), "李伟");
    assertThat(browser.waitFor(By.id("digest")).isSelected()).as("kept").isTrue();
    assertThat(browser.waitFor(By.id("robot")).isSelected()).isFalse();
  }
}
