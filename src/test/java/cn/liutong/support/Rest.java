package cn.liutong.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for tests that talk to the running application as a given user (HTTP Basic). */
public final class Rest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  public Rest(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Response get(String path, String user, String password) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), user, password);
  }

  public Response post(String path, Object body, String user, String password) {
    try {
      String json = body instanceof String s ? s : MAPPER.writeValueAsString(body);
      return send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), user, password);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Response put(String path, Object body, String demoUser) {
    try {
      String json = body instanceof String s ? s : MAPPER.writeValueAsString(body);
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), demoUser, demoUser);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any method, a raw body (or none), as a user with a password. */
  public Response send(String method, String path, String body, String user, String password) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), user, password);
  }

  /** A multipart/form-data POST of one file plus plain fields (as Camunda Modeler deploys). */
  public Response postFile(String path, Map<String, String> fields, String fileName, String content, String user) {
    return postFiles(path, fields, Map.of(fileName, content), user);
  }

  /** A multipart/form-data POST of files (name → content) plus plain fields, each file a part of its own name. */
  public Response postFiles(String path, Map<String, String> fields, Map<String, String> files, String user) {
    String boundary = "----liutong" + System.nanoTime();
    StringBuilder body = new StringBuilder();
    fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
        .append(value).append("\r\n"));
    files.forEach((fileName, content) -> body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(fileName).append("\"; filename=\"").append(fileName).append("\"\r\n")
        .append("Content-Type: application/octet-stream\r\n\r\n").append(content).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)), user, user);
  }

  public Response post(String path, String contentType, byte[] body, String user, String password) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), user, password);
  }

  /** Form values as Tasklist submits them to submit-form: lists and objects as Json, numbers as Long or Double. */
  public static Map<String, Object> formVariables(Map<String, Object> form) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    form.forEach((name, value) -> {
      try {
        variables.put(name, value instanceof java.util.List<?> || value instanceof Map<?, ?>
            ? Map.of("value", MAPPER.writeValueAsString(value), "type", "Json")
            : Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : value instanceof Double ? "Double"
                : value instanceof Number ? "Long" : "String"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return variables;
  }

  /** As a demo user, whose password is its user id. */
  public Response get(String path, String demoUser) {
    return get(path, demoUser, demoUser);
  }

  public Response post(String path, Object body, String demoUser) {
    return post(path, body, demoUser, demoUser);
  }

  /** A file as it is downloaded: status, content type, disposition and the bytes. */
  public record Download(int status, String contentType, String disposition, byte[] body) {
  }

  /** A download as a demo user (password = user id). */
  public Download download(String path, String demoUser) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    authorize(request, demoUser, demoUser);
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Content-Disposition").orElse(""), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void authorize(HttpRequest.Builder request, String user, String password) {
    if (user != null) {
      String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
  }

  private Response send(HttpRequest.Builder request, String user, String password) {
    authorize(request, user, password);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
