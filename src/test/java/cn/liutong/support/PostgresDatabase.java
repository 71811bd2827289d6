package cn.liutong.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL database for one test JVM, created on first use and dropped when the JVM ends.
 * PostgreSQL is not optional in CI: when it cannot be reached the tests fail, loudly, with how to start it.
 */
public final class PostgresDatabase {

  static final String SERVER = env("LIUTONG_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = env("LIUTONG_TEST_PG_USER", "postgres");
  static final String PASSWORD = env("LIUTONG_TEST_PG_PASSWORD", "");

  private static String name;

  private PostgresDatabase() {
  }

  /** Points the application at the test database (for {@code @DynamicPropertySource}). */
  public static void register(DynamicPropertyRegistry registry) {
    String url = SERVER + database();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }

  /**
   * Points the application at a database of its own rather than the JVM's shared one: for a test whose
   * traces would disturb later tests (the login failures it counts are kept in the database, for every node).
   */
  public static void registerFresh(DynamicPropertyRegistry registry) {
    String url = SERVER + freshDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }

  public static synchronized String database() {
    if (name == null) {
      name = freshDatabase();
    }
    return name;
  }

  /** Another empty database of its own, dropped when the JVM ends (for tests that need several). */
  public static String freshDatabase() {
    String candidate = "liutong_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + candidate);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("drop database if exists " + candidate + " with (force)")));
    return candidate;
  }

  /** The JDBC URL of a database on the test server. */
  public static String url(String database) {
    return SERVER + database;
  }

  /** Host, port and user of the test server as PostgreSQL's command-line tools take them. */
  public static java.util.List<String> commandLineConnection() {
    java.net.URI server = java.net.URI.create(SERVER.substring("jdbc:".length()));
    return java.util.List.of("-h", server.getHost(), "-p", String.valueOf(server.getPort() < 0 ? 5432 : server.getPort()),
        "-U", USER);
  }

  public static String user() {
    return USER;
  }

  public static String password() {
    return PASSWORD;
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD)) {
      connection.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is required by this test and is not usable at " + SERVER
          + " as user " + USER + " (" + e.getMessage() + "). Start it with: pg_ctlcluster --skip-systemctl-redirect "
          + "$(ls /etc/postgresql) main start, or set LIUTONG_TEST_PG_SERVER/USER/PASSWORD.", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
