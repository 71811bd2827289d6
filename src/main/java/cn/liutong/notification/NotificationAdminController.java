package cn.liutong.notification;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.liutong.organisation.GroupIds;
import cn.liutong.system.EngineReads;

/**
 * For administrators only (group camunda-admin): the outbox (what failed, what waits) and the group robots
 * of agencies and branches. A robot's address and secret let anyone post into the group; nobody else reads
 * them, and the secret is never given back, not even to administrators.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationAdminController {

  private static final Set<String> STATUSES = Set.of(Outbox.PENDING, Outbox.SENT, Outbox.FAILED);
  private static final int MAX_URL = 1000;
  private static final int MAX_SECRET = 200;

  private final Outbox outbox;
  private final RobotStore robots;
  private final IdentityService identity;

  NotificationAdminController(Outbox outbox, RobotStore robots, IdentityService identity) {
    this.outbox = outbox;
    this.robots = robots;
    this.identity = identity;
  }

  @GetMapping("/notifications")
  ResponseEntity<Object> notifications(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (!Callers.isAdmin(identity)) {
      return forbidden();
    }
    if (status != null && !STATUSES.contains(status) || limit < 1 || limit > 1000) {
      return Callers.error(HttpStatus.BAD_REQUEST, "status应为PENDING、SENT或FAILED，limit应在1到1000之间");
    }
    return ResponseEntity.ok(outbox.list(status, limit).stream().map(row -> {
      Map<String, Object> view = new java.util.LinkedHashMap<>();
      view.put("id", row.id());
      view.put("kind", row.kind());
      view.put("channel", row.channel());
      view.put("recipient", row.recipient());
      view.put("agencyId", row.agencyId());
      view.put("taskId", row.taskId());
      view.put("subject", row.subject());
      view.put("status", row.status());
      view.put("attempts", row.attempts());
      view.put("lastError", row.lastError());
      view.put("createdAt", row.createdAt());
      view.put("nextAttemptAt", row.nextAttemptAt());
      view.put("sentAt", row.sentAt());
      return view;
    }).toList());
  }

  @GetMapping("/notification-robots")
  ResponseEntity<Object> robots() {
    if (!Callers.isAdmin(identity)) {
      return forbidden();
    }
    return ResponseEntity.ok(robots.all().stream().map(r -> Map.of("unitId", r.unitId(), "kind", r.kind().name(),
        "url", r.url(), "signed", r.secret() != null)).toList());
  }

  @PutMapping(path = "/notification-robots/{unitId}/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> saveRobot(@PathVariable String unitId, @PathVariable String kind, @RequestBody String body) {
    if (!Callers.isAdmin(identity)) {
      return forbidden();
    }
    Channel channel = robotKind(kind);
    requireUnit(unitId);
    var node = Callers.object(body, List.of("url"), List.of("secret"));
    String url = node.get("url").asText();
    if (!node.get("url").isTextual() || !webhook(url)) {
      throw new IllegalArgumentException("机器人地址应为http或https开头的完整网址，最多" + MAX_URL + "个字符");
    }
    String secret = node.hasNonNull("secret") ? node.get("secret").asText() : null;
    if (secret != null && (channel != Channel.DINGTALK || secret.isBlank() || secret.length() > MAX_SECRET)) {
      throw new IllegalArgumentException("加签密钥只用于钉钉机器人，最多" + MAX_SECRET + "个字符");
    }
    robots.save(new RobotStore.Robot(unitId, channel, url, secret));
    return ResponseEntity.ok(Map.of("unitId", unitId, "kind", channel.name(), "url", url, "signed", secret != null));
  }

  @DeleteMapping("/notification-robots/{unitId}/{kind}")
  ResponseEntity<Object> deleteRobot(@PathVariable String unitId, @PathVariable String kind) {
    if (!Callers.isAdmin(identity)) {
      return forbidden();
    }
    return robots.delete(unitId, robotKind(kind)) ? ResponseEntity.noContent().build()
        : Callers.error(HttpStatus.NOT_FOUND, "没有这个群机器人");
  }

  private static Channel robotKind(String kind) {
    if (Channel.WECOM.name().equals(kind) || Channel.DINGTALK.name().equals(kind)) {
      return Channel.valueOf(kind);
    }
    throw new IllegalArgumentException("机器人类型应为WECOM（企业微信）或DINGTALK（钉钉）");
  }

  /** A robot belongs to an agency (tenant) or a branch (group of type branch). */
  private void requireUnit(String unitId) {
    boolean known = EngineReads.withoutCaller(identity,
        () -> identity.createTenantQuery().tenantId(unitId).count() > 0
            || identity.createGroupQuery().groupId(unitId).groupType(GroupIds.TYPE_BRANCH).count() > 0);
    if (!known) {
      throw new IllegalArgumentException("没有这个机关或党支部：" + unitId);
    }
  }

  private static boolean webhook(String url) {
    if (url.length() > MAX_URL || url.chars().anyMatch(c -> c <= ' ')) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static ResponseEntity<Object> forbidden() {
    return Callers.error(HttpStatus.FORBIDDEN, "只有系统管理员可以查看和设置消息提醒");
  }

  @ExceptionHandler
  ResponseEntity<Object> invalid(IllegalArgumentException e) {
    return Callers.error(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
