package cn.liutong.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.Rest;
import jakarta.mail.internet.MimeMessage;

/**
 * The application with real delivery: e-mail to GreenMail (an SMTP server in this JVM), robots to a
 * {@link WebhookStub}. Pollers and scans are not scheduled: a test runs them when it wants. Each test
 * starts from an empty outbox, no robots and no preferences. Its own context, so the tests are {@code *IT}
 * (Failsafe) and close it when done: Camunda's static registries must not see two live contexts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "liutong.notifications.delivery=send", "liutong.notifications.scheduling=false",
    "liutong.notifications.base-url=https://liutong.example.gov.cn", "liutong.notifications.mail-from=liutong@example.gov.cn"})
@ActiveProfiles({"demo", "test"})
@DirtiesContext
abstract class NotificationTestBase {

  static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final WebhookStub ROBOTS;

  static {
    MAIL.start();
    try {
      ROBOTS = new WebhookStub();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Delivery delivery;
  @Autowired
  TaskReminders dueScan;
  @LocalServerPort
  int port;

  CycleDriver cycle;
  Rest rest;

  @BeforeEach
  void emptyOutbox() throws Exception {
    BpmnAwareTests.init(engine);
    cycle = new CycleDriver(engine);
    rest = new Rest(port);
    jdbc.update("DELETE FROM lt_notification");
    jdbc.update("DELETE FROM lt_notification_preference");
    jdbc.update("DELETE FROM lt_notification_robot");
    MAIL.purgeEmailFromAllMailboxes();
    ROBOTS.reset();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Polls until nothing is due (a poll handles one batch). */
  void deliverAll() {
    for (int round = 0; round < 100 && delivery.deliverDue() > 0; round++) {
      // next batch
    }
  }

  void email(String userId, String address) {
    User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
    user.setEmail(address);
    engine.getIdentityService().saveUser(user);
  }

  /** Sets a robot as the administrator does, through the API. */
  void robot(String unit, String kind, String path, String secret) {
    String body = secret == null ? "{\"url\":\"" + ROBOTS.url(path) + "\"}"
        : "{\"url\":\"" + ROBOTS.url(path) + "\",\"secret\":\"" + secret + "\"}";
    var answer = rest.send("PUT", "/api/admin/notification-robots/" + unit + "/" + kind, body, "admin", "admin");
    if (answer.status() != 200) {
      throw new AssertionError("robot not set: " + answer);
    }
  }

  void preferences(String userId, boolean email, boolean robot, boolean digest) {
    var answer = rest.put("/api/notifications/preferences", Map.of("email", email, "robot", robot, "digest", digest),
        userId);
    if (answer.status() != 200) {
      throw new AssertionError("preferences not saved: " + answer);
    }
  }

  /** The mails received by an address, as subject and body. */
  List<String[]> mailsTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> to(m).equals(address))
        .map(m -> new String[] {subject(m), body(m)}).toList();
  }

  int rows(String where, Object... args) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM lt_notification WHERE " + where, Integer.class, args);
  }

  private static String to(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String body(MimeMessage message) {
    try {
      return message.getContent().toString().replace("\r\n", "\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
