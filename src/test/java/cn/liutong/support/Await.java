package cn.liutong.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what another process (a job executor, another node) does, with a limit that fails the test. */
public final class Await {

  private Await() {
  }

  /** Polls the condition every quarter second until it holds; fails the test, naming what, after the timeout. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
      Thread.sleep(250);
    }
  }
}
