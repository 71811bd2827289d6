package cn.liutong.webapp;

import java.time.ZoneId;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import cn.liutong.system.EngineClock;

/**
 * Read by the webapps' script {@code app/liutong/plain-chinese.js}, with the session of Camunda's login
 * (these paths are outside {@code /api}, whose callers use HTTP Basic):
 * <ul>
 * <li>{@code GET /ui/settings}: the time zone every date is shown in ({@code liutong.time-zone}), public
 * because the login page shows dates too;</li>
 * <li>{@code GET /ui/me}: the signed-in person in the organisation's words; 401 without a login.</li>
 * </ul>
 */
@RestController
class WebappController {

  private final SignedInUsers users;
  private final ProcessEngine engine;
  private final ZoneId timeZone;

  WebappController(SignedInUsers users, ProcessEngine engine, EngineClock clock) {
    this.users = users;
    this.engine = engine;
    this.timeZone = clock.getZone();
  }

  @GetMapping("/ui/settings")
  ResponseEntity<Map<String, String>> settings() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Map.of("timeZone", timeZone.getId()));
  }

  @GetMapping("/ui/me")
  ResponseEntity<SignedInUser> me(HttpServletRequest request) {
    return WebappLogins.userId(request, engine.getName()).flatMap(users::describe)
        .map(user -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(user))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
  }
}
