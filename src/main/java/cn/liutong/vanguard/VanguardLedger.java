package cn.liutong.vanguard;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The register of 党员先锋岗 and 示范窗口 (lt_vanguard_post) and their 践诺 reports per inspection round
 * (lt_vanguard_fulfilment). A post's id is its process instance's id; each step of {@code vanguard-post}
 * writes its own state, in the engine's transaction.
 */
@Repository
public class VanguardLedger {

  /** Where an application or post stands. */
  public enum Status { APPLIED, RETURNED, REFUSED, REGISTERED, ENDED }

  public record Post(String id, String agencyId, String branchCode, String branchName, String memberId,
      String memberName, String postType, String postName, String duties, String pledge, String status,
      String refusalReason, Timestamp appliedAt, Timestamp registeredAt, Timestamp termEnds, Timestamp endedAt) {
  }

  public record Fulfilment(String postId, String cycleId, int inspectionRound, String report, String reportedBy,
      Timestamp reportedAt) {
  }

  private final JdbcClient jdbc;

  VanguardLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void apply(String id, String agencyId, String branchCode, String branchName, String memberId, String memberName,
      String postType, String postName, String duties, String pledge) {
    jdbc.sql("""
        insert into lt_vanguard_post (id, agency_id, branch_code, branch_name, member_id, member_name, post_type,
          post_name, duties, pledge, status, applied_at)
        values (:id, :agency, :branch, :branchName, :member, :memberName, :type, :name, :duties, :pledge, 'applied', :at)""")
        .param("id", id).param("agency", agencyId).param("branch", branchCode).param("branchName", branchName)
        .param("member", memberId).param("memberName", memberName).param("type", postType).param("name", postName)
        .param("duties", duties).param("pledge", pledge).param("at", now()).update();
  }

  void status(String id, Status status) {
    jdbc.sql("update lt_vanguard_post set status = :status where id = :id")
        .param("status", code(status)).param("id", id).update();
  }

  /** The applicant's revision replaces what is reviewed. */
  void revise(String id, String postType, String postName, String duties, String pledge) {
    jdbc.sql("""
        update lt_vanguard_post set post_type = :type, post_name = :name, duties = :duties, pledge = :pledge,
          status = 'applied' where id = :id""")
        .param("type", postType).param("name", postName).param("duties", duties).param("pledge", pledge)
        .param("id", id).update();
  }

  void refuse(String id, String reason) {
    jdbc.sql("update lt_vanguard_post set status = 'refused', refusal_reason = :reason, ended_at = :at where id = :id")
        .param("reason", reason).param("at", now()).param("id", id).update();
  }

  void register(String id, Timestamp termEnds) {
    jdbc.sql("update lt_vanguard_post set status = 'registered', registered_at = :at, term_ends = :ends where id = :id")
        .param("at", now()).param("ends", termEnds).param("id", id).update();
  }

  void end(String id) {
    jdbc.sql("update lt_vanguard_post set status = 'ended', ended_at = :at where id = :id")
        .param("at", now()).param("id", id).update();
  }

  void recordFulfilment(String postId, String cycleId, int round, String report, String reportedBy) {
    jdbc.sql("""
        insert into lt_vanguard_fulfilment (post_id, cycle_id, inspection_round, report, reported_by, reported_at)
        values (:post, :cycle, :round, :report, :by, :at)""")
        .param("post", postId).param("cycle", cycleId).param("round", round).param("report", report)
        .param("by", reportedBy).param("at", now()).update();
  }

  /** Whether the member already holds, or has applied for, a post (one at a time). */
  boolean hasOpenPost(String memberId) {
    return jdbc.sql("select count(*) from lt_vanguard_post where member_id = :member and status in ('applied', 'returned', 'registered')")
        .param("member", memberId).query(Integer.class).single() > 0;
  }

  public List<Post> ofAgencies(Collection<String> agencyIds) {
    return jdbc.sql("select * from lt_vanguard_post where agency_id in (:agencies) order by applied_at, id")
        .param("agencies", agencyIds).query(Post.class).list();
  }

  public Post post(String id) {
    return jdbc.sql("select * from lt_vanguard_post where id = :id").param("id", id).query(Post.class).optional()
        .orElse(null);
  }

  public List<Fulfilment> fulfilments(String postId) {
    return jdbc.sql("select * from lt_vanguard_fulfilment where post_id = :post order by reported_at, inspection_round")
        .param("post", postId).query(Fulfilment.class).list();
  }

  /** A branch's posts and applications, refused ones left out (for the 六同看板's branch page). */
  public List<Post> ofBranch(String branchCode) {
    return jdbc.sql("select * from lt_vanguard_post where branch_code = :branch and status <> 'refused' order by applied_at, id")
        .param("branch", branchCode).query(Post.class).list();
  }

  /** The reports of a branch's post holders in one cycle. */
  public List<Fulfilment> fulfilmentsInCycle(String cycleId) {
    return jdbc.sql("select * from lt_vanguard_fulfilment where cycle_id = :cycle order by inspection_round, reported_at")
        .param("cycle", cycleId).query(Fulfilment.class).list();
  }

  /** How a post's status reads for people. */
  public static String statusLabel(String status) {
    return switch (status) {
      case "applied" -> "审批中";
      case "returned" -> "退回修改中";
      case "refused" -> "未获同意";
      case "registered" -> "在岗";
      case "ended" -> "任期届满";
      default -> status;
    };
  }

  static String code(Status status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
