package cn.liutong.taskaction;

import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Overdue tasks of every kind go up the organisation, one level at a time, each level once, on record. */
class TaskEscalationsTest extends TaskActionsTestBase {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  @Autowired
  TaskEscalations escalations;

  @Test
  void anOverdueMembersTaskGoesToTheSecretaryThenTheCommitteeThenThePartyGroup() {
    atPledges();
    Task pledge = pledgeOf(member);
    Date due = pledge.getDueDate();
    escalations.scan();
    assertThat(escalated(pledge)).as("not overdue yet").isEmpty();

    ClockUtil.setCurrentTime(new Date(due.getTime() + HOUR));
    escalations.scan();
    escalations.scan();
    assertThat(escalated(pledge)).containsExactly(agency.secretariesGroup(BUDGET));

    ClockUtil.setCurrentTime(new Date(due.getTime() + 3 * DAY + HOUR));
    escalations.scan();
    assertThat(escalated(pledge)).containsExactly(agency.secretariesGroup(BUDGET), agency.committeeGroup());

    ClockUtil.setCurrentTime(new Date(due.getTime() + 30 * DAY));
    escalations.scan();
    escalations.scan();
    assertThat(escalated(pledge)).containsExactly(agency.secretariesGroup(BUDGET), agency.committeeGroup(), agency.partyGroupGroup());
    assertThat(jdbc.queryForList("SELECT DISTINCT actor FROM lt_task_action WHERE task_id = ?", String.class, pledge.getId()))
        .containsExactly("system");
    assertThat(engine.getTaskService().getTaskComments(pledge.getId())).extracting(Comment::getFullMessage)
        .containsExactlyInAnyOrder("督办：任务已逾期，已提请支部书记督促办理", "督办：任务已逾期3天，已提请机关党委督促办理",
            "督办：任务已逾期30天，已提请党组督促办理");
    assertThat(task(pledge.getId()).getAssignee()).as("the task stays with its person").isEqualTo(member);
  }

  @Test
  void aBranchsTaskGoesToTheCommitteeFirstAndAPartyGroupsTaskNowhere() {
    cycle.start().plan().decompose();
    Task signFor = cycle.branchTask("Task_SignFor", branch);
    ClockUtil.setCurrentTime(new Date(signFor.getDueDate().getTime() + HOUR));
    escalations.scan();
    assertThat(escalated(signFor)).containsExactly(agency.committeeGroup());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lt_notification WHERE task_id = ? AND dedup_key LIKE 'ESCALATED:%'",
        Integer.class, signFor.getId())).as("a 督办 message to each committee member who wants e-mail").isEqualTo(2);
    assertThat(act(signFor.getId(), "escalate", "", committee).json().path("message").asText())
        .isEqualTo("督办由系统在任务逾期后自动发出");
  }

  @Test
  void anOverdueCoSignTaskIsNotEscalatedItsTaskIs() {
    atPledges();
    Task pledge = pledgeOf(member);
    var asked = act(pledge.getId(), "cosign", java.util.Map.of("userIds", List.of(member2), "reason", "请帮忙把关承诺内容"),
        member);
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    Task cosign = engine.getTaskService().getSubTasks(pledge.getId()).get(0);
    assertThat(cosign.getDueDate()).as("due with its task").isEqualTo(pledge.getDueDate());

    ClockUtil.setCurrentTime(new Date(pledge.getDueDate().getTime() + HOUR));
    escalations.scan();
    assertThat(escalated(pledge)).containsExactly(agency.secretariesGroup(BUDGET));
    assertThat(escalated(cosign)).as("the co-signer is reminded, not escalated").isEmpty();
  }

  private List<String> escalated(Task task) {
    return jdbc.queryForList("SELECT targets FROM lt_task_action WHERE task_id = ? AND action = 'escalate' ORDER BY acted_at",
        String.class, task.getId());
  }
}
