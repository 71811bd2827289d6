package cn.liutong.system;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key call limits as sliding windows, in memory: one application instance serves, and a restart only
 * forgets recent calls. The clock ({@link System#nanoTime()}) is a parameter so that a test can move it.
 */
public final class SlidingWindows {

  private static final int SWEEP_EVERY = 1000;

  public record Limit(String name, int calls, Duration window) {
  }

  private final Map<String, Deque<Long>> calls = new HashMap<>();
  private final long longest;
  private int untilSweep = SWEEP_EVERY;

  public SlidingWindows(Limit... limits) {
    long max = 0;
    for (Limit limit : limits) {
      max = Math.max(max, limit.window().toNanos());
    }
    this.longest = max;
  }

  /** Counts the call when the window has room: 0; otherwise the whole seconds until it has (not counted). */
  public synchronized long acquire(Limit limit, String key, long now) {
    long wait = wait(limit, key, now);
    if (wait == 0) {
      calls.get(limit.name() + " " + key).addLast(now);
    }
    return wait;
  }

  /** The whole seconds until the window has room, 0 when it has; counts nothing. */
  public synchronized long wait(Limit limit, String key, long now) {
    long window = limit.window().toNanos();
    sweep(now);
    Deque<Long> times = calls.computeIfAbsent(limit.name() + " " + key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= window) {
      times.pollFirst();
    }
    if (times.size() >= limit.calls()) {
      long remaining = times.peekFirst() + window - now;
      return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
    return 0;
  }

  /** Counts a call whatever the window holds (for failures noticed after the fact). */
  public synchronized void count(Limit limit, String key, long now) {
    calls.computeIfAbsent(limit.name() + " " + key, k -> new ArrayDeque<>()).addLast(now);
  }

  /** Now and then, forget keys that have been quiet for a while, so the map stays small. */
  private void sweep(long now) {
    if (--untilSweep > 0) {
      return;
    }
    untilSweep = SWEEP_EVERY;
    calls.values().removeIf(times -> times.isEmpty() || now - times.peekLast() >= longest);
  }
}
