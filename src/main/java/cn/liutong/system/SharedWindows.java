package cn.liutong.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link CallLimits} shared by every node of an installation through the table {@code lt_rate_window}: one
 * row per limit and key holds the times of its last calls (at most the limit's number). A call reads and
 * writes its row under the row's lock ({@code select … for update}) in a short transaction of its own, so
 * two nodes counting the same client at the same moment count twice and never let a call too many through.
 * Checking a window ({@link #wait}) is one read by primary key. Rows quiet past their window are deleted
 * now and then.
 */
@Component
public class SharedWindows implements CallLimits {

  /** Longer keys (a user id from a hostile header) are stored as their SHA-256. */
  static final int LONGEST_KEY = 200;
  /** The times of a row's calls take up to 20 characters each in a column of 60,000 (tests raise limits to 1,000). */
  static final int MOST_CALLS = 2900;
  private static final int SWEEP_EVERY = 1000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

  public SharedWindows(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public long acquire(Limit limit, String key, long now) {
    return update(limit, key, now, true);
  }

  @Override
  public long wait(Limit limit, String key, long now) {
    List<String> row = jdbc.queryForList("select calls from lt_rate_window where window_key = ?", String.class,
        rowKey(limit, key));
    return row.isEmpty() ? 0 : CallLimits.slide(parse(row.get(0)), limit, now);
  }

  @Override
  public void count(Limit limit, String key, long now) {
    update(limit, key, now, false);
  }

  /** Under the row's lock: slides the window and adds the call when there is room or {@code always}. */
  private long update(Limit limit, String key, long now, boolean onlyWithRoom) {
    check(limit);
    sweep(now);
    String rowKey = rowKey(limit, key);
    for (int attempt = 1;; attempt++) {
      try {
        return transaction.execute(status -> {
          List<String> row = jdbc.queryForList("select calls from lt_rate_window where window_key = ? for update",
              String.class, rowKey);
          Deque<Long> times = row.isEmpty() ? new ArrayDeque<>() : parse(row.get(0));
          long wait = CallLimits.slide(times, limit, now);
          if (wait > 0 && onlyWithRoom) {
            return wait;
          }
          times.addLast(now);
          while (times.size() > limit.calls()) {
            times.pollFirst(); // the window never needs more than its limit's number of calls
          }
          long expires = now + limit.window().toNanos();
          if (row.isEmpty()) {
            jdbc.update("insert into lt_rate_window (window_key, calls, expires_at) values (?, ?, ?)", rowKey,
                format(times), expires);
          } else {
            jdbc.update("update lt_rate_window set calls = ?, expires_at = ? where window_key = ?", format(times),
                expires, rowKey);
          }
          return onlyWithRoom ? 0L : wait;
        });
      } catch (DuplicateKeyException e) {
        if (attempt == 3) {
          throw e;
        }
        // another node made the row first: lock it this time
      }
    }
  }

  /** Now and then, forget rows whose last call has left its window. */
  private void sweep(long now) {
    if (untilSweep.decrementAndGet() > 0) {
      return;
    }
    untilSweep.set(SWEEP_EVERY);
    jdbc.update("delete from lt_rate_window where expires_at <= ?", now);
  }

  private static void check(Limit limit) {
    if (limit.calls() < 1 || limit.calls() > MOST_CALLS) {
      throw new IllegalArgumentException("a shared limit allows 1 to " + MOST_CALLS + " calls: " + limit);
    }
  }

  static String rowKey(Limit limit, String key) {
    String rowKey = limit.name() + " " + key;
    if (rowKey.length() <= LONGEST_KEY) {
      return rowKey;
    }
    try {
      return limit.name() + " sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Deque<Long> parse(String calls) {
    Deque<Long> times = new ArrayDeque<>();
    if (calls != null && !calls.isEmpty()) {
      for (String time : calls.split(" ")) {
        times.addLast(Long.parseLong(time));
      }
    }
    return times;
  }

  private static String format(Deque<Long> times) {
    return times.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
