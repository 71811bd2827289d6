package cn.liutong.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Two application nodes started at the same moment on a fresh PostgreSQL database must not both set up
 * Liquibase's own tables: Liquibase reads and creates {@code databasechangelog} before it takes its change
 * log lock (liquibase/liquibase#5254), so one node died with "relation databasechangelog already exists".
 *
 * <p>On PostgreSQL the whole migration runs under a session advisory lock, held on a connection of its
 * own: the second node waits, then finds every change set applied and does nothing. The migration is run
 * here, before the container initialises the bean, so that the lock is taken and released in one
 * {@code try}/{@code finally}; the container's own call then finds {@code shouldRun=false}. H2 is a file
 * of one process and needs no lock.
 */
@Component
class LiquibaseStartupLock implements BeanPostProcessor {

  /** The advisory lock's key: any constant of our own ("liutong" in ASCII, as a number). */
  static final long LOCK_KEY = 0x6c6975746f6e67L;

  private static final Logger log = LoggerFactory.getLogger(LiquibaseStartupLock.class);

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
    if (bean instanceof SpringLiquibase liquibase) {
      migrate(liquibase);
    }
    return bean;
  }

  static void migrate(SpringLiquibase liquibase) {
    DataSource dataSource = liquibase.getDataSource();
    try (Connection lockHolder = dataSource.getConnection()) {
      if (!"PostgreSQL".equals(lockHolder.getMetaData().getDatabaseProductName())) {
        return;
      }
      try (Statement statement = lockHolder.createStatement()) {
        statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
        log.info("Holding the schema migration lock; other nodes starting now wait for it");
        try {
          liquibase.afterPropertiesSet();
          liquibase.setShouldRun(false);
        } finally {
          statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
        }
      }
    } catch (SQLException | LiquibaseException e) {
      throw new BeanInitializationException("The database schema could not be brought up to date: " + e.getMessage(), e);
    }
  }
}
