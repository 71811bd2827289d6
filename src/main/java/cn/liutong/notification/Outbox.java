package cn.liutong.notification;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The outbox table {@code lt_notification}. Rows are added inside the engine's transaction (a rollback
 * takes them away) and claimed by {@link Delivery} after commit with {@code FOR UPDATE SKIP LOCKED}, so
 * that two nodes polling at once never take the same row.
 */
@Component
class Outbox {

  static final String PENDING = "PENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";
  private static final int MAX_ERROR = 1000;

  private final JdbcClient jdbc;
  /** A duplicate on PostgreSQL would abort the whole transaction: there the insert skips it instead. */
  private final String insert;

  Outbox(DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = JdbcClient.create(dataSource);
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    String columns = "INSERT INTO lt_notification (id, dedup_key, kind, channel, recipient, agency_id, task_id, subject,"
        + " body, digest, status, attempts, next_attempt_at, created_at) ";
    this.insert = "PostgreSQL".equals(product)
        ? columns + "VALUES (:id, :key, :kind, :channel, :recipient, :agency, :task, :subject, :body, :digest, 'PENDING', 0,"
            + " :next, :now) ON CONFLICT (dedup_key) DO NOTHING"
        : columns + "SELECT :id, :key, :kind, :channel, :recipient, :agency, :task, :subject, :body, :digest, 'PENDING', 0,"
            + " :next, :now FROM (VALUES (1)) one WHERE NOT EXISTS (SELECT 1 FROM lt_notification WHERE dedup_key = :key)";
  }

  record Row(String id, String kind, String channel, String recipient, String agencyId, String taskId, String subject,
      String body, boolean digest, String status, int attempts, Timestamp nextAttemptAt, String lastError,
      Timestamp createdAt, Timestamp sentAt) {
  }

  /** Adds the message unless one with the same event, recipient and channel exists; true if added. */
  boolean add(Message message, Date now) {
    return jdbc.sql(insert)
        .param("id", UUID.randomUUID().toString())
        .param("key", message.dedupKey())
        .param("kind", message.kind().name())
        .param("channel", message.channel().name())
        .param("recipient", message.recipient())
        .param("agency", message.agencyId())
        .param("task", message.taskId())
        .param("subject", message.subject())
        .param("body", message.body())
        .param("digest", message.digest())
        .param("next", new Timestamp((message.notBefore() == null ? now : message.notBefore()).getTime()))
        .param("now", new Timestamp(now.getTime()))
        .update() > 0;
  }

  /** Whether any message of this event was written (to anyone, on any channel). */
  boolean hasEvent(String event) {
    return jdbc.sql("SELECT COUNT(*) FROM lt_notification WHERE dedup_key LIKE :prefix ESCAPE '!'")
        .param("prefix", event.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "|%")
        .query(Integer.class).single() > 0;
  }

  /** The rows due now, locked until the caller's transaction ends; rows another node holds are skipped. */
  List<Row> claimDue(Date now, int limit) {
    return jdbc.sql("SELECT * FROM lt_notification WHERE status = 'PENDING' AND next_attempt_at <= :now"
        + " ORDER BY next_attempt_at, created_at, id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")
        .param("now", new Timestamp(now.getTime())).query(Row.class).list();
  }

  void sent(Row row, Date now) {
    jdbc.sql("UPDATE lt_notification SET status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = NULL"
        + " WHERE id = :id").param("now", new Timestamp(now.getTime())).param("id", row.id()).update();
  }

  /** A failed attempt: tried again at {@code next}, or given up ({@code next == null}, status FAILED). */
  void failed(Row row, Date next, String error) {
    String reason = error == null ? "" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    jdbc.sql("UPDATE lt_notification SET attempts = attempts + 1, last_error = :error, status = :status,"
        + " next_attempt_at = COALESCE(:next, next_attempt_at) WHERE id = :id")
        .param("error", reason).param("status", next == null ? FAILED : PENDING)
        .param("next", next == null ? null : new Timestamp(next.getTime()), java.sql.Types.TIMESTAMP)
        .param("id", row.id()).update();
  }

  /** For administrators: the newest rows, of one status or (null) of any. */
  List<Row> list(String status, int limit) {
    return jdbc.sql("SELECT * FROM lt_notification WHERE (:status IS NULL OR status = :status)"
        + " ORDER BY created_at DESC, id FETCH FIRST " + limit + " ROWS ONLY")
        .param("status", status, java.sql.Types.VARCHAR).query(Row.class).list();
  }
}
