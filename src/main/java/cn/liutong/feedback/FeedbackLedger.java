package cn.liutong.feedback;

import static cn.liutong.system.EngineClock.timestamp;

import java.sql.Timestamp;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;

  FeedbackLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Feedback(String id, String subject, Status status, String rejectReason, String reply,
      Integer satisfaction, String processInstanceId, Timestamp createdAt) {
  }

  private record Ratings(long total, int rated) {
  }

  public void register(String id, String agencyId, String subject, String text, String contact, String trackingHash,
      String processInstanceId) {
    jdbc.sql("""
        insert into lt_feedback (id, agency_id, subject, text, contact, tracking_hash, status, process_instance_id, created_at)
        values (:id, :agency, :subject, :text, :contact, :hash, 'received', :pi, :at)""")
        .param("id", id).param("agency", agencyId).param("subject", subject).param("text", text)
        .param("contact", contact).param("hash", trackingHash).param("pi", processInstanceId).param("at", timestamp())
        .update();
  }

  public void reject(String id, String reason) {
    jdbc.sql("update lt_feedback set status = 'rejected', reject_reason = :reason, closed_at = :at where id = :id")
        .param("id", id).param("reason", reason).param("at", timestamp()).update();
  }

  public void assign(String id, String branchCode, String branchName) {
    jdbc.sql("update lt_feedback set status = 'assigned', branch_code = :code, branch_name = :name where id = :id")
        .param("id", id).param("code", branchCode).param("name", branchName).update();
  }

  public void publishReply(String id, String reply) {
    jdbc.sql("update lt_feedback set status = 'replied', reply = :reply, replied_at = :at where id = :id")
        .param("id", id).param("reply", reply).param("at", timestamp()).update();
  }

  /** Records a rating if, and only if, a reply is published and not yet rated: false otherwise. */
  public boolean rate(String id, int satisfaction, String comment) {
    return jdbc.sql("""
        update lt_feedback set status = 'rated', satisfaction = :satisfaction, rating_comment = :comment, rated_at = :at
        where id = :id and status = 'replied'""")
        .param("id", id).param("satisfaction", satisfaction).param("comment", comment).param("at", timestamp())
        .update() == 1;
  }

  /** Nothing more is asked of the submitter; the first closing counts. */
  public void close(String id) {
    jdbc.sql("update lt_feedback set status = 'closed', closed_at = coalesce(closed_at, :at) where id = :id")
        .param("id", id).param("at", timestamp()).update();
  }

  /** The status is stored in lower case ({@link Status#code()}), the enum's names are upper case. */
  public Feedback byTrackingHash(String trackingHash) {
    return jdbc.sql("""
        select id, subject, upper(status) as status, reject_reason, reply, satisfaction, process_instance_id, created_at
        from lt_feedback where tracking_hash = :hash""")
        .param("hash", trackingHash).query(Feedback.class).optional().orElse(null);
  }

  /**
   * 社会评价 of a branch: the average of every rating given since {@code since} (1..5) — the public's survey answers on
   * its agency (each the mean of its two ratings; they count for every branch) and the ratings of the branch's own
   * feedback — scaled to 0..100 (rating × 20) with one decimal; null when there is none.
   */
  public Double satisfactionScore(String agencyId, String branchCode, Timestamp since) {
    Ratings feedback = jdbc.sql("""
        select coalesce(sum(satisfaction), 0) as total, count(satisfaction) as rated from lt_feedback
        where branch_code = :branch and rated_at >= :since and rated_at <= :now""")
        .param("branch", branchCode).param("since", since).param("now", timestamp()).query(Ratings.class).single();
    Ratings survey = jdbc.sql("""
        select coalesce(sum(party_satisfaction + business_satisfaction), 0) as total, count(*) as rated
        from lt_public_survey where agency_id = :agency and submitted_at >= :since and submitted_at <= :now""")
        .param("agency", agencyId).param("since", since).param("now", timestamp()).query(Ratings.class).single();
    int rated = feedback.rated() + survey.rated();
    // a survey answer's two ratings count as one rating, their mean
    return rated == 0 ? null : Math.round((feedback.total() + survey.total() / 2.0) * 200.0 / rated) / 10.0;
  }

  /** A survey answer (社会评价), anonymous: the agency, the two ratings and an optional comment. */
  public void recordSurvey(String agencyId, int party, int business, String comment) {
    jdbc.sql("""
        insert into lt_public_survey (id, agency_id, party_satisfaction, business_satisfaction, comment, submitted_at)
        values (:id, :agency, :party, :business, :comment, :at)""")
        .param("id", java.util.UUID.randomUUID().toString()).param("agency", agencyId).param("party", party)
        .param("business", business).param("comment", comment).param("at", timestamp()).update();
  }
}
