package cn.liutong.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.liutong.support.PostgresDatabase;

/**
 * The outbox on PostgreSQL, as on a cluster: two pollers at once (two nodes) send every message exactly
 * once ({@code FOR UPDATE SKIP LOCKED}), and a duplicate event written inside a transaction is skipped
 * without aborting it ({@code ON CONFLICT DO NOTHING}).
 */
@TestPropertySource(properties = "liutong.notifications.batch-size=7")
class NotificationOutboxPostgresIT extends NotificationTestBase {

  static final int MESSAGES = 60;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @Autowired
  Outbox outbox;
  @Autowired
  PlatformTransactionManager transactionManager;

  @Test
  void twoPollersAtOnceSendEveryMessageOnce() throws Exception {
    robot("financeBudget", "WECOM", "/wecom/budget", null);
    ROBOTS.delay(15);
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      for (int i = 0; i < MESSAGES; i++) {
        outbox.add(new Message("TEST:" + i, Kind.URGED, Channel.WECOM, "financeBudget", "finance", null,
            "【催办】第" + i + "条", "正文" + i, false, null), new Date());
      }
    });

    ExecutorService nodes = Executors.newFixedThreadPool(2);
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<Integer> node = () -> {
      start.await();
      int handled = 0;
      for (int round; (round = delivery.deliverDue()) > 0;) {
        handled += round;
      }
      return handled;
    };
    List<Future<Integer>> results = new ArrayList<>(List.of(nodes.submit(node), nodes.submit(node)));
    int first = results.get(0).get(2, TimeUnit.MINUTES);
    int second = results.get(1).get(2, TimeUnit.MINUTES);
    nodes.shutdown();

    assertThat(first + second).isEqualTo(MESSAGES);
    assertThat(first).as("both nodes worked").isPositive();
    assertThat(second).as("both nodes worked").isPositive();
    assertThat(ROBOTS.posts()).hasSize(MESSAGES);
    assertThat(ROBOTS.posts().stream().map(WebhookStub.Post::body).distinct().count()).isEqualTo(MESSAGES);
    assertThat(rows("status = 'SENT' AND attempts = 1")).isEqualTo(MESSAGES);
  }

  @Test
  void aDuplicateEventInsideATransactionIsSkippedAndTheTransactionCommits() {
    Message message = new Message("OVERDUE:task-1", Kind.OVERDUE, Channel.EMAIL, "chenjing", "finance", "task-1",
        "【已逾期】某任务", "正文", false, null);
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      assertThat(outbox.add(message, new Date())).isTrue();
      assertThat(outbox.add(message, new Date())).isFalse();
      assertThat(outbox.hasEvent("OVERDUE:task-1")).isTrue();
      outbox.add(new Message("OVERDUE:task-2", Kind.OVERDUE, Channel.EMAIL, "chenjing", "finance", "task-2",
          "【已逾期】另一任务", "正文", false, null), new Date());
    });
    assertThat(rows("kind = 'OVERDUE'")).isEqualTo(2);
    assertThat(outbox.hasEvent("OVERDUE:task")).as("an event is matched whole").isFalse();
  }
}
