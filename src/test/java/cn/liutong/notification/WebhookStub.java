package cn.liutong.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A group robot on the loopback interface (JDK {@link HttpServer}): records what is posted and answers
 * with the queued statuses (then 200 with {@code errcode 0}, as 企业微信 and 钉钉 do).
 */
final class WebhookStub implements AutoCloseable {

  record Post(String path, String query, String body) {
  }

  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private volatile long delayMillis;

  WebhookStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      pause();
      int status;
      synchronized (statuses) {
        status = statuses.isEmpty() ? 200 : statuses.poll();
      }
      posts.add(new Post(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), body));
      byte[] answer = (status == 200 ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "busy").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next answers, in order (e.g. 500), before the default 200. */
  void answer(int... next) {
    synchronized (statuses) {
      for (int status : next) {
        statuses.add(status);
      }
    }
  }

  /** A slow robot: every answer waits this long (so that pollers overlap). */
  void delay(long millis) {
    delayMillis = millis;
  }

  private void pause() {
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  List<Post> posts() {
    return List.copyOf(posts);
  }

  void reset() {
    posts.clear();
    delayMillis = 0;
    synchronized (statuses) {
      statuses.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
