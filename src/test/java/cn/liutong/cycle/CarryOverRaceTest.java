package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This year's cycle closes while next year's is starting: neither transaction sees the other's rows, yet the
 * problems arrive in the new cycle (its start hands itself, once committed, what the close left to no cycle).
 */
class CarryOverRaceTest extends CarryOverTestBase {

  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void closeAndStartAtTheSameMomentStillMeet() throws Exception {
    runUntilLastDecision();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      startNext(); // not committed yet: the close below cannot see the new cycle
      Thread closer = new Thread(() -> {
        try {
          close();
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      closer.start();
      try {
        closer.join(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(closer.isAlive()).as("the close waits for nothing of the start").isFalse();
      assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id is null",
          cycle.cycleId())).as("committed by the close, for no cycle yet").isEqualTo(2);
    });
    assertThat(failure.get()).isNull();

    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ? and to_cycle_id = ?", cycle.cycleId(),
        next.cycleId())).isEqualTo(2);
    assertThat(carriedRows()).hasSize(2);
  }

}
