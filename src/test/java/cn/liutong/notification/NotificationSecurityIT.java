package cn.liutong.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.liutong.support.WebappSession;
import cn.liutong.support.TestYear;

/**
 * Attacks by signed-in people who are not administrators: robot addresses and the outbox stay hidden,
 * nobody changes another person's choices, and what an administrator enters is checked.
 */
class NotificationSecurityIT extends NotificationTestBase {

  private static final String SECRET_URL_PART = "/wecom/secret-token-4711";

  @Test
  void membersAndCommitteesCannotReadOrChangeRobotsOrTheOutbox() {
    robot("financeBudget", "WECOM", SECRET_URL_PART, null);
    cycle.start();
    for (String user : new String[] {"liwei", "chenjing", "wangqiang", "qianfeng"}) {
      var robots = rest.get("/api/admin/notification-robots", user, user);
      assertThat(robots.status()).as(user).isEqualTo(403);
      assertThat(robots.body()).doesNotContain("secret-token").contains("只有系统管理员");
      var outbox = rest.get("/api/admin/notifications", user, user);
      assertThat(outbox.status()).isEqualTo(403);
      assertThat(outbox.body()).doesNotContain("拟定党建与业务目标体系");
      assertThat(rest.send("PUT", "/api/admin/notification-robots/financeBudget/WECOM",
          "{\"url\":\"https://attacker.example/hook\"}", user, user).status()).isEqualTo(403);
      assertThat(rest.send("DELETE", "/api/admin/notification-robots/financeBudget/WECOM", null, user, user).status())
          .isEqualTo(403);
    }
    assertThat(rest.get("/api/admin/notification-robots", "admin", "admin").body()).contains(SECRET_URL_PART);
    assertThat(jdbc.queryForObject("SELECT url FROM lt_notification_robot WHERE unit_id = 'financeBudget'", String.class))
        .endsWith(SECRET_URL_PART);
    assertThat(rest.get("/api/admin/notifications", "nobody", "wrong").status()).isEqualTo(401);
  }

  @Test
  void theSecretOfASignedRobotIsNeverGivenBack() {
    robot("finance", "DINGTALK", "/dingtalk/finance", "SECnever-shown");
    var listed = rest.get("/api/admin/notification-robots", "admin", "admin");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain("SECnever-shown").contains("\"signed\":true");
  }

  @Test
  void aPersonChangesOnlyTheirOwnPreferences() {
    var forged = rest.put("/api/notifications/preferences",
        Map.of("email", false, "robot", false, "digest", true, "userId", "chenjing"), "liwei");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.json().path("message").asText()).isEqualTo("不允许的字段：userId");
    assertThat(rest.put("/api/notifications/preferences", "{\"email\":\"no\",\"robot\":true,\"digest\":false}", "liwei")
        .json().path("message").asText()).isEqualTo("字段email应为true或false");
    assertThat(rest.put("/api/notifications/preferences", "{\"email\":true,\"email\":false,\"robot\":true,\"digest\":false}",
        "liwei").status()).as("duplicate key").isEqualTo(400);
    assertThat(rest.put("/api/notifications/preferences", "{\"email\":true}", "liwei").json().path("message").asText())
        .isEqualTo("缺少字段：robot");

