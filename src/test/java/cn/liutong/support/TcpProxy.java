package cn.liutong.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the application and the test's PostgreSQL server that can play a database outage
 * without stopping the machine's server (other tests use it).
 * <p>
 * What the application sees of a stopped PostgreSQL is two things, and {@link #cut()} does both: every open
 * connection breaks (here reset, RST, on both sides, so the driver's next read or write fails, as on a server
 * that went away), and new connections are refused (the listening socket is closed, so a connect gets
 * ECONNREFUSED exactly as from a port nobody listens on). {@link #restore()} listens on the same port again,
 * as a restarted server does. The application keeps the proxy's address throughout. (A real server shutting
 * down first sends SQLSTATE 57P01 on open connections, and answers 57P03 while starting up; the application
 * treats those like the broken connections here, see {@code DatabaseOutageTest}.)
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    acceptOn(listener);
  }

  /** A proxy on a free local port to the test PostgreSQL server ({@link PostgresDatabase}). */
  public static TcpProxy toPostgres() throws IOException {
    URI server = URI.create(PostgresDatabase.SERVER.substring("jdbc:".length()));
    return new TcpProxy(new InetSocketAddress(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort()));
  }

  /** The JDBC URL of a database on the test server, through this proxy. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The server goes away: open connections are reset, new ones refused. */
  public synchronized void cut() throws IOException {
    ServerSocket closing = listener;
    listener = null;
    if (closing != null) {
      closing.close();
    }
    for (Socket socket : sockets) {
      reset(socket);
    }
    sockets.clear();
  }

  /** The server is back on the same port. */
  public synchronized void restore() throws IOException {
    if (listener == null) {
      listener = listen(port);
      acceptOn(listener);
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return server;
  }

  private void acceptOn(ServerSocket server) {
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          sockets.add(client);
          Socket upstream = new Socket();
          try {
            upstream.connect(target, 5000);
          } catch (IOException e) {
            reset(client);
            continue;
          }
          sockets.add(upstream);
          if (listener != server) { // cut while connecting
            reset(client);
            reset(upstream);
            continue;
          }
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // the listener was closed by cut(), or the upstream refused: the client sees its connection closed
        }
      }
    }, "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read; (read = in.read(buffer)) >= 0;) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed or was reset
      } finally {
        reset(from);
        reset(to);
      }
    }, "tcp-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private void reset(Socket socket) {
    sockets.remove(socket);
    try {
      socket.setSoLinger(true, 0); // close with RST, not FIN
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
