package cn.liutong.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A busy pool is not an outage. The pool's {@code connection-timeout} (3 s) is how fast a request learns
 * that the database is away ({@link DatabaseOutage}: 503 "数据库暂时不可用"). But at the end of a quarter
 * every connection may simply be in use: 32 secretaries completing at once while the job executor
 * creates the next stage's tasks. A request that then waits 3 s must not be told the database is
 * unavailable; it waits its turn.
 * <p>
 * Hikari tells the two apart: its time-out carries the last failure to open or validate a connection,
 * and none when the database answered every time (a successful connection clears it). So a time-out
 * without a cause is tried again, up to {@code liutong.datasource.busy-wait} in all; one with a cause,
 * or the last one, goes to the caller (503).
 */
final class BusyPool extends DelegatingDataSource {

  private final Duration busyWait;

  BusyPool(DataSource pool, Duration busyWait) {
    super(pool);
    this.busyWait = busyWait;
  }

  /** Wraps the application's Hikari pool (the engine, Liquibase and the transaction manager then all use this). */
  static BeanPostProcessor wrapping(Duration busyWait) {
    // first, so that whatever else wraps the pool (a statement counter in the benchmark) wraps this
    return new OrderedPostProcessor() {
      @Override
      public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
      }

      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof HikariDataSource pool ? new BusyPool(pool, busyWait) : bean;
      }
    };
  }

  private interface OrderedPostProcessor extends BeanPostProcessor, Ordered {
  }

  @Override
  public Connection getConnection() throws SQLException {
    long deadline = System.nanoTime() + busyWait.toNanos();
    while (true) {
      try {
        return super.getConnection();
      } catch (SQLTransientConnectionException timedOut) {
        if (timedOut.getCause() != null || System.nanoTime() >= deadline || isClosed()) {
          throw timedOut;
        }
      }
    }
  }

  private boolean isClosed() {
    return getTargetDataSource() instanceof HikariDataSource pool && pool.isClosed();
  }
}
