package cn.liutong.system;

import java.time.Duration;
import java.util.Deque;

/**
 * Per-key call limits as sliding windows: a key (a client address, a client and a user id) may make
 * {@link Limit#calls()} calls per {@link Limit#window()}. The clock is a parameter (nanoseconds) so that a
 * test can move it; {@link #now()} is the clock of production, the same on every node.
 */
public interface CallLimits {

  record Limit(String name, int calls, Duration window) {
  }

  /** Counts the call when the window has room: 0; otherwise the whole seconds until it has (not counted). */
  long acquire(Limit limit, String key, long now);

  /** The whole seconds until the window has room, 0 when it has; counts nothing. */
  long wait(Limit limit, String key, long now);

  /** Counts a call whatever the window holds (for failures noticed after the fact). */
  void count(Limit limit, String key, long now);

  /** Wall-clock nanoseconds: nodes sharing limits compare their calls' times (their clocks are kept by NTP). */
  static long now() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  /** Drops the calls that left the window, oldest first; then the whole seconds until it has room (0 if it has). */
  static long slide(Deque<Long> times, Limit limit, long now) {
    long window = limit.window().toNanos();
    while (!times.isEmpty() && now - times.peekFirst() >= window) {
      times.pollFirst();
    }
    if (times.size() >= limit.calls()) {
      long remaining = times.peekFirst() + window - now;
      return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
    return 0;
  }
}
