package cn.liutong.system;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API and our own {@code /api} answer only to HTTP Basic against Camunda's identity
 * service. The filter also sets the engine's current authentication (user, groups, tenants), so the
 * engine's authorization and tenant checks apply to every call, ours included.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthenticationConfiguration {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }
}
