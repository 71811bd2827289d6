package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import cn.liutong.system.CallLimits.Limit;
import liquibase.integration.spring.SpringLiquibase;

/** The database-backed windows: two "nodes" (two instances on one database) share one count. */
public class SharedWindowsTest {

  private static final long SECOND = 1_000_000_000L;

  /** Windows on a fresh in-memory H2 database with the application's change set for them. */
  public static SharedWindows onH2() {
    return on(h2());
  }

  private static DriverManagerDataSource h2() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:windows-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog("classpath:db/changelog/liutong-rate-limit-changelog.xml");
    liquibase.setResourceLoader(new DefaultResourceLoader());
    try {
      liquibase.afterPropertiesSet();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return dataSource;
  }

  private static SharedWindows on(DriverManagerDataSource dataSource) {
    return new SharedWindows(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
  }

  private final DriverManagerDataSource database = h2();
  private final SharedWindows one = on(database);

  @Test
  void twoNodesOnOneDatabaseShareTheWindow() throws Exception {
    SharedWindows other = on(database);
    Limit three = new Limit("test", 3, Duration.ofSeconds(10));
    assertThat(one.acquire(three, "10.0.0.1", 0)).isZero();
    assertThat(other.acquire(three, "10.0.0.1", SECOND)).isZero();
    assertThat(one.acquire(three, "10.0.0.1", 2 * SECOND)).isZero();
    assertThat(other.acquire(three, "10.0.0.1", 3 * SECOND)).as("the other node sees the three calls").isEqualTo(7);
    assertThat(one.wait(three, "10.0.0.1", 10 * SECOND)).as("the first call left the window").isZero();
  }

  @Test
  void concurrentCallsNeverPassTheLimit() throws Exception {
    Limit ten = new Limit("test", 10, Duration.ofMinutes(1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      var results = new java.util.ArrayList<Future<Long>>();
      for (int i = 0; i < 40; i++) {
        long now = i;
        results.add(pool.submit(() -> one.acquire(ten, "10.0.0.9", now)));
      }
      int passed = 0;
      for (Future<Long> result : results) {
        passed += result.get(30, TimeUnit.SECONDS) == 0 ? 1 : 0;
      }
      assertThat(passed).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLimitOfAThousandCallsFitsItsRow() {
    Limit thousand = new Limit("submit", 1000, Duration.ofMinutes(10));
    for (int i = 0; i < 1000; i++) {
      assertThat(one.acquire(thousand, "10.0.0.5", i * SECOND / 10)).as("call " + i).isZero();
    }
    assertThat(one.acquire(thousand, "10.0.0.5", 100 * SECOND)).as("the 1,001st, until the first leaves").isEqualTo(500);
  }

  @Test
  void countedFailuresSlowTheClientAndALongKeyIsHashed() {
    Limit two = new Limit("user", 2, Duration.ofSeconds(10));
    String hostile = "10.0.0.1 " + "x".repeat(5000);
    one.count(two, hostile, 0);
    one.count(two, hostile, 0);
    one.count(two, hostile, 0);
    assertThat(one.wait(two, hostile, SECOND)).isEqualTo(9);
    assertThat(SharedWindows.rowKey(two, hostile)).hasSizeLessThanOrEqualTo(SharedWindows.LONGEST_KEY);
  }
}
