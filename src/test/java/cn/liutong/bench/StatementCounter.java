package cn.liutong.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Counts the SQL statements the application sends (each statement of a JDBC batch counts once): per
 * {@code submit-form} request, and in the background (the job executor), apart from the bench's own
 * queries on its main thread and other HTTP requests.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementCounter {

  private static final ThreadLocal<long[]> REQUEST = new ThreadLocal<>();
  static final AtomicLong BACKGROUND = new AtomicLong();
  /** Statements of each completed submit-form request while {@link #recording} is on. */
  static final List<Long> PER_SUBMIT = new CopyOnWriteArrayList<>();
  static volatile boolean recording;
  /** How often each statement ran since {@link #reset}: "submit" or "background", then the SQL's start. */
  static final Map<String, LongAdder> BY_SQL = new ConcurrentHashMap<>();

  static void reset() {
    BACKGROUND.set(0);
    PER_SUBMIT.clear();
    BY_SQL.clear();
  }

  /** The statements counted since {@link #reset}, most frequent first, one line each. */
  static String bySql() {
    StringBuilder lines = new StringBuilder();
    BY_SQL.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(e -> lines.append(String.format("%6d  %s%n", e.getValue().sum(), e.getKey())));
    return lines.toString();
  }

  private static void count(int statements, String sql) {
    long[] request = REQUEST.get();
    if (request != null) {
      request[0] += statements;
      bySql("submit", statements, sql);
      return;
    }
    String thread = Thread.currentThread().getName();
    if (!thread.equals("main") && !thread.startsWith("http-nio")) {
      BACKGROUND.addAndGet(statements);
      bySql("background", statements, sql);
    }
  }

  private static void bySql(String where, int statements, String sql) {
    String start = sql == null ? "?" : sql.replaceAll("\\s+", " ").trim();
    BY_SQL.computeIfAbsent(where + "  " + start.substring(0, Math.min(start.length(), 160)), k -> new LongAdder())
        .add(statements);
  }

  @Bean
  static BeanPostProcessor countingDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && "dataSource".equals(beanName) ? proxy(DataSource.class, dataSource) : bean;
      }
    };
  }

  @Bean
  FilterRegistrationBean<Filter> submitStatements() {
    Filter filter = (request, response, chain) -> {
      boolean submit = ((HttpServletRequest) request).getRequestURI().endsWith("/submit-form");
      if (!submit) {
        chain.doFilter(request, response);
        return;
      }
      long[] statements = new long[1];
      REQUEST.set(statements);
      try {
        chain.doFilter(request, response);
      } finally {
        REQUEST.remove();
        if (recording) {
          PER_SUBMIT.add(statements[0]);
        }
      }
    };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /** Wraps DataSource → Connection → Statement, counting executions. */
  static <T> T proxy(Class<T> type, T target) {
    return proxy(type, target, null);
  }

  /** @param sql a prepared statement's SQL, counted under it */
  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, T target, String sql) {
    InvocationHandler handler = new InvocationHandler() {
      private int batched;

      @Override
      public Object invoke(Object p, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("equals") && args != null && args.length == 1) {
          return p == args[0];
        }
        if (target instanceof Statement) {
          if (name.equals("addBatch")) {
            batched++;
          } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
            count(Math.max(1, batched), sql);
            batched = 0;
          } else if (name.startsWith("execute")) {
            count(1, sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String s ? s : null);
          }
        }
        Object result;
        try {
          result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
        if (result instanceof Connection connection && method.getReturnType() == Connection.class) {
          return proxy(Connection.class, connection);
        }
        if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
          String prepared = name.startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String s ? s : null;
          return proxy((Class<Statement>) method.getReturnType(), statement, prepared);
        }
        return result;
      }
    };
    return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

}
