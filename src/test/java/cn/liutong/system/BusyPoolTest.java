package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A real Hikari pool of one connection: a busy pool makes the caller wait, an unreachable database does not. */
class BusyPoolTest {

  private static final Duration POOL_TIMEOUT = Duration.ofMillis(250);

  @Test
  void aCallerWaitsForAConnectionThatIsInUseLongerThanThePoolsTimeOut() throws Exception {
    try (HikariDataSource pool = pool("jdbc:h2:mem:busyPool" + System.nanoTime())) {
      BusyPool patient = new BusyPool(pool, Duration.ofSeconds(10));
      Connection held = pool.getConnection();
      CompletableFuture.delayedExecutor(4 * POOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> close(held));

      assertThatThrownBy(pool::getConnection).as("the pool alone gives up after its time-out")
          .isInstanceOf(SQLTransientConnectionException.class).hasNoCause();
      long start = System.nanoTime();
      try (Connection connection = patient.getConnection()) {
        assertThat(connection.isValid(1)).isTrue();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited past the pool's time-out").isGreaterThan(POOL_TIMEOUT);
    }
  }

  @Test
  void aBusyPoolGivesUpAfterTheBusyWait() throws Exception {
    try (HikariDataSource pool = pool("jdbc:h2:mem:busyPoolHeld" + System.nanoTime());
        Connection held = pool.getConnection()) {
      BusyPool patient = new BusyPool(pool, Duration.ofMillis(800));
      long start = System.nanoTime();

      assertThatThrownBy(patient::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as("more than one try").isGreaterThanOrEqualTo(Duration.ofMillis(800));
      assertThat(took).as("at most the busy wait and one more time-out").isLessThan(Duration.ofMillis(800).plus(POOL_TIMEOUT.multipliedBy(3)));
      assertThat(held.isValid(1)).isTrue();
    }
  }

  @Test
  void anUnreachableDatabaseIsReportedAfterOnePoolTimeOut() throws Exception {
    // nothing listens on port 1: every attempt to connect is refused, and the pool's time-out carries that failure
    try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:1/none")) {
      BusyPool patient = new BusyPool(pool, Duration.ofSeconds(30));
      long start = System.nanoTime();

      assertThatThrownBy(patient::getConnection).isInstanceOf(SQLTransientConnectionException.class).hasCauseInstanceOf(Exception.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the busy wait").isLessThan(Duration.ofSeconds(5));
      assertThat(DatabaseOutage.isOutage(catching(patient))).as("answered 503").isTrue();
    }
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(POOL_TIMEOUT.toMillis());
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private static Exception catching(BusyPool pool) {
    try (Connection connection = pool.getConnection()) {
      throw new AssertionError("connected to " + connection);
    } catch (Exception e) {
      return e;
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
