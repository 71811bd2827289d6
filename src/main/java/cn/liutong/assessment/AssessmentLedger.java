package cn.liutong.assessment;

import static cn.liutong.system.EngineClock.newId;
import static cn.liutong.system.EngineClock.timestamp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.liutong.assessment.AssessmentProcess.Rating;
import cn.liutong.cycle.CycleClosed;
import cn.liutong.cycle.CycleLedger;

/**
 * The assessment's ledger (同考核、同问责): the members' anonymous ballots on their branch (民主测评), each branch's result
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

    /** As a person reads it: "良好，综合得分 85.0（党建 85.0、业务 88.0，一票否决：…）". */
    public String line() {
      return grade + "，综合得分 " + weightedScore.toPlainString() + "（党建 " + partyScore.toPlainString() + "、业务 "
          + businessScore.toPlainString() + (memberEvaluation == null ? "" : "，党员测评好评率 " + memberEvaluation.toPlainString() + "%")
          + (veto ? "，一票否决：" + vetoReason : "") + "）";
    }
  }

  public record Measure(String branchCode, String branchName, String grade, String suggestedMeasure, String measure,
      String reason, String decidedBy, Timestamp decidedAt, String targets, String executor, LocalDate plannedDate,
      LocalDate carriedOutOn, String carriedOutBy, String record) {

    /** The people the measure is about, as user ids. */
    public List<String> targetIds() {
      return targets == null || targets.isBlank() ? List.of() : List.of(targets.split(","));
    }
  }

  private record Weak(String id, String branchCode, String branchName, String grade, BigDecimal weightedScore) {
  }

  /**
   * Records a 民主测评 ballot: the branch and the two grades, with neither the member nor the time (the task
   * history shows who took part; nothing ties a grade to them).
   */
  public void recordBallot(String cycleId, String branchCode, String partyGrade, String businessGrade, String comment) {
    jdbc.sql("""
        insert into lt_evaluation_ballot (id, cycle_id, branch_code, party_grade, business_grade, comment)
        values (:id, :cycle, :branch, :party, :business, :comment)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", branchCode).param("party", partyGrade)
        .param("business", businessGrade).param("comment", comment).update();
  }

  /** The 民主测评 of a branch in a cycle: the ballots counted per grade, party-building and business. */
  public record Tally(Map<String, Integer> party, Map<String, Integer> business) {

    public int ballots() {
      return party.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** 好评率: the share of all grades, party-building and business, that are 好 or 较好, in %, one decimal; null without ballots. */
    public Double approval() {
      if (ballots() == 0) {
        return null;
      }
      int approving = Rating.APPROVING.stream().mapToInt(g -> party.get(g) + business.get(g)).sum();
      return BigDecimal.valueOf(approving * 100L).divide(BigDecimal.valueOf(2L * ballots()), 1, RoundingMode.HALF_UP)
          .doubleValue();
    }

    /** For the committee scoring the branch, e.g. "共 9 票。党建工作：好 5、较好 3、一般 1、差 0；…". */
    public String summary() {
      if (ballots() == 0) {
        return "尚无党员参加民主测评。";
      }
      return "共 " + ballots() + " 票。党建工作：" + counts(party) + "；业务工作：" + counts(business) + "。好评率（好与较好所占比例）："
          + approval() + "%。";
    }

    private static String counts(Map<String, Integer> grades) {
      return Rating.LABELS.entrySet().stream().map(e -> e.getValue() + " " + grades.get(e.getKey()))
          .collect(Collectors.joining("、"));
    }
  }

  public Tally tally(String cycleId, String branchCode) {
    Map<String, Integer> party = new LinkedHashMap<>();
    Map<String, Integer> business = new LinkedHashMap<>();
    Rating.LABELS.keySet().forEach(grade -> {
      party.put(grade, 0);
      business.put(grade, 0);
    });
    jdbc.sql("""
        select party_grade, business_grade, count(*) ballots from lt_evaluation_ballot
        where cycle_id = :cycle and branch_code = :branch group by party_grade, business_grade""")
        .param("cycle", cycleId).param("branch", branchCode).query(rs -> {
          party.merge(rs.getString("party_grade"), rs.getInt("ballots"), Integer::sum);
          business.merge(rs.getString("business_grade"), rs.getInt("ballots"), Integer::sum);
        });
    return new Tally(party, business);
  }

  public void recordAssessment(String cycleId, Assessment a) {
    jdbc.sql("delete from lt_assessment_result where cycle_id = :cycle and branch_code = :branch")
        .param("cycle", cycleId).param("branch", a.branchCode()).update();
    jdbc.sql("""
        insert into lt_assessment_result (id, cycle_id, branch_code, branch_name, party_score, business_score,
          member_evaluation, public_satisfaction, veto, veto_reason, problems, weighted_score, grade, approved, assessed_at)
        values (:id, :cycle, :branch, :branchName, :party, :business, :members, :public, :veto, :vetoReason, :problems,
          :weighted, :grade, :approved, :at)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", a.branchCode())
        .param("branchName", a.branchName()).param("party", a.partyScore()).param("business", a.businessScore())
        .param("members", a.memberEvaluation()).param("public", a.publicSatisfaction()).param("veto", a.veto())
        .param("vetoReason", a.vetoReason()).param("problems", a.problems()).param("weighted", a.weightedScore())
        .param("grade", a.grade()).param("approved", a.approved()).param("at", timestamp()).update();
  }

  /** 践诺: the share of the branch's pledges rated 好 or 较好 on 述职, 0..100; null without pledges. */
  public Double pledgeShare(String cycleId, String branchCode) {
    return jdbc.sql("""
        select case when count(*) = 0 then null
          else sum(case when fulfilment in (:approving) then 100.0 else 0 end) / count(*) end
        from lt_pledge where cycle_id = :cycle and branch_code = :branch""")
        .param("approving", Rating.APPROVING).param("cycle", cycleId).param("branch", branchCode)
        .query(Double.class).optional().orElse(null);
  }

  public void approveAssessments(String cycleId) {
    jdbc.sql("update lt_assessment_result set approved = true where cycle_id = :cycle").param("cycle", cycleId).update();
  }

  public void recordMeasure(String cycleId, Measure m) {
    jdbc.sql("""
        insert into lt_accountability_measure (id, cycle_id, branch_code, branch_name, grade, suggested_measure, measure,
          reason, decided_by, decided_at, targets, executor, planned_date)
        values (:id, :cycle, :branch, :branchName, :grade, :suggested, :measure, :reason, :by, :at, :targets, :executor, :date)""")
        .param("id", newId()).param("cycle", cycleId).param("branch", m.branchCode())
        .param("branchName", m.branchName()).param("grade", m.grade()).param("suggested", m.suggestedMeasure())
        .param("measure", m.measure()).param("reason", m.reason()).param("by", m.decidedBy())
        .param("at", timestamp()).param("targets", m.targets()).param("executor", m.executor())
        .param("date", m.plannedDate()).update();
  }

  /** The measure carried out: when, by whom, and its record (谈话记录, 通报 text, the recommendation). */
  public void recordCarriedOut(String cycleId, String branchCode, LocalDate on, String by, String record) {
    jdbc.sql("""
        update lt_accountability_measure set carried_out_on = :on, carried_out_by = :by, record = :record
        where cycle_id = :cycle and branch_code = :branch""")
        .param("on", on).param("by", by).param("record", record).param("cycle", cycleId).param("branch", branchCode)
        .update();
  }

  public Measure measure(String cycleId, String branchCode) {
    return jdbc.sql("select * from lt_accountability_measure where cycle_id = :cycle and branch_code = :branch")
        .param("cycle", cycleId).param("branch", branchCode).query(Measure.class).optional().orElse(null);
  }

  /** A cycle's results of one grade: how many branches, the sum of their weighted scores, how many approved. */
  public record GradeTotal(String cycleId, String grade, int branches, BigDecimal scoreSum, int approved) {
  }

  /** The results of many cycles by grade, counted by the database. */
  public List<GradeTotal> gradesOfCycles(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select cycle_id, grade, count(*) as branches, sum(weighted_score) as score_sum,
               sum(case when approved then 1 else 0 end) as approved
        from lt_assessment_result where cycle_id in (:cycles) group by cycle_id, grade""")
        .param("cycles", cycleIds).query(GradeTotal.class).list();
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
