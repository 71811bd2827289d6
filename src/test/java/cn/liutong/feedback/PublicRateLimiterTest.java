package cn.liutong.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import cn.liutong.system.SharedWindowsTest;

/**
 * The sliding window of the public endpoints' rate limits, with a clock the test moves, kept where the
 * application keeps it: in the database (here H2 in memory, with the application's change set).
 */
class PublicRateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  private final PublicRateLimiter limiter = new PublicRateLimiter(5, Duration.ofMinutes(10), 60, Duration.ofMinutes(1),
      SharedWindowsTest.onH2());
  private final cn.liutong.system.CallLimits.Limit twoPerTenSeconds = new cn.liutong.system.CallLimits.Limit("test", 2, Duration.ofSeconds(10));

  @Test
  void theWindowSlidesPerClient() {
    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.1", 0)).isZero();
    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.1", 4 * SECOND)).isZero();
    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.1", 5 * SECOND)).as("until the call at 0 s leaves").isEqualTo(5);
    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.2", 5 * SECOND)).as("another client").isZero();

    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.1", 10 * SECOND)).isZero();
    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.1", 11 * SECOND)).as("calls at 4 s and 10 s").isEqualTo(3);
    assertThat(limiter.acquire(twoPerTenSeconds, "10.0.0.1", 14 * SECOND)).as("refused calls did not count").isZero();
  }

  @Test
  void aPartSecondIsRoundedUp() {
    cn.liutong.system.CallLimits.Limit onePerSecond = new cn.liutong.system.CallLimits.Limit("test", 1, Duration.ofSeconds(1));
    assertThat(limiter.acquire(onePerSecond, "10.0.0.3", 0)).isZero();
    assertThat(limiter.acquire(onePerSecond, "10.0.0.3", SECOND / 10)).isEqualTo(1);
  }
}
