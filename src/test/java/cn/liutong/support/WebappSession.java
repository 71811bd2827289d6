package cn.liutong.support;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import cn.liutong.support.Rest.Response;

/**
 * A browser's session with the Camunda webapps: a cookie jar, a form login as Cockpit does it, and the
 * CSRF token sent back in {@code X-XSRF-TOKEN} as Camunda's CsrfPreventionFilter requires.
 */
public final class WebappSession {

  private static final String XSRF = "XSRF-TOKEN";

  private final CookieManager cookies;
  private final HttpClient client;
  private final String base;

  public WebappSession(int port) {
    this(port, new CookieManager());
  }

  private WebappSession(int port, CookieManager cookies) {
    this.cookies = cookies;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    this.base = "http://127.0.0.1:" + port;
  }

  /** The same browser (its cookies) sent to another port: another node behind a load balancer. */
  public WebappSession at(int port) {
    return new WebappSession(port, cookies);
  }

  /** Logs a demo user (password = id) into an app; the response of the login request. */
  public Response login(String user, String app) {
    get("/camunda/app/" + app + "/default/"); // a first GET hands out the session's CSRF token
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(user, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public Response get(String path) {
    String token = csrfToken();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (!token.isEmpty()) {
      request.header("X-XSRF-TOKEN", token);
    }
    return send(request.GET());
  }

  /** A changing request with a JSON body, as the webapps send it (CSRF token included). */
  public Response send(String method, String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken())
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A changing request with any body and extra headers (e.g. a file upload), CSRF token included. */
  public Response send(String method, String path, String contentType, java.util.Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Content-Type", contentType).header("X-XSRF-TOKEN", csrfToken())
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  /** What a page of another site can make the browser send: the session cookie, any type, no CSRF token. */
  public Response sendRaw(String method, String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private String csrfToken() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> XSRF.equals(c.getName()))
        .map(HttpCookie::getValue).reduce((first, last) -> last).orElse("");
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
