package cn.liutong.ledger;

import static cn.liutong.ledger.CycleLedger.now;

import java.sql.Timestamp;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Public feedback (群众意见): what was submitted, where it went, the published reply and the rating. A
 * row is found from outside only by the SHA-256 of its tracking code; the code itself is never stored.
 */
@Repository
public class FeedbackLedger {

  /** The states a submitter can see; each is set by one step of {@code public-feedback}. */
  public enum Status {
    RECEIVED, REJECTED, ASSIGNED, REPLIED, RATED, CLOSED;

    /** As stored, and as the public endpoint shows it. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final NamedParameterJdbcTemplate jdbc;

  FeedbackLedger(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Feedback(String id, String subject, Status status, String rejectReason, String reply,
      Integer satisfaction, String processInstanceId, Timestamp createdAt) {
  }

  public void register(String id, String agencyId, String subject, String text, String contact, String trackingHash,
      String processInstanceId) {
    jdbc.update("""
        insert into lt_feedback (id, agency_id, subject, text, contact, tracking_hash, status, process_instance_id, created_at)
        values (:id, :agency, :subject, :text, :contact, :hash, 'received', :pi, :at)""",
        new MapSqlParameterSource().addValue("id", id).addValue("agency", agencyId).addValue("subject", subject)
            .addValue("text", text).addValue("contact", contact).addValue("hash", trackingHash)
            .addValue("pi", processInstanceId).addValue("at", now()));
  }

  public void reject(String id, String reason) {
    jdbc.update("update lt_feedback set status = 'rejected', reject_reason = :reason, closed_at = :at where id = :id",
        Map.of("id", id, "reason", reason, "at", now()));
  }

  public void assign(String id, String branchCode, String branchName) {
    jdbc.update("update lt_feedback set status = 'assigned', branch_code = :code, branch_name = :name where id = :id",
        Map.of("id", id, "code", branchCode, "name", branchName));
  }

  public void publishReply(String id, String reply) {
    jdbc.update("update lt_feedback set status = 'replied', reply = :reply, replied_at = :at where id = :id",
        Map.of("id", id, "reply", reply, "at", now()));
  }

  /** Records a rating if, and only if, a reply is published and not yet rated: false otherwise. */
  public boolean rate(String id, int satisfaction, String comment) {
    return jdbc.update("""
        update lt_feedback set status = 'rated', satisfaction = :satisfaction, rating_comment = :comment, rated_at = :at
        where id = :id and status = 'replied'""",
        new MapSqlParameterSource().addValue("id", id).addValue("satisfaction", satisfaction)
            .addValue("comment", comment).addValue("at", now())) == 1;
  }

  /** Nothing more is asked of the submitter; the first closing counts. */
  public void close(String id) {
    jdbc.update("update lt_feedback set status = 'closed', closed_at = coalesce(closed_at, :at) where id = :id",
        Map.of("id", id, "at", now()));
  }

  public Feedback byTrackingHash(String trackingHash) {
    return jdbc.query("select * from lt_feedback where tracking_hash = :hash", Map.of("hash", trackingHash),
        (rs, i) -> new Feedback(rs.getString("id"), rs.getString("subject"),
            Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("reject_reason"),
            rs.getString("reply"), rs.getObject("satisfaction", Integer.class), rs.getString("process_instance_id"),
            rs.getTimestamp("created_at")))
        .stream().findFirst().orElse(null);
  }

  /**
   * 群众评价 of a branch: the average rating (1..5) of its feedback rated since {@code since}, scaled to
   * 0..100 (rating × 20) with one decimal; null when nothing was rated.
   */
  public Double satisfactionScore(String branchCode, Timestamp since) {
    return jdbc.queryForObject("""
        select sum(satisfaction), count(satisfaction) from lt_feedback
        where branch_code = :branch and rated_at >= :since and rated_at <= :now""",
        Map.of("branch", branchCode, "since", since, "now", now()), (rs, i) -> {
          int count = rs.getInt(2);
          return count == 0 ? null : Math.round(rs.getLong(1) * 200.0 / count) / 10.0;
        });
  }
}
