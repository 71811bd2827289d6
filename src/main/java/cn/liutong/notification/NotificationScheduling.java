package cn.liutong.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox poller and the due scan run on Spring's scheduler, unless switched off (tests drive them). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "liutong.notifications.scheduling", havingValue = "true", matchIfMissing = true)
class NotificationScheduling {
}
