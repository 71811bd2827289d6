package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.liutong.support.PostgresDatabase;
import liquibase.Scope;
import liquibase.SingletonScopeManager;
import liquibase.ThreadLocalScopeManager;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue #13: two (here three) nodes starting at the same moment on a fresh PostgreSQL database all come
 * up, and every change set is applied once. Each "node" is the application's own Liquibase set-up (the
 * master change log, Camunda's tables included) run the way the container runs it, through
 * {@link LiquibaseStartupLock}; the nodes are released together by a barrier, on a new database each round.
 * <p>
 * Real nodes are separate JVMs; here they are threads of one, so Liquibase keeps its scopes per thread
 * ({@link ThreadLocalScopeManager}, Liquibase's own answer for several Liquibase runs in one JVM). With the
 * default manager, one node's end of scope met another's ("Cannot end scope … when currently at scope root").
 */
class LiquibaseStartupLockPostgresIT {

  private static final int NODES = 3;
  private static final int ROUNDS = 3;

  @Test
  void nodesStartingTogetherOnAFreshDatabaseAllComeUpAndApplyEachChangeSetOnce() throws Exception {
    // the manager is inherited by the threads created after it is set: the pool's
    Scope.setScopeManager(new ThreadLocalScopeManager());
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
            PostgresDatabase.url(PostgresDatabase.freshDatabase()), PostgresDatabase.user(), PostgresDatabase.password());
        CyclicBarrier start = new CyclicBarrier(NODES);
        List<Future<?>> nodes = new ArrayList<>();
        for (int node = 0; node < NODES; node++) {
          nodes.add(pool.submit(() -> {
            SpringLiquibase liquibase = nodeLiquibase(dataSource);
            start.await();
            LiquibaseStartupLock.migrate(liquibase);
            liquibase.afterPropertiesSet();
            return null;
          }));
        }
        for (Future<?> node : nodes) {
          node.get(5, TimeUnit.MINUTES); // throws if the node failed to start
        }

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer applied = jdbc.queryForObject("select count(*) from databasechangelog", Integer.class);
        Integer distinct = jdbc.queryForObject(
            "select count(*) from (select distinct id, author, filename from databasechangelog) d", Integer.class);
        assertThat(applied).as("round %d: change sets applied", round).isPositive().isEqualTo(distinct);
        assertThat(jdbc.queryForObject("select count(*) from act_ge_schema_log where version_ = '7.24.0'", Integer.class))
            .as("Camunda's schema reached 7.24.0 once").isOne();
        assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory'"
            + " and database = (select oid from pg_database where datname = current_database())", Integer.class))
            .as("the lock is released").isZero();
      }
    } finally {
      pool.shutdownNow();
      Scope.setScopeManager(new SingletonScopeManager());
    }
  }

  private static SpringLiquibase nodeLiquibase(DriverManagerDataSource dataSource) {
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.xml");
    liquibase.setResourceLoader(new DefaultResourceLoader());
    return liquibase;
  }
}
