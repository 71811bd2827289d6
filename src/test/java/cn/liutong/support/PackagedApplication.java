package cn.liutong.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/liutong-workflow-*.jar}, built by {@code package} before Failsafe
 * runs) as a child process, as an installation runs it: {@code java} of this JVM's {@code java.home} with the
 * memory options of the pom's {@code liutong.jvm}, the demo profile, a PostgreSQL database, its own port. Its
 * output goes to {@code target/<name>-<n>.log}, one file per start.
 */
public final class PackagedApplication implements AutoCloseable {

  /** What a killed JVM's exit value is on Linux: 128 + SIGKILL (9). */
  public static final int KILLED = 137;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final List<String> arguments;
  private Process process;
  private int starts;

  /**
   * @param name for the log files
   * @param database a database on the test server
   * @param properties further {@code --name=value} arguments
   */
  public PackagedApplication(String name, String database, List<String> properties) {
    this.name = name;
    this.port = freePort();
    this.arguments = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--spring.datasource.url=" + PostgresDatabase.url(database),
        "--spring.datasource.username=" + PostgresDatabase.user(),
        "--spring.datasource.password=" + PostgresDatabase.password(),
        "--liutong.demo.cycles=false", "--logging.level.liquibase=warn"));
    this.arguments.addAll(properties);
  }

  public int port() {
    return port;
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the process (not waiting for it to be ready). */
  public synchronized PackagedApplication start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " runs already");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    // the same zone as this test JVM (Surefire's argLine): database timestamps without a zone are written in the
    // application's zone and read back here, e.g. to compare a timer's due date with the moment of a kill
    command.add("-Duser.timezone=" + java.util.TimeZone.getDefault().getID());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(arguments);
    Path log = Path.of("target", name + "-" + (++starts) + ".log");
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return this;
  }

  /** Waits until {@code /actuator/health} answers 200 (UP); the time it took since now. */
  public Duration awaitReady(Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " died at start-up with exit value " + process.exitValue()
            + ", see target/" + name + "-" + starts + ".log");
      }
      try {
        HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " not ready within " + timeout);
  }

  /**
   * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux (the JVM gets no shutdown hook,
   * nothing is flushed); returns the exit value, which says so ({@link #KILLED}).
   */
  public synchronized int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " survived SIGKILL");
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Stops the process, if it runs, the way the test ends: killed. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (isAlive()) {
      kill();
    }
  }

  /** The JVM options the project gives the application: the pom's {@code liutong.jvm}. */
  static List<String> jvmOptions() throws IOException {
    Matcher option = Pattern.compile("<liutong\\.jvm>([^<]+)</liutong\\.jvm>").matcher(Files.readString(Path.of("pom.xml")));
    if (!option.find()) {
      throw new IllegalStateException("pom.xml has no property liutong.jvm");
    }
    return List.of(option.group(1).trim().split("\\s+"));
  }

  /** The executable jar that {@code package} built (not the plain one). */
  static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("liutong-workflow-.*\\.jar")
          && !f.getFileName().toString().endsWith("-plain.jar"))
          .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
          .orElseThrow(() -> new IllegalStateException("no target/liutong-workflow-*.jar: run ./mvnw package (verify does)"));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
