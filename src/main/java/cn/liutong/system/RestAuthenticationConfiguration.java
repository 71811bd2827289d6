package cn.liutong.system;

import java.time.Duration;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The engine REST API, our own {@code /api} and the Prometheus endpoint answer only to HTTP Basic against
 * Camunda's identity service. The filter also sets the engine's current authentication (user, groups,
 * tenants), so the engine's authorization and tenant checks apply to every call, ours included.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthenticationConfiguration {

  static final String PROMETHEUS = "/actuator/prometheus";
  /** Members may read the metrics without being administrators; an administrator creates the group. */
  static final String MONITORING_GROUP = "monitoring";
  private static final Set<String> METRICS_READERS = Set.of(Groups.CAMUNDA_ADMIN, MONITORING_GROUP);
  private static final int AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*", PROMETHEUS);
    registration.setOrder(AUTHENTICATION_ORDER);
    return registration;
  }

  /** Before everything: addresses and parameters with characters no one types are refused. */
  @Bean
  FilterRegistrationBean<Filter> requestHygieneFilter() {
    var registration = new FilterRegistrationBean<Filter>(new RequestHygiene());
    registration.setName("request-hygiene");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Before the login: a client that keeps sending wrong passwords waits; the account is not locked. */
  @Bean
  FilterRegistrationBean<Filter> loginThrottleFilter(@Value("${liutong.login.failures-per-user}") int perUser,
      @Value("${liutong.login.failures-per-client}") int perClient, @Value("${liutong.login.failure-window}") Duration window, CallLimits windows) {
    var registration = new FilterRegistrationBean<Filter>(new LoginThrottle(
        new CallLimits.Limit("user", perUser, window), new CallLimits.Limit("client", perClient, window), windows));
    registration.setName("login-throttle");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", PROMETHEUS, "/camunda/api/admin/auth/user/*");
    registration.setOrder(AUTHENTICATION_ORDER - 1);
    return registration;
  }

  /**
   * Camunda delays a user's next logins after a wrong password and locks the account after ten: anyone
   * could lock anyone. {@link LoginThrottle} slows down the client instead.
   */
  @Bean
  ProcessEnginePlugin noAccountLockout() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0); // delay = base × factor^(attempts-1) seconds
        configuration.setLoginDelayFactor(0);
      }
    };
  }

  /** After the login: metrics reveal every agency's workload, so only administrators and monitoring read them. */
  @Bean
  FilterRegistrationBean<Filter> metricsReadersFilter(IdentityService identityService) {
    Filter onlyReaders = (request, response, chain) -> {
      if (Caller.current(identityService).inAnyGroup(METRICS_READERS)) {
        chain.doFilter(request, response);
      } else {
        ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_FORBIDDEN);
      }
    };
    var registration = new FilterRegistrationBean<>(onlyReaders);
    registration.setName("metrics-readers");
    registration.addUrlPatterns(PROMETHEUS);
    registration.setOrder(AUTHENTICATION_ORDER + 1);
    return registration;
  }
}
