package cn.liutong.feedback;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.liutong.system.CallLimits;
import cn.liutong.system.CallLimits.Limit;

/**
 * Per-client limits of the public endpoints, as sliding windows: a client (its remote address) may
 * submit {@code liutong.public.submissions-per-window} times per {@code submission-window} and use a
 * tracking code (look up or rate) {@code lookups-per-window} times per {@code lookup-window}. Every call
 * the limit lets through counts, bad input too; calls it refuses do not. The windows are kept in the database
 * ({@link cn.liutong.system.SharedWindows}), so a client meets one limit however many nodes serve the channel,
 * and a restart forgets nothing. Behind a reverse proxy, the remote address is the
 * proxy's unless {@code server.forward-headers-strategy=native} lets Tomcat take the client's from
 * {@code X-Forwarded-For} of trusted (internal) proxies; that is off by default.
 */
@Component
class PublicRateLimiter {

  private final Limit submissions;
  private final Limit lookups;
  private final CallLimits windows;

  PublicRateLimiter(@Value("${liutong.public.submissions-per-window}") int submissions,
      @Value("${liutong.public.submission-window}") Duration submissionWindow,
      @Value("${liutong.public.lookups-per-window}") int lookups,
      @Value("${liutong.public.lookup-window}") Duration lookupWindow, CallLimits windows) {
    this.submissions = new Limit("submit", submissions, submissionWindow);
    this.lookups = new Limit("lookup", lookups, lookupWindow);
    this.windows = windows;
  }

  void countSubmission(String client) {
    count(submissions, client, "提交过于频繁");
  }

  void countLookup(String client) {
    count(lookups, client, "查询过于频繁");
  }

  private void count(Limit limit, String client, String what) {
    long wait = acquire(limit, client, CallLimits.now());
    if (wait > 0) {
      throw new PublicRequestException(HttpStatus.TOO_MANY_REQUESTS, what + "，请" + wait + "秒后再试", wait);
    }
  }

  /** Counts the call when the window has room: 0; otherwise the whole seconds until it has. */
  long acquire(Limit limit, String client, long now) {
    return windows.acquire(limit, client, now);
  }
}
