package cn.liutong.assessment;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.liutong.cycle.CycleClosed;
import cn.liutong.cycle.CycleLedger;

/**
 * The assessment's ledger (同考核、同问责): the members' evaluations of their branch, each branch's result
 * with its grade, and the party group's accountability measures. A branch graded 一般 or 较差 is carried
 * over to the agency's next cycle when its cycle closes.
 */
@Repository
public class AssessmentLedger {

  /** The grades whose problems the next cycle must take up. */
  static final List<String> WEAK_GRADES = List.of("一般", "较差");

  private final JdbcClient jdbc;
  private final CycleLedger cycles;

  AssessmentLedger(JdbcClient jdbc, CycleLedger cycles) {
    this.jdbc = jdbc;
    this.cycles = cycles;
  }

  public record Assessment(String branchCode, String branchName, BigDecimal partyScore, BigDecimal businessScore,
      BigDecimal memberEvaluation, BigDecimal publicSatisfaction, boolean veto, String vetoReason, String problems,
      BigDecimal weightedScore, String grade, boolean approved) {
  }

  public record Measure(String branchCode, String branchName, String grade, String suggestedMeasure, String measure,
      String reason, String decidedBy, Timestamp decidedAt) {
  }

  private record Weak(String id, String branchCode, String branchName, String grade, BigDecimal weightedScore) {
  }

  public void recordEvaluation(String cycleId, String branchCode, String memberId, double score, String comment) {
    jdbc.sql("""
        insert into lt_member_evaluation (id, cycle_id, branch_code, member_id, score, comment, evaluated_at)
        values (:id, :cycle, :branch, :member, :score, :comment, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("member", memberId)
        .param("score", score).param("comment", comment).param("at", timestamp()).update();
  }

  /** The average member evaluation of a branch in a cycle, one decimal; null when nobody evaluated. */
  public Double averageEvaluation(String cycleId, String branchCode) {
    BigDecimal avg = jdbc.sql("select avg(score) from lt_member_evaluation where cycle_id = :cycle and branch_code = :branch")
        .param("cycle", cycleId).param("branch", branchCode).query(BigDecimal.class).single();
    return avg == null ? null : avg.setScale(1, RoundingMode.HALF_UP).doubleValue();
  }

  public void recordAssessment(String cycleId, Assessment a) {
    jdbc.sql("delete from lt_assessment_result where cycle_id = :cycle and branch_code = :branch")
        .param("cycle", cycleId).param("branch", a.branchCode()).update();
    jdbc.sql("""
        insert into lt_assessment_result (id, cycle_id, branch_code, branch_name, party_score, business_score,
          member_evaluation, public_satisfaction, veto, veto_reason, problems, weighted_score, grade, approved, assessed_at)
        values (:id, :cycle, :branch, :branchName, :party, :business, :members, :public, :veto, :vetoReason, :problems,
          :weighted, :grade, false, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", a.branchCode())
        .param("branchName", a.branchName()).param("party", a.partyScore()).param("business", a.businessScore())
        .param("members", a.memberEvaluation()).param("public", a.publicSatisfaction()).param("veto", a.veto())
        .param("vetoReason", a.vetoReason()).param("problems", a.problems()).param("weighted", a.weightedScore())
        .param("grade", a.grade()).param("at", timestamp()).update();
  }

  public void approveAssessments(String cycleId) {
    jdbc.sql("update lt_assessment_result set approved = true where cycle_id = :cycle").param("cycle", cycleId).update();
  }

  public void recordMeasure(String cycleId, Measure m) {
    jdbc.sql("""
        insert into lt_accountability_measure (id, cycle_id, branch_code, branch_name, grade, suggested_measure, measure,
          reason, decided_by, decided_at) values (:id, :cycle, :branch, :branchName, :grade, :suggested, :measure, :reason, :by, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", m.branchCode())
        .param("branchName", m.branchName()).param("grade", m.grade()).param("suggested", m.suggestedMeasure())
        .param("measure", m.measure()).param("reason", m.reason()).param("by", m.decidedBy())
        .param("at", timestamp()).update();
  }

  public List<Assessment> assessments(String cycleId) {
    return jdbc.sql("select * from lt_assessment_result where cycle_id = :cycle order by weighted_score desc, branch_code")
        .param("cycle", cycleId).query(Assessment.class).list();
  }

  public Assessment assessment(String cycleId, String branchCode) {
    return jdbc.sql("select * from lt_assessment_result where cycle_id = :cycle and branch_code = :branch")
        .param("cycle", cycleId).param("branch", branchCode).query(Assessment.class).optional().orElse(null);
  }

  public List<Measure> measures(String cycleId) {
    return jdbc.sql("select * from lt_accountability_measure where cycle_id = :cycle order by branch_code")
        .param("cycle", cycleId).query(Measure.class).list();
  }

  /** A branch graded 一般 or 较差 starts the next cycle with its result as a problem to take up. */
  @EventListener
  void carryOverWeakGrades(CycleClosed closed) {
    jdbc.sql("select * from lt_assessment_result where cycle_id = :cycle and grade in (:grades)")
        .param("cycle", closed.cycleId()).param("grades", WEAK_GRADES).query(Weak.class).list()
        .forEach(a -> cycles.carryOver("grade-" + a.id(), closed.agencyId(), closed.cycleId(), a.branchCode(),
            a.branchName(), "上一周期考核等次为" + a.grade() + "，综合得分" + a.weightedScore().toPlainString()
                + "，需在本周期重点提升"));
  }
}
