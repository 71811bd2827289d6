package cn.liutong.assessment;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.liutong.assessment.AssessmentLedger.Assessment;

/**
 * How a cycle's results became final: every reopening of a branch's score (the party group's return, the branch's
 * appeal) with its reason and the score before and after, and the results' 公示 and 通报.
 */
@Repository
public class ReviewLedger {

  /** Why a branch's score is reopened. */
  public enum Kind {
    RETURNED("党组退回重新评分"), APPEAL("支部申诉复核");

    public final String label;

    Kind(String label) {
      this.label = label;
    }

    String code() {
      return name().toLowerCase();
    }
  }

  public record Review(String branchCode, String kind, String reason, String requestedBy, Timestamp requestedAt,
      String gradeBefore, BigDecimal scoreBefore, String gradeAfter, BigDecimal scoreAfter, String note,
      Timestamp decidedAt) {

    public Kind reviewKind() {
      return Kind.valueOf(kind.toUpperCase());
    }
  }

  public record Publication(String cycleId, String agencyId, Timestamp publicizedAt, Timestamp publicityEnds,
      Timestamp circulatedAt) {
  }

  private final JdbcClient jdbc;

  ReviewLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Reopens a branch's score, remembering the result it had. */
  public void open(String cycleId, Kind kind, String reason, String requestedBy, Assessment before) {
    jdbc.sql("""
        insert into lt_assessment_review (id, cycle_id, branch_code, kind, reason, requested_by, requested_at,
          grade_before, score_before) values (:id, :cycle, :branch, :kind, :reason, :by, :at, :grade, :score)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", before.branchCode()).param("kind", kind.code())
        .param("reason", reason).param("by", requestedBy).param("at", timestamp()).param("grade", before.grade())
        .param("score", before.weightedScore()).update();
  }

  /** The branch's reopened score not yet decided, if any (a branch has at most one at a time). */
  public Optional<Review> open(String cycleId, String branchCode) {
    return jdbc.sql("""
        select * from lt_assessment_review where cycle_id = :cycle and branch_code = :branch and decided_at is null""")
        .param("cycle", cycleId).param("branch", branchCode).query(Review.class).optional();
  }

  /** The branches whose score is reopened and not yet decided, for this kind. */
  public List<String> openBranches(String cycleId, Kind kind) {
    return jdbc.sql("""
        select branch_code from lt_assessment_review where cycle_id = :cycle and kind = :kind and decided_at is null
        order by branch_code""").param("cycle", cycleId).param("kind", kind.code()).query(String.class).list();
  }

  public boolean appealed(String cycleId, String branchCode) {
    return jdbc.sql("select count(*) from lt_assessment_review where cycle_id = :cycle and branch_code = :branch and kind = :kind")
        .param("cycle", cycleId).param("branch", branchCode).param("kind", Kind.APPEAL.code()).query(Integer.class)
        .single() > 0;
  }

  /** Closes the branch's open review with the result it gave and the committee's note. */
  public void decide(String cycleId, Assessment after, String note) {
    jdbc.sql("""
        update lt_assessment_review set grade_after = :grade, score_after = :score, note = :note, decided_at = :at
        where cycle_id = :cycle and branch_code = :branch and decided_at is null""")
        .param("grade", after.grade()).param("score", after.weightedScore()).param("note", note)
        .param("at", timestamp()).param("cycle", cycleId).param("branch", after.branchCode()).update();
  }

  /** Every review of the cycle, oldest first. */
  public List<Review> reviews(String cycleId) {
    return jdbc.sql("select * from lt_assessment_review where cycle_id = :cycle order by requested_at, branch_code")
        .param("cycle", cycleId).query(Review.class).list();
  }

  public void publicize(String cycleId, String agencyId, Date publicityEnds) {
    jdbc.sql("""
        insert into lt_assessment_publication (cycle_id, agency_id, publicized_at, publicity_ends)
        values (:cycle, :agency, :at, :ends)""")
        .param("cycle", cycleId).param("agency", agencyId).param("at", timestamp())
        .param("ends", new Timestamp(publicityEnds.getTime())).update();
  }

  public void circulate(String cycleId) {
    jdbc.sql("update lt_assessment_publication set circulated_at = :at where cycle_id = :cycle")
        .param("at", timestamp()).param("cycle", cycleId).update();
  }

  public Optional<Publication> publication(String cycleId) {
    return jdbc.sql("select * from lt_assessment_publication where cycle_id = :cycle").param("cycle", cycleId)
        .query(Publication.class).optional();
  }
}
