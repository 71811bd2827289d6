package cn.liutong.taskaction;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import cn.liutong.organisation.TestOrganisationImport;

/**
 * An organisation import that moves a member to another branch and drops another hands their open member tasks to
 * the old branch's secretary before the import returns (not only on the next scheduled scan).
 */
class HandoverAtImportTest extends TaskActionsTestBase {

  @Autowired
  ApplicationContext context;

  @Test
  void membersWhoMovedOrLeftHandTheirTasksToTheSecretaryWhenTheImportReturns() {
    atPledges();
    String moved = pledgeOf(member).getId();
    String left = pledgeOf(member2).getId();
    String budget = agency.branch(BUDGET) + "," + agency.unitName(BUDGET) + ",";
    String treasury = agency.branch(TREASURY) + "," + agency.unitName(TREASURY) + ",";
    String csv = Arrays.stream(new String(agency.csv(), StandardCharsets.UTF_8).split("\n"))
        .filter(line -> !line.contains(budget + member2 + ","))
        .map(line -> line.replace(budget + member + ",", treasury + member + ","))
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(csv).contains(treasury + member + ",").doesNotContain(budget + member + ",").doesNotContain(member2);

    var summary = TestOrganisationImport.importCsv(context, csv.getBytes(StandardCharsets.UTF_8));
    assertThat(summary.membershipsRemoved()).isEqualTo(2);

    assertThat(task(moved).getAssignee()).isEqualTo(secretary);
    assertThat(task(left).getAssignee()).isEqualTo(secretary);
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id IN (?, ?)", String.class, moved, left))
        .containsExactly("handover", "handover");
    assertThat(engine.getTaskService().getTaskComments(moved)).extracting(Comment::getFullMessage)
        .containsExactly("交接：李伟已不在预算处党支部，任务交由支部书记陈静办理");
  }
}
