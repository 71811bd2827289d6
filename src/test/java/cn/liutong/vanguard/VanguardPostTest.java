package cn.liutong.vanguard;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestYear;

/** Every path of {@code vanguard-post}, each step submitted as the person it belongs to. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class VanguardPostTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  private final List<VanguardDriver> drivers = new ArrayList<>();

  @BeforeEach
  void bindAssertions() {
    // Several Spring contexts (H2, PostgreSQL) run engines named "default": bind the assertions to ours.
    BpmnAwareTests.init(engine);
  }

  private VanguardDriver vanguard() {
    VanguardDriver driver = new VanguardDriver(engine);
    drivers.add(driver);
    return driver;
  }

  @AfterEach
  void removeApplications() {
    drivers.forEach(d -> d.remove(jdbc));
  }

  private Map<String, Object> row(String postId) {
    return jdbc.queryForMap("select * from lt_vanguard_post where id = ?", postId);
  }

  @Test
  void approvedTwiceThePostIsRegisteredAndEachInspectionRoundAsksItsHolderForFulfilment() {
    VanguardDriver post = vanguard().apply(agency.member(BUDGET, 0));
    assertThat(post.instance().getTenantId()).isEqualTo(agency.id());
    Task review = post.task("Task_ReviewByBranch");
    assertThat(review).hasCandidateGroup(agency.secretariesGroup(BUDGET));
    assertThat(review.getName()).isEqualTo("支部审核先锋岗申请 · 李伟 · 预算处党支部");
    assertThat(review.getDueDate()).isNotNull();
    assertThat(row(post.postId())).containsEntry("STATUS", "applied").containsEntry("BRANCH_CODE", agency.branch(BUDGET))
        .containsEntry("MEMBER_ID", agency.member(BUDGET, 0)).containsEntry("MEMBER_NAME", "李伟").containsEntry("POST_TYPE", "pioneer");

    post.reviewByBranch(agency.secretary(BUDGET), "approved", null);
    assertThat(post.task("Task_ReviewByCommittee")).hasCandidateGroup(agency.committeeGroup());
    post.reviewByCommittee(agency.committee(), "approved", null);

    assertThat(post.instance()).isWaitingAt("Task_AwaitInspectionRound");
    Map<String, Object> registered = row(post.postId());
    assertThat(registered).containsEntry("STATUS", "registered");
    LocalDate termEnds = ((Timestamp) registered.get("TERM_ENDS")).toLocalDateTime().toLocalDate();
    assertThat(termEnds).as("12 months from the engine clock's today").isEqualTo(TestYear.today().plusYears(1));

    // the cycle's first inspection round for the branch asks the holder for a report
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    Task report = post.task("Task_ReportFulfilment");
    assertThat(report.getAssignee()).isEqualTo(agency.member(BUDGET, 0));
    assertThat(report.getName()).startsWith("报告先锋岗践诺情况 · 李伟 · 预算处党支部");
    assertThat(engine.getTaskService().getVariable(report.getId(), "inspectionRound")).isEqualTo(1);

    post.submit(agency.member(BUDGET, 0), "Task_ReportFulfilment", Map.of("fulfilment", "本轮次完成预算编审32件，零差错，群众咨询均当日答复"));
    assertThat(post.instance()).isWaitingAt("Task_AwaitInspectionRound");
    assertThat(jdbc.queryForMap("select * from lt_vanguard_fulfilment where post_id = ?", post.postId()))
        .containsEntry("CYCLE_ID", cycle.cycleId()).containsEntry("INSPECTION_ROUND", 1)
        .containsEntry("REPORTED_BY", agency.member(BUDGET, 0));

    // at the end of the term the post is taken down
    Job term = engine.getManagementService().createJobQuery().processInstanceId(post.postId()).timers()
        .activityId("BoundaryEvent_TermEnded").singleResult();
    engine.getManagementService().executeJob(term.getId());
    assertThat(post.instance()).isEnded().hasPassed("Task_EndPost", "EndEvent_PostEnded");
    assertThat(row(post.postId())).containsEntry("STATUS", "ended");
  }

  @Test
  void theCommitteeReturnsTheApplicantRevisesAndBothReviewAgain() {
    VanguardDriver post = vanguard().apply(agency.member(TREASURY, 0));
    post.reviewByBranch(agency.secretary(TREASURY), "approved", null).reviewByCommittee(agency.committee(), "returned", "岗位职责过于笼统，请写明服务标准");

    Task revise = post.task("Task_ReviseApplication");
    assertThat(revise.getAssignee()).isEqualTo(agency.member(TREASURY, 0));
    assertThat(engine.getTaskService().getVariable(revise.getId(), "returnReason"))
        .isEqualTo("机关党委退回：岗位职责过于笼统，请写明服务标准");
    assertThat(row(post.postId())).containsEntry("STATUS", "returned");

    Map<String, Object> revised = VanguardDriver.application("国库支付示范窗口");
    revised.put("postType", "window");
    post.submit(agency.member(TREASURY, 0), "Task_ReviseApplication", revised);
    assertThat(row(post.postId())).containsEntry("STATUS", "applied").containsEntry("POST_NAME", "国库支付示范窗口")
        .containsEntry("POST_TYPE", "window");
    Task again = post.task("Task_ReviewByBranch");
    assertThat(engine.getTaskService().getVariable(again.getId(), "branchReviewDecision")).as("asked afresh").isNull();
    assertThat(engine.getTaskService().getVariable(again.getId(), "postTypeLabel")).isEqualTo("示范窗口");

    post.reviewByBranch(agency.secretary(TREASURY), "approved", null).reviewByCommittee(agency.committee2(), "approved", "同意");
    assertThat(row(post.postId())).containsEntry("STATUS", "registered");
  }

  @Test
  void refusedByTheBranchTheApplicationEndsWithTheReason() {
    VanguardDriver post = vanguard().apply(agency.member(BUDGET, 1));
    post.reviewByBranch(agency.secretary(BUDGET), "refused", "本岗位与业务工作结合不紧密");

    assertThat(post.instance()).isEnded().hasPassed("Task_RecordRefusal", "EndEvent_PostRefused")
        .hasNotPassed("Task_ReviewByCommittee");
    assertThat(row(post.postId())).containsEntry("STATUS", "refused")
        .containsEntry("REFUSAL_REASON", "支部委员会不予同意：本岗位与业务工作结合不紧密");
  }

  @Test
  void aReturnWithoutReasonIsRefusedAndTheTaskStaysOpen() {
    VanguardDriver post = vanguard().apply(agency.member(AUDIT, 1));
    assertThatThrownBy(() -> post.reviewByBranch(agency.secretary(AUDIT), "returned", "改"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("退回理由应为5至500个字");
    assertThat(post.instance()).isWaitingAt("Task_ReviewByBranch");
    assertThat(row(post.postId())).containsEntry("STATUS", "applied");
  }

  @Test
  void anIncompleteOrSecondApplicationIsRefusedAndNothingIsWritten() {
    Integer before = jdbc.queryForObject("select count(*) from lt_vanguard_post", Integer.class);
    Map<String, Object> incomplete = VanguardDriver.application("先");
    incomplete.put("duties", "服务");
    assertThatThrownBy(() -> vanguard().apply(agency.member(AUDIT, 0), incomplete)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("岗位名称应为2至50个字").hasMessageContaining("岗位职责应为10至1000个字");
    assertThat(jdbc.queryForObject("select count(*) from lt_vanguard_post", Integer.class)).isEqualTo(before);

    vanguard().apply(agency.member(AUDIT, 0));
    assertThatThrownBy(() -> vanguard().apply(agency.member(AUDIT, 0))).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("您已有在岗或正在审批的先锋岗");
    assertThat(jdbc.queryForObject("select count(*) from lt_vanguard_post where member_id = ?", Integer.class,
        agency.member(AUDIT, 0)))
        .isEqualTo(1);
  }

  @Test
  void someoneOutsideTheAgencysBranchesCannotApply() {
    assertThatThrownBy(() -> vanguard().apply(agency.partyGroup())).isInstanceOf(ProcessEngineException.class);
    assertThat(jdbc.queryForObject("select count(*) from lt_vanguard_post where member_id = ?", Integer.class,
        agency.partyGroup()))
        .isZero();
  }
}
