package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.junit.jupiter.api.Test;

/** The whole 六同 loop with the demo agency's three branches and nothing going wrong. */
class GoldenPathTest extends CycleTestBase {

  @Test
  void threeBranchesRunTheWholeCycle() {
    cycle.start();
    assertThat(cycle.instance()).isWaitingAt("Task_DraftGoals");
    assertThat(cycle.task("Task_DraftGoals")).hasCandidateGroup(agency.committeeGroup());

    cycle.plan();
    assertThat(cycle.instance()).isWaitingAt("Task_DecomposeGoals");
    cycle.decompose();
    assertThat(cycle.tasks("Task_SignFor")).hasSize(3);
    agency.branches().forEach(b -> assertThat(cycle.branchTask("Task_SignFor", b)).hasCandidateGroup(b + "Secretaries"));
    cycle.deploy_signAll();

    cycle.implementAndInspect().assess();
    assertThat(cycle.task("Task_ApproveResults")).hasCandidateGroup(agency.partyGroupGroup());
    cycle.approveResults();

    assertThat(cycle.instance()).isEnded();
    assertThat(cycle.instance()).hasPassedInOrder("SubProcess_Plan", "SubProcess_Deploy", "SubProcess_Implement",
        "SubProcess_Assess", "Task_ApproveResults", "SubProcess_Accountability", "Task_CloseCycle", "EndEvent_CycleClosed");

    String id = cycle.cycleId();
    assertThat(jdbc.queryForObject("select status from lt_cycle where id = ?", String.class, id)).isEqualTo("closed");
    assertThat(count("select count(*) from lt_goal where cycle_id = ?", id)).isEqualTo(4);
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and signed_at is not null", id))
        .as("every branch item signed").isEqualTo(3);
    assertThat(count("select count(*) from lt_responsibility_item where cycle_id = ? and level <> 'branch' and signed_at is null"
        + " and owner_id is not null", id)).as("the party group's two and the committee's item, owned, signed by no branch")
        .isEqualTo(3);
    assertThat(count("select count(*) from lt_pledge where cycle_id = ?", id)).isEqualTo(9);
    assertThat(count("select count(*) from lt_progress_report where cycle_id = ?", id)).isEqualTo(3);
    assertThat(count("select count(*) from lt_inspection_finding where cycle_id = ? and problems_found = false", id)).isEqualTo(3);
    assertThat(count("select count(*) from lt_evaluation_ballot where cycle_id = ?", id)).as("民主测评 ballots").isEqualTo(9);
    // party-building goals 85 (weights 20 + 15 + 5), the business goal 88 (60): (85*40 + 88*60)/100 = 86.8; every member
    // grades both 好: 好评率 100, no public rating: 86.8*0.8 + 100*0.2 = 89.44 → 89.4 → 良好
    assertThat(jdbc.queryForList("select grade from lt_assessment_result where cycle_id = ? and approved = true",
        String.class, id)).containsExactly("良好", "良好", "良好");
    assertThat(jdbc.queryForList("select weighted_score from lt_assessment_result where cycle_id = ?",
        java.math.BigDecimal.class, id)).allSatisfy(s -> assertThat(s).isEqualByComparingTo("89.4"));
    assertThat(count("select count(*) from lt_accountability_measure where cycle_id = ?", id)).as("良好, no rectifications: none").isZero();
    assertThat(count("select count(*) from lt_carry_over where from_cycle_id = ?", id)).isZero();
  }
}
