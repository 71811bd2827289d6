package cn.liutong.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * When the database goes away (stopped, restarted, unreachable), every request that needs it answers
 * 503 with a Chinese reason within the pool's connection timeout, instead of 500 with the driver's words:
 * <ul>
 * <li>an engine command that fails for want of a connection throws {@link DatabaseUnavailableException}
 * (engine REST API and webapps: {@link ApiErrors.RestAnswers} answers 503);</li>
 * <li>whatever else escapes a request for the same reason ({@code /api}, {@code /ui}, the public feedback
 * form, the login filter) is answered 503 by the outermost servlet filter.</li>
 * </ul>
 * A pool that is merely busy is not an outage: the request waits for a connection ({@link BusyPool}).
 * Nothing is retried here: the transaction rolled back, so the caller may simply try again.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutage {

  static final String MESSAGE = "数据库暂时不可用，请稍后重试";
  /** What a client should wait before trying again, in seconds. */
  static final String RETRY_AFTER = "10";
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

  /** The engine's failure when it cannot reach its database; the REST API answers it with 503. */
  public static final class DatabaseUnavailableException extends ProcessEngineException {
    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(Throwable cause) {
      super(MESSAGE, cause);
    }
  }

  /**
   * Whether the failure is the database being out of reach rather than a fault of the request: a pool that
   * timed out, a connection refused, reset or closed, a server shutting down or starting up. A client that
   * hung up (a broken pipe on our side) is not.
   */
  static boolean isOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      // a rollback fails only on a broken connection; what failed first is kept aside
      if (cause instanceof TransactionSystemException rollback
          && (rollback.getCause() instanceof SQLException || isOutage(rollback.getApplicationException()))) {
        return true;
      }
      if (cause instanceof DatabaseUnavailableException || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
          || cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql && (outageState(sql.getSQLState()) || isOutage(sql.getNextException()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception), and PostgreSQL's 57P01–57P03: the server shutting down
   * (administrator or crash) or still starting up ("the database system is starting up").
   */
  private static boolean outageState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }

  /** A request waits its turn for a busy pool; only a pool that cannot reach the database answers 503 at once. */
  @Bean
  static BeanPostProcessor busyPool(Environment environment) {
    return BusyPool.wrapping(environment.getRequiredProperty("liutong.datasource.busy-wait", Duration.class));
  }

  @Bean
  ProcessEnginePlugin databaseOutageCommands() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        ApiErrors.addOutsideTransaction(configuration, new Translate());
      }
    };
  }

  /** Outermost: nothing a later filter or a controller lets escape for want of the database becomes a 500. */
  @Bean
  FilterRegistrationBean<Filter> databaseOutageFilter() {
    var registration = new FilterRegistrationBean<Filter>(new Answer503());
    registration.setName("database-outage");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class Translate extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (DatabaseUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        if (isOutage(e)) {
          throw new DatabaseUnavailableException(e);
        }
        throw e;
      }
    }
  }

  static final class Answer503 implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      try {
        chain.doFilter(request, response);
      } catch (IOException | ServletException | RuntimeException e) {
        if (!isOutage(e) || response.isCommitted()) {
          throw e;
        }
        LOG.warn("{} {} answered 503: the database is unavailable ({})", ((HttpServletRequest) request).getMethod(),
            ((HttpServletRequest) request).getRequestURI(), rootCause(e));
        write((HttpServletResponse) response);
      }
    }

    private static void write(HttpServletResponse response) throws IOException {
      response.reset();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", RETRY_AFTER);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"type\":\"ServiceUnavailable\",\"message\":\"" + MESSAGE + "\"}");
    }
  }

  static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
