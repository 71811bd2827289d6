package cn.liutong.notification;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.liutong.webapp.WebappLogins;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A person's own notification choices, and only their own: the user is the caller, never a field.
 * {@code /api/notifications/preferences} for HTTP Basic clients; {@code /ui/notification-preferences} for
 * the settings screen ({@code /ui/notifications.html}) with the webapps' login session. A PUT needs
 * {@code application/json}, which a page of another site cannot send without the browser asking first.
 */
@RestController
class PreferencesController {

  private static final List<String> FIELDS = List.of("email", "robot", "digest");

  private final PreferenceStore store;
  private final IdentityService identity;
  private final ProcessEngine engine;

  PreferencesController(PreferenceStore store, IdentityService identity, ProcessEngine engine) {
    this.store = store;
    this.identity = identity;
    this.engine = engine;
  }

  @GetMapping(path = "/api/notifications/preferences", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> get() {
    return read(apiCaller());
  }

  @PutMapping(path = "/api/notifications/preferences", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> put(@RequestBody String body) {
    return write(apiCaller(), body);
  }

  @GetMapping(path = "/ui/notification-preferences", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> getInWebapp(HttpServletRequest request) {
    return read(WebappLogins.userId(request, engine.getName()));
  }

  @PutMapping(path = "/ui/notification-preferences", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> putInWebapp(HttpServletRequest request, @RequestBody String body) {
    return write(WebappLogins.userId(request, engine.getName()), body);
  }

  private ResponseEntity<Object> read(Optional<String> user) {
    return user.<ResponseEntity<Object>>map(id -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .body(store.of(id))).orElseGet(PreferencesController::notSignedIn);
  }

  private ResponseEntity<Object> write(Optional<String> user, String body) {
    if (user.isEmpty()) {
      return notSignedIn();
    }
    var node = Callers.object(body, FIELDS, List.of());
    Preferences chosen = new Preferences(Callers.bool(node, "email"), Callers.bool(node, "robot"),
        Callers.bool(node, "digest"));
    store.save(user.get(), chosen);
    return ResponseEntity.ok(chosen);
  }

  private Optional<String> apiCaller() {
    var caller = identity.getCurrentAuthentication();
    return Optional.ofNullable(caller == null ? null : caller.getUserId());
  }

  private static ResponseEntity<Object> notSignedIn() {
    return Callers.error(HttpStatus.UNAUTHORIZED, "请先登录");
  }

  @ExceptionHandler
  ResponseEntity<Object> invalid(IllegalArgumentException e) {
    return Callers.error(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
