package cn.liutong.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivers the outbox after commit: every {@code liutong.notifications.poll-interval} it claims the due
 * rows ({@link Outbox#claimDue}, skipping rows another node holds), sends them and records the outcome in
 * the same transaction. A failed attempt is retried with a doubling delay from
 * {@code liutong.notifications.retry-delay}; after {@code liutong.notifications.max-attempts} the row is
 * FAILED and shows in {@code /api/admin/notifications}. Digest rows of one person due at the same time go
 * out as one e-mail. Counters: {@code liutong.notifications.sent} and {@code liutong.notifications.failed}.
 */
@Component
class Delivery {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final Duration MAX_DELAY = Duration.ofHours(6);

  private final Outbox outbox;
  private final Transports transports;
  private final TransactionTemplate transaction;
  private final MeterRegistry meters;
  private final Duration retryDelay;
  private final int maxAttempts;
  private final int batch;

  Delivery(Outbox outbox, Transports transports, PlatformTransactionManager transactionManager, MeterRegistry meters,
      @Value("${liutong.notifications.retry-delay}") Duration retryDelay,
      @Value("${liutong.notifications.max-attempts}") int maxAttempts,
      @Value("${liutong.notifications.batch-size}") int batch) {
    this.outbox = outbox;
    this.transports = transports;
    this.transaction = new TransactionTemplate(transactionManager);
    this.meters = meters;
    this.retryDelay = retryDelay;
    this.maxAttempts = maxAttempts;
    this.batch = batch;
  }

  @Scheduled(fixedDelayString = "${liutong.notifications.poll-interval}",
      initialDelayString = "${liutong.notifications.poll-interval}")
  void poll() {
    try {
      // a full batch means more may be due: go on, a bounded number of rounds per poll
      for (int round = 0; round < 20 && deliverDue() == batch; round++) {
        LOG.debug("Notification batch of {} delivered, more due", batch);
      }
    } catch (RuntimeException e) {
      LOG.warn("Notification delivery failed: {}", e.toString());
    }
  }

  /** One round: the rows due now; the number of rows handled (sent or failed). */
  int deliverDue() {
    Integer handled = transaction.execute(status -> {
      Date now = ClockUtil.getCurrentTime();
      List<Outbox.Row> due = outbox.claimDue(now, batch);
      Map<String, List<Outbox.Row>> messages = new LinkedHashMap<>();
      for (Outbox.Row row : due) {
        String key = row.digest() ? "digest|" + row.channel() + "|" + row.recipient() : row.id();
        messages.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
      messages.values().forEach(rows -> deliver(rows, now));
      return due.size();
    });
    return handled == null ? 0 : handled;
  }

  private void deliver(List<Outbox.Row> rows, Date now) {
    Outbox.Row first = rows.get(0);
    Channel channel = Channel.valueOf(first.channel());
    String subject = first.subject();
    String body = first.body();
    if (first.digest()) {
      subject = "【每日汇总】" + rows.size() + "条消息提醒";
      StringBuilder text = new StringBuilder();
      for (Outbox.Row row : rows) {
        text.append(text.isEmpty() ? "" : "\n\n").append(row.subject()).append('\n').append(row.body());
      }
      body = text.toString();
    }
    try {
      transports.send(channel, first.recipient(), subject, body);
      rows.forEach(row -> outbox.sent(row, now));
      meters.counter("liutong.notifications.sent", "channel", channel.name()).increment(rows.size());
    } catch (Transports.DeliveryException e) {
      for (Outbox.Row row : rows) {
        int attempt = row.attempts() + 1;
        Date next = e.permanent || attempt >= maxAttempts ? null : new Date(now.getTime() + delay(attempt).toMillis());
        outbox.failed(row, next, e.getMessage());
      }
      meters.counter("liutong.notifications.failed", "channel", channel.name()).increment(rows.size());
      LOG.warn("Notification {} to {} ({}) failed, attempt {}: {}", first.kind(), channel.robot() ? first.recipient()
          : "user " + first.recipient(), channel, first.attempts() + 1, e.getMessage());
    }
  }

  /** retry-delay, doubled for each further attempt, at most six hours. */
  Duration delay(int attempt) {
    Duration delay = retryDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }
}
