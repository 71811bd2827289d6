package cn.liutong.taskaction;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.TestOrganisationImport;
import cn.liutong.support.Rest;

/**
 * #11 point 5: a branch founded or detached while the cycle runs (an organisation import) joins or leaves the
 * cycle by one rule. A founded branch takes part in the stages that start after it; a detached one in none of
 * them, its part of a stage that can stop waiting ends, and any other open task of it goes to the committee.
 */
class BranchChangesTest extends TaskActionsTestBase {

  @Autowired
  ApplicationContext context;

  @Autowired
  BranchChanges changes;

  /** Each test changes the class's organisation; the next one starts from the agency as it was. */
  @AfterEach
  void restoreTheOrganisation() {
    importCsv(new String(agency.csv(), StandardCharsets.UTF_8));
  }

  @Test
  void aBranchFoundedMidYearJoinsTheStagesThatStartAfterIt() {
    cycle.start().plan().deploy().continuations();
    String project = agency.id() + "Project";
    String secretaryOfProject = agency.id() + "Proj1";
    String memberOfProject = agency.id() + "Proj2";
    importCsv(csvWith(project + ",重点项目临时党支部," + secretaryOfProject + ",何建国,secretary",
        project + ",重点项目临时党支部," + memberOfProject + ",马丽,member"));

    assertThat(cycle.tasks("Task_PlanImplementation")).as("同落实, already running, does not fan out again").hasSize(3);
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.continuations().inspectionDue();

    Task report = cycle.branchTask("Task_ReportProgress", project);
    assertThat(report).as("the next inspection round is the new branch's too").isNotNull();
    assertThat(engine.getTaskService().getVariable(report.getId(), "branchName")).isEqualTo("重点项目临时党支部");
    assertThat(engine.getTaskService().getIdentityLinksForTask(report.getId())).extracting(IdentityLink::getGroupId)
        .contains(GroupIds.branchSecretaries(project));
    assertThat(cycle.tasks("Task_ReportProgress")).hasSize(4);
  }

  @Test
  void aDetachedBranchLeavesTheRunningStageAndTheComingOnes() {
    cycle.start().plan().deploy().continuations();
    String plan = cycle.branchTask("Task_PlanImplementation", branch).getId();

    importCsv(csvWithout(BUDGET));

    assertThat(task(plan)).as("its part of 同落实 ended").isNull();
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ?", String.class, plan))
        .containsExactly("detach");
    assertThat(engine.getTaskService().getTaskComments(plan)).extracting(Comment::getFullMessage)
        .containsExactly("撤销：本支部已撤销，其在本阶段未办结的事项随之结束");
    for (String other : List.of(agency.branch(AUDIT), agency.branch(TREASURY))) {
      cycle.planImplementation(other).pledgeAll(other);
    }
    cycle.continuations();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(cycle.cycleId())
        .activityId("SubProcess_Implement#multiInstanceBody").finished().count()).as("同落实 is done without it").isOne();
    cycle.inspectionDue();
    assertThat(cycle.tasks("Task_ReportProgress")).as("no round for a branch that is gone").hasSize(2);
    var row = StreamSupport.stream(new Rest(port).get("/api/dashboard?cycle=" + cycle.cycleId(), agency.committee()).json()
        .path("branches").spliterator(), false).filter(b -> branch.equals(b.path("code").asText())).findFirst();
    assertThat(row).as("the dashboard keeps the detached branch's row").isPresent();
    assertThat(row.get().path("steps").toString()).contains("支部已撤销");
    assertThat(cycle.tasks("Task_ReportProgress").stream().map(t -> engine.getTaskService().getVariable(t.getId(), "branchCode")))
        .doesNotContain(branch);
  }

  @Test
  void aDetachedBranchsTaskInAnInspectionRoundGoesToTheCommittee() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.continuations().inspectionDue();
    Task report = cycle.branchTask("Task_ReportProgress", branch);
    engine.getTaskService().claim(report.getId(), secretary);

    importCsv(csvWithout(BUDGET));

    Task handed = task(report.getId());
    assertThat(handed.getAssignee()).isNull();
    assertThat(engine.getTaskService().createTaskQuery().taskId(report.getId()).taskCandidateGroup(agency.committeeGroup())
        .count()).as("the committee may claim and do it").isOne();
    assertThat(engine.getTaskService().getTaskComments(report.getId())).extracting(Comment::getFullMessage)
        .containsExactly("撤销：本支部已撤销，此项任务交由机关党委办理");
    assertThat(cycle.tasks("Task_ReportProgress")).as("the others' reports are untouched").hasSize(3);
  }

  @Test
  void aBranchDetachedInCamundaAdminLeavesOnTheNextScan() {
    cycle.start().plan().deploy().continuations();
    String plan = cycle.branchTask("Task_PlanImplementation", branch).getId();
    engine.getIdentityService().deleteTenantGroupMembership(agency.id(), GroupIds.branchMembers(branch));
    assertThat(task(plan)).as("nothing happens before the scan").isNotNull();

    changes.scheduled();

    assertThat(task(plan)).as("its part of 同落实 ended").isNull();
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ?", String.class, plan))
        .containsExactly("detach");
    changes.scheduled();
    assertThat(jdbc.queryForList("SELECT action FROM lt_task_action WHERE task_id = ?", String.class, plan))
        .as("a second scan finds nothing to do").containsExactly("detach");
  }

  private void importCsv(String csv) {
    TestOrganisationImport.importCsv(context, csv.getBytes(StandardCharsets.UTF_8));
  }

  /** The agency's organisation with these branch lines added ({@code unit_id,unit_name,user_id,user_name,role}). */
  private String csvWith(String... branchLines) {
    String prefix = agency.id() + "," + agency.name() + ",branch,";
    return new String(agency.csv(), StandardCharsets.UTF_8)
        + Arrays.stream(branchLines).map(line -> prefix + line).collect(Collectors.joining("\n", "", "\n"));
  }

  /** The agency's organisation without one branch. */
  private String csvWithout(String key) {
    String unit = "," + agency.branch(key) + "," + agency.unitName(key) + ",";
    return Arrays.stream(new String(agency.csv(), StandardCharsets.UTF_8).split("\n"))
        .filter(line -> !line.contains(unit)).collect(Collectors.joining("\n", "", "\n"));
  }
}
