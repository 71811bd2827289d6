package cn.liutong.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands one message to its channel: e-mail through Spring's {@link JavaMailSender} (SMTP settings
 * {@code spring.mail.*}), group robots through their webhooks. With {@code liutong.notifications.delivery=log}
 * (the demo profile) it only logs what would be sent. A failure is an exception; the caller retries.
 */
@Component
class Transports {

  private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ObjectProvider<JavaMailSender> mail;
  private final IdentityService identity;
  private final RobotStore robots;
  private final boolean logOnly;
  private final String from;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  Transports(ObjectProvider<JavaMailSender> mail, IdentityService identity, RobotStore robots,
      @Value("${liutong.notifications.delivery}") String delivery, @Value("${liutong.notifications.mail-from}") String from) {
    this.mail = mail;
    this.identity = identity;
    this.robots = robots;
    this.logOnly = "log".equals(delivery);
    this.from = from;
  }

  /** Thrown when a message cannot go out; the message (never a robot's address) is kept for administrators. */
  static final class DeliveryException extends Exception {
    /** Trying again cannot help (no address, no robot): the message fails at once. */
    final boolean permanent;

    DeliveryException(String message) {
      this(message, false);
    }

    DeliveryException(String message, boolean permanent) {
      super(message);
      this.permanent = permanent;
    }
  }

  void send(Channel channel, String recipient, String subject, String body) throws DeliveryException {
    if (channel == Channel.EMAIL) {
      email(recipient, subject, body);
    } else {
      RobotStore.Robot robot = robots.find(recipient, channel)
          .orElseThrow(() -> new DeliveryException("未配置群机器人：" + recipient + " " + channel, true));
      post(robot, subject + "\n" + body);
    }
  }

  private void email(String userId, String subject, String body) throws DeliveryException {
    User user = Notifier.unchecked(identity, () -> identity.createUserQuery().userId(userId).singleResult());
    boolean noAddress = user == null || user.getEmail() == null || user.getEmail().isBlank();
    if (logOnly) {
      LOG.info("Would e-mail {} <{}>: {}", userId, noAddress ? "no address on file" : user.getEmail(), subject);
      return;
    }
    if (noAddress) {
      throw new DeliveryException("收件人没有登记电子邮箱：" + userId, true);
    }
    JavaMailSender sender = mail.getIfAvailable();
    if (from == null || from.isBlank()) {
      throw new DeliveryException("未配置发件人地址（LIUTONG_MAIL_FROM）");
    }
    if (sender == null) {
      throw new DeliveryException("未配置邮件服务器（spring.mail.host）");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(user.getEmail());
    message.setSubject(subject);
    message.setText(body);
    try {
      sender.send(message);
    } catch (RuntimeException e) {
      throw new DeliveryException("邮件发送失败：" + e.getMessage());
    }
  }

  /** 企业微信 and 钉钉 robots take the same text message; 钉钉 signs it when a secret is set (加签). */
  private void post(RobotStore.Robot robot, String text) throws DeliveryException {
    if (logOnly) {
      LOG.info("Would post to {} robot of {} ({}): {}", robot.kind(), robot.unitId(), RobotStore.masked(robot.url()),
          text.lines().findFirst().orElse(""));
      return;
    }
    String url = robot.url();
    if (robot.kind() == Channel.DINGTALK && robot.secret() != null && !robot.secret().isBlank()) {
      url += (url.contains("?") ? "&" : "?") + dingTalkSignature(robot.secret(), System.currentTimeMillis());
    }
    try {
      String json = JSON.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", text)));
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw new DeliveryException("群机器人拒收：HTTP " + response.statusCode());
      }
      JsonNode answer = JSON.readTree(response.body().isBlank() ? "{}" : response.body());
      if (answer.path("errcode").asInt(0) != 0) {
        throw new DeliveryException("群机器人拒收：" + answer.path("errcode").asInt() + " "
            + answer.path("errmsg").asText(""));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("群机器人发送中断");
    } catch (java.io.IOException e) {
      // The exception's text may carry the address; only its kind is kept.
      throw new DeliveryException("群机器人无法连接：" + e.getClass().getSimpleName());
    }
  }

  /** 钉钉's 加签: {@code timestamp} and {@code sign = Base64(HmacSHA256(secret, timestamp + "\n" + secret))}. */
  static String dingTalkSignature(String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sign = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return "timestamp=" + timestamp + "&sign="
          + URLEncoder.encode(Base64.getEncoder().encodeToString(sign), StandardCharsets.UTF_8);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
