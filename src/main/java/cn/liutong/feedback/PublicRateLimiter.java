package cn.liutong.feedback;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Per-client limits of the public endpoints, as sliding windows: a client (its remote address) may
 * submit {@code liutong.public.submissions-per-window} times per {@code submission-window} and use a
 * tracking code (look up or rate) {@code lookups-per-window} times per {@code lookup-window}. Every call
 * the limit lets through counts, bad input too; calls it refuses do not. Kept in memory on purpose: one application instance serves the
 * channel, and a restart only forgets recent calls. Behind a reverse proxy, the remote address is the
 * proxy's unless {@code server.forward-headers-strategy=native} lets Tomcat take the client's from
 * {@code X-Forwarded-For} of trusted (internal) proxies; that is off by default.
 */
@Component
class PublicRateLimiter {

  private static final int SWEEP_EVERY = 1000;

  private final Limit submissions;
  private final Limit lookups;
  private final Map<String, Deque<Long>> calls = new HashMap<>();
  private int untilSweep = SWEEP_EVERY;

  record Limit(String name, int calls, Duration window) {
  }

  PublicRateLimiter(@Value("${liutong.public.submissions-per-window}") int submissions,
      @Value("${liutong.public.submission-window}") Duration submissionWindow,
      @Value("${liutong.public.lookups-per-window}") int lookups,
      @Value("${liutong.public.lookup-window}") Duration lookupWindow) {
    this.submissions = new Limit("submit", submissions, submissionWindow);
    this.lookups = new Limit("lookup", lookups, lookupWindow);
  }

  void countSubmission(String client) {
    count(submissions, client, "提交过于频繁");
  }

  void countLookup(String client) {
    count(lookups, client, "查询过于频繁");
  }

  private void count(Limit limit, String client, String what) {
    long wait = acquire(limit, client, System.nanoTime());
    if (wait > 0) {
      throw new PublicRequestException(HttpStatus.TOO_MANY_REQUESTS, what + "，请" + wait + "秒后再试", wait);
    }
  }

  /**
   * Counts the call when the window has room: 0; otherwise the whole seconds until it has. The clock
   * ({@link System#nanoTime()}) is a parameter so that a test can move it.
   */
  synchronized long acquire(Limit limit, String client, long now) {
    long window = limit.window().toNanos();
    sweep(now);
    Deque<Long> times = calls.computeIfAbsent(limit.name() + " " + client, k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= window) {
      times.pollFirst();
    }
    if (times.size() >= limit.calls()) {
      long remaining = times.peekFirst() + window - now;
      return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
    times.addLast(now);
    return 0;
  }

  /** Now and then, forget clients that have been quiet for a while, so the map stays small. */
  private void sweep(long now) {
    if (--untilSweep > 0) {
      return;
    }
    untilSweep = SWEEP_EVERY;
    long longest = Math.max(submissions.window().toNanos(), lookups.window().toNanos());
    calls.values().removeIf(times -> times.isEmpty() || now - times.peekLast() >= longest);
  }
}
