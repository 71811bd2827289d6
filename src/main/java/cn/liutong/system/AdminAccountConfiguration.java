package cn.liutong.system;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Outside the demo profile an administrator password must be configured (no default credentials). */
@Configuration(proxyBeanMethods = false)
@Profile("!demo")
@EnableConfigurationProperties(AdminAccount.class)
class AdminAccountConfiguration {

  @Bean
  InitializingBean adminAccountCheck(AdminAccount account) {
    return account::check;
  }
}
