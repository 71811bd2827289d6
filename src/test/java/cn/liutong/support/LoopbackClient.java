package cn.liutong.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Anonymous HTTP from a loopback address of its own (all of 127.0.0.0/8 reaches the server), so that each
 * test is a separate client for the per-client rate limits. java.net.http cannot choose the local
 * address before Java 19: this speaks plain HTTP/1.0 over a bound socket.
 */
public final class LoopbackClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private final int port;
  private final InetAddress local;

  private LoopbackClient(int port, InetAddress local) {
    this.port = port;
    this.local = local;
  }

  /** A client whose address no other client of this JVM uses (127.1.x.y). */
  public static LoopbackClient fresh(int port) {
    int n = NEXT.incrementAndGet();
    try {
      return new LoopbackClient(port, InetAddress.getByAddress(new byte[] {127, 1, (byte) (n / 250), (byte) (n % 250 + 1)}));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, Map<String, String> headers, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String message() {
      return json().path("message").asText();
    }
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, Object body) {
    try {
      return post(path, (body instanceof String s ? s : MAPPER.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, byte[] body) {
    return send("POST", path, body);
  }

  private Response send(String method, String path, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
      if (body != null) {
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response parse(byte[] raw) {
    int end = 0;
    while (end + 3 < raw.length && !(raw[end] == '\r' && raw[end + 1] == '\n' && raw[end + 2] == '\r' && raw[end + 3] == '\n')) {
      end++;
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = new String(Arrays.copyOfRange(raw, Math.min(end + 4, raw.length), raw.length), StandardCharsets.UTF_8);
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }
}
