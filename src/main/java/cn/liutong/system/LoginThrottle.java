package cn.liutong.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Wrong passwords slow down the client that sends them, not the account they name. Camunda's own
 * lockout (delay, then lock until an administrator unlocks) is switched off in application.properties:
 * it let anyone lock any account by guessing badly. Instead a client address may fail
 * {@code perUser} times per window for one user id and {@code perClient} times in all; beyond that its
 * logins are answered 429 until the window has room. The user, logging in from their own address, is not
 * affected. The failures are counted in the database ({@link SharedWindows}): every node of an installation
 * sees the same count, and checking it is one read by primary key per login.
 */
final class LoginThrottle implements Filter {

  static final String TOO_MANY = "登录失败次数过多，请稍后再试";

  private final CallLimits windows;
  private final CallLimits.Limit perUser;
  private final CallLimits.Limit perClient;

  LoginThrottle(CallLimits.Limit perUser, CallLimits.Limit perClient, CallLimits windows) {
    this.perUser = perUser;
    this.perClient = perClient;
    this.windows = windows;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String user = basicUser(request);
    boolean login = user != null || "POST".equals(request.getMethod()) && request.getRequestURI().contains("/login/");
    if (!login) {
      chain.doFilter(request, response);
      return;
    }
    String client = request.getRemoteAddr();
    long now = CallLimits.now();
    long wait = Math.max(windows.wait(perClient, client, now), user == null ? 0 : windows.wait(perUser, client + " " + user, now));
    if (wait > 0) {
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(wait));
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"TooManyRequests\",\"message\":\"" + TOO_MANY + "\"}");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      windows.count(perClient, client, now);
      if (user != null) {
        windows.count(perUser, client + " " + user, now);
      }
    }
  }

  /** The user id of an HTTP Basic header, or null. */
  private static String basicUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
