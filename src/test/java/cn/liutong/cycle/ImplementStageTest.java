package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** 同落实、同检查: implementation plan, member pledges, calendar inspection rounds with rectification. */
class ImplementStageTest extends CycleTestBase {

  @Test
  void everyMemberPledgesInTheirOwnTask() {
    cycle.start().plan().deploy().planImplementation(agency.branch(BUDGET));

    assertThat(cycle.members(agency.branch(BUDGET)))
        .containsExactlyInAnyOrder(agency.secretary(BUDGET), agency.member(BUDGET, 0), agency.member(BUDGET, 1));
    for (String member : cycle.members(agency.branch(BUDGET))) {
      assertThat(cycle.memberTask("Task_Pledge", member)).isAssignedTo(member);
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cycle.cycleId())
        .taskDefinitionKey("Task_Pledge").count()).as("other branches have not planned yet").isEqualTo(3);

    cycle.pledgeAll(agency.branch(BUDGET));
    assertThat(count("select count(*) from lt_pledge where cycle_id = ? and branch_code = ? and pioneer_post = true",
        cycle.cycleId(), agency.branch(BUDGET))).isEqualTo(3);
    assertThat(cycle.dueTimers("TimerEvent_InspectionDue")).as("the committee's first round waits for its date").hasSize(1);
  }

  @Test
  void inspectionWithProblemsStartsARectificationThatIsVerified() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    cycle.inspect(agency.branch(TREASURY), "三会一课记录不完整，组织生活会未按期召开");
    cycle.inspect(agency.branch(BUDGET), null).inspect(agency.branch(AUDIT), null);

    assertThat(cycle.instance()).hasPassed("Task_StartInspectionRectification");
    var started = RectificationDriver.of(engine, cycle.cycleId(), agency.branch(TREASURY));
    assertThat(started).hasSize(1);
    ProcessInstance instance = started.get(0);
    assertThat(instance.getTenantId()).isEqualTo(agency.id());
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "problem")).isEqualTo("三会一课记录不完整，组织生活会未按期召开");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "source")).isEqualTo("inspection");
    assertThat(RectificationDriver.of(engine, cycle.cycleId(), agency.branch(BUDGET))).isEmpty();

    var rectification = new RectificationDriver(engine, instance);
    assertThat(rectification.task("Task_DraftRectificationPlan")).hasCandidateGroup(agency.secretariesGroup(TREASURY));
    rectification.plan()
        .submit("Task_ReviewRectificationPlan", Map.of("planDecision", "returned", "planReturnReason", "整改时限不明确，请细化"))
        .plan().approvePlan().evidence()
        .submit("Task_VerifyRectification", Map.of("verificationDecision", "returned", "verificationReturnReason", "缺少会议记录"))
        .evidence().verify();

    assertThat(instance).isEnded();
    assertThat(instance).hasPassed("Task_CloseRectification", "EndEvent_RectificationVerified");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("Task_DraftRectificationPlan").count()).as("plan returned once").isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("Task_SubmitEvidence").count()).as("evidence returned once").isEqualTo(2);
    assertThat(jdbc.queryForObject("select status from lt_rectification where process_instance_id = ?", String.class,
        instance.getId())).isEqualTo("verified");
    assertThat(cycle.instance()).as("the cycle did not wait for the rectification").isWaitingAt("Task_DutyReport");
  }

  @Test
  void inspectionRepeatsForTheConfiguredRounds() {
    Map<String, Object> form = CycleDriver.startForm();
    form.put("inspectionRounds", 2L);
    cycle.start(form).plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    for (int round = 1; round <= 2; round++) {
      cycle.inspectionDue();
      for (String b : agency.branches()) {
        Number shown = (Number) engine.getTaskService().getVariable(cycle.branchTask("Task_ReportProgress", b).getId(),
            "inspectionRound");
        assertThat(shown.intValue()).isEqualTo(round);
        cycle.reportProgress(b).inspect(b, null);
      }
    }
    assertThat(count("select count(*) from lt_progress_report where cycle_id = ?", cycle.cycleId())).isEqualTo(6);
    assertThat(jdbc.queryForList("select distinct round from lt_inspection_finding where cycle_id = ? order by round",
        Integer.class, cycle.cycleId())).containsExactly(1, 2);
    assertThat(cycle.tasks("Task_DutyReport")).hasSize(3);
  }
}
