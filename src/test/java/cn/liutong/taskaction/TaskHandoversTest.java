package cn.liutong.taskaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.liutong.cycle.CycleProcess;

/** A member who leaves the branch hands their open tasks to the secretary; a former secretary gives a claimed one back. */
class TaskHandoversTest extends TaskActionsTestBase {

  @Autowired
  TaskHandovers handovers;

  @Test
  void aMemberWhoLeftTheBranchHandsTheirOpenTasksToTheSecretary() {
    atPledges();
    String pledge = pledgeOf(member).getId();
    String staying = pledgeOf(member2).getId();
    handovers.scan();
    assertThat(actions(pledge)).as("still a member").isZero();

    IdentityService identity = engine.getIdentityService();
    identity.deleteMembership(member, branch);
    try {
      handovers.scan();
      handovers.scan();
      assertThat(task(pledge).getAssignee()).isEqualTo(secretary);
      assertThat(task(staying).getAssignee()).isEqualTo(member2);
      assertThat(jdbc.queryForMap("SELECT action, actor, previous_assignee, targets FROM lt_task_action WHERE task_id = ?",
          pledge)).containsEntry("ACTION", "handover").containsEntry("ACTOR", "system")
          .containsEntry("PREVIOUS_ASSIGNEE", member).containsEntry("TARGETS", secretary);
      assertThat(engine.getTaskService().getTaskComments(pledge)).extracting(Comment::getFullMessage)
          .containsExactly("交接：李伟已不在预算处党支部，任务交由支部书记陈静办理");
      assertThat(actions(staying)).isZero();
    } finally {
      identity.createMembership(member, branch);
    }
  }

  @Test
  void aFormerSecretaryGivesTheBranchsClaimedTaskBack() {
    cycle.start().plan().decompose();
    String signFor = cycle.branchTask("Task_SignFor", branch).getId();
    engine.getTaskService().claim(signFor, secretary);
    IdentityService identity = engine.getIdentityService();
    identity.deleteMembership(secretary, branch + "Secretaries");
    try {
      handovers.scan();
      assertThat(task(signFor).getAssignee()).isNull();
      assertThat(engine.getTaskService().getTaskComments(signFor)).extracting(Comment::getFullMessage)
          .containsExactly("交接：陈静已不是预算处党支部的支部委员，任务退回本支部待认领");
    } finally {
      identity.createMembership(secretary, branch + "Secretaries");
    }
  }

  /**
   * 执行措施并记录 belongs to the branch's cycle but is assigned to the party group's executor, who is no member of
   * the branch: the scan leaves it with them (it once handed it to the branch's secretary, as if they had left).
   */
  @Test
  void aMeasuresExecutorFromThePartyGroupKeepsTheTask() {
    cycle.start().plan().deploy().implementAndInspect();
    cycle.scores(branch, 70, 70, false, null).assess().approveResults(); // 一般: a measure
    Task decide = cycle.scenario().taskOfBranch(CycleProcess.Activity.DECIDE_MEASURE, branch);
    cycle.scenario().decideMeasureOnly(decide, "reminderTalk", "考核等次一般，对支部书记进行提醒谈话");
    Task carryOut = cycle.scenario().taskOfBranch(CycleProcess.Activity.CARRY_OUT_MEASURE, branch);
    String executor = carryOut.getAssignee();
    assertThat(engine.getIdentityService().createUserQuery().userId(executor).memberOfGroup(agency.partyGroupGroup())
        .count()).as("the executor is of the party group").isOne();
    assertThat(engine.getIdentityService().createUserQuery().userId(executor).memberOfGroup(branch).count()).isZero();

    handovers.scan();

    assertThat(task(carryOut.getId()).getAssignee()).isEqualTo(executor);
    assertThat(actions(carryOut.getId())).isZero();
  }
}