    assertThat(rest.put("/api/notifications/preferences", Map.of("email", false, "robot", true, "digest", true), "liwei")
        .status()).isEqualTo(200);
    assertThat(jdbc.queryForList("SELECT user_id FROM lt_notification_preference", String.class)).containsExactly("liwei");
    assertThat(rest.get("/api/notifications/preferences", "chenjing", "chenjing").json().toString())
        .isEqualTo("{\"email\":true,\"robot\":true,\"digest\":false}");
    assertThat(rest.get("/api/notifications/preferences", "liwei", "liwei").json().toString())
        .isEqualTo("{\"email\":false,\"robot\":true,\"digest\":true}");
  }

  @Test
  void theSettingsScreensEndpointAnswersOnlyToASignedInSession() {
    WebappSession anonymous = new WebappSession(port);
    assertThat(anonymous.get("/ui/notification-preferences").status()).isEqualTo(401);
    WebappSession liwei = new WebappSession(port);
    assertThat(liwei.login("liwei", "tasklist").status()).isEqualTo(200);
    assertThat(liwei.get("/ui/notification-preferences").body()).isEqualTo("{\"email\":true,\"robot\":true,\"digest\":false}");
    // a page of another site can post a form (text/plain, urlencoded) with the cookie, never JSON without asking
    assertThat(liwei.sendRaw("PUT", "/ui/notification-preferences", "text/plain",
        "{\"email\":false,\"robot\":false,\"digest\":false}").status()).isEqualTo(415);
    assertThat(jdbc.queryForList("SELECT user_id FROM lt_notification_preference", String.class)).isEmpty();
    assertThat(liwei.send("PUT", "/ui/notification-preferences", "{\"email\":false,\"robot\":true,\"digest\":false}")
        .status()).isEqualTo(200);
    assertThat(jdbc.queryForList("SELECT user_id FROM lt_notification_preference", String.class)).containsExactly("liwei");
  }

  @Test
  void robotsAreCheckedBeforeTheyAreSaved() {
    assertThat(put("financeBudget", "WECOM", "{\"url\":\"javascript:alert(1)\"}").json().path("message").asText())
        .startsWith("机器人地址应为http或https开头的完整网址");
    assertThat(put("nowhere", "WECOM", "{\"url\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x\"}")
        .json().path("message").asText()).isEqualTo("没有这个机关或党支部：nowhere");
    assertThat(put("financeBudget", "SLACK", "{\"url\":\"https://example.org/x\"}").json().path("message").asText())
        .isEqualTo("机器人类型应为WECOM（企业微信）或DINGTALK（钉钉）");
    assertThat(put("financeBudget", "WECOM", "{\"url\":\"https://example.org/x\",\"secret\":\"abc\"}").status())
        .as("secrets are for 钉钉 only").isEqualTo(400);
    assertThat(put("financeBudgetSecretaries", "WECOM", "{\"url\":\"https://example.org/x\"}").status())
        .as("not a branch").isEqualTo(400);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lt_notification_robot", Integer.class)).isZero();
    assertThat(put("tax", "DINGTALK", "{\"url\":\"https://oapi.dingtalk.com/robot/send?access_token=t\",\"secret\":\"SEC1\"}")
        .status()).isEqualTo(200);
  }

  @Test
  void logsShowARobotsHostOnly() {
    assertThat(RobotStore.masked("https://oapi.dingtalk.com/robot/send?access_token=abcdef"))
        .isEqualTo("https://oapi.dingtalk.com/…");
  }

  private cn.liutong.support.Rest.Response put(String unit, String kind, String body) {
    return rest.send("PUT", "/api/admin/notification-robots/" + unit + "/" + kind, body, "admin", "admin");
  }

  @Test
  void onlyTheAgencysCommitteeUrgesATaskOnceADayAndTheUrgingIsOnRecord() {
    email("chenjing", "chenjing@finance.example.gov.cn");
    cycle.start().plan().decompose();
    String signFor = cycle.branchTask("Task_SignFor", "financeBudget").getId();
    jdbc.update("DELETE FROM lt_notification");

    assertThat(rest.post("/api/tasks/" + signFor + "/urge", "", "liwei", "liwei").status()).as("a member").isEqualTo(403);
    assertThat(rest.post("/api/tasks/" + signFor + "/urge", "", "chenjing", "chenjing").status()).as("the secretary")
        .isEqualTo(403);
    var otherAgency = rest.post("/api/tasks/" + signFor + "/urge", "", "qianfeng", "qianfeng");
    assertThat(otherAgency.status()).as("another agency's committee").isEqualTo(404);
    assertThat(otherAgency.body()).doesNotContain("预算处");
    assertThat(rest.post("/api/tasks/no-such-task/urge", "", "wangqiang", "wangqiang").status()).isEqualTo(404);
    assertThat(rows("1 = 1")).isZero();

    var urged = rest.post("/api/tasks/" + signFor + "/urge", "", "wangqiang", "wangqiang");
    assertThat(urged.status()).isEqualTo(202);
    assertThat(jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'URGED' AND channel = 'EMAIL'",
        String.class)).containsExactly("chenjing");
    assertThat(engine.getTaskService().getTaskComments(signFor)).extracting(c -> c.getFullMessage())
        .containsExactly("催办：王强催办了此项任务");
    var again = rest.post("/api/tasks/" + signFor + "/urge", "", "liuyang", "liuyang");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).isEqualTo("今天已经催办过这项任务");

    deliverAll();
    assertThat(mailsTo("chenjing@finance.example.gov.cn")).extracting(m -> m[0])
        .containsExactly("【催办】支部签收责任清单 · 预算处党支部 · " + TestYear.cycleName());
  }
}
