package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

/** Everyone who takes a connection takes it through {@link BusyPool}, and the pool is still observed as Hikari. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class BusyPoolWiringTest {

  @Autowired
  DataSource dataSource;

  @Autowired
  ProcessEngine engine;

  @Autowired
  PlatformTransactionManager transactions;

  @Autowired
  MeterRegistry meters;

  @Test
  void theApplicationTheEngineAndTheTransactionsUseTheBusyPool() throws Exception {
    assertThat(dataSource).isInstanceOf(BusyPool.class);
    assertThat(dataSource.unwrap(HikariDataSource.class).isRunning()).isTrue();
    DataSource engines = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    DataSource underEngine = engines instanceof TransactionAwareDataSourceProxy proxy ? proxy.getTargetDataSource() : engines;
    assertThat(underEngine).isSameAs(dataSource);
    assertThat(((DataSourceTransactionManager) transactions).getDataSource()).isSameAs(dataSource);
    assertThat(meters.find("hikaricp.connections.max").gauge()).as("the pool's metrics").isNotNull();
  }
}
