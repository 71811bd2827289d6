package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import jakarta.ws.rs.core.Response.Status;

/** Which failures count as the database being away, and what the REST API answers to them. */
class DatabaseOutageTest {

  @Test
  void failuresToReachTheDatabaseAreOutages() {
    assertThat(DatabaseOutage.isOutage(new CannotCreateTransactionException("no connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms")))).isTrue();
    assertThat(DatabaseOutage.isOutage(new ProcessEngineException("flush failed", new PersistenceException(
        new SQLException("An I/O error occurred while sending to the backend.", "08006"))))).isTrue();
    assertThat(DatabaseOutage.isOutage(new RuntimeException(new SQLException("Connection to 127.0.0.1:5432 refused.", "08001",
        new ConnectException("Connection refused"))))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("the database system is starting up", "57P03"))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    assertThat(DatabaseOutage.isOutage(rollbackFailed)).as("the rollback after a cut connection").isTrue();
  }

  @Test
  void faultsOfTheRequestAreNot() {
    assertThat(DatabaseOutage.isOutage(new ProcessEngineException("ENGINE-03005 optimistic locking"))).isFalse();
    assertThat(DatabaseOutage.isOutage(new ProcessEngineException("insert failed",
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    assertThat(DatabaseOutage.isOutage(new java.io.IOException("client aborted", new java.net.SocketException("Broken pipe"))))
        .as("a client that hung up").isFalse();
  }

  @Test
  void aDeadlockBetweenTwoWritersIsARaceNotAnOutage() {
    var deadlock = new ProcessEngineException("flush failed", new PersistenceException(new java.sql.BatchUpdateException(
        "delete from ACT_RU_TASK was aborted", "40P01", new int[0])));
    assertThat(ApiErrors.concurrentWrite(deadlock)).isTrue();
    assertThat(ApiErrors.concurrentWrite(new RuntimeException(new SQLException("could not serialize access", "40001")))).isTrue();
    assertThat(ApiErrors.concurrentWrite(new ProcessEngineException("insert failed",
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    assertThat(DatabaseOutage.isOutage(deadlock)).isFalse();
  }

  @Test
  void theRestApiAnswers503ForTheEnginesOutageHoweverItIsWrapped() {
    ExceptionDto direct = new ExceptionDto();
    direct.setType("DatabaseUnavailableException");
    direct.setMessage(DatabaseOutage.MESSAGE);
    ExceptionDto wrapped = new ExceptionDto();
    wrapped.setType("RestException");
    wrapped.setMessage("Cannot submit task form 42: " + DatabaseOutage.MESSAGE);
    assertThat(ApiErrors.RestAnswers.status(direct, 500)).isEqualTo(Status.SERVICE_UNAVAILABLE);
    assertThat(ApiErrors.RestAnswers.status(wrapped, 500)).isEqualTo(Status.SERVICE_UNAVAILABLE);
  }
}
