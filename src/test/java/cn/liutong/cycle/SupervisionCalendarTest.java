package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.support.Rest;

/**
 * 常态化季度督查: the committee inspects all branches in rounds at the quarter ends of the cycle's period; each
 * round is every branch's progress report and inspection, closed by a 督查通报 that goes into the ledger and to
 * every branch's secretary; a start form the calendar cannot serve is refused.
 */
class SupervisionCalendarTest extends CycleTestBase {

  private static final String TIMER = "TimerEvent_InspectionDue";
  private static final String BULLETIN = "Task_PublishBulletin";

  @LocalServerPort
  int port;

  @Test
  void twoRoundsAtTheQuarterEndsEachOverAllBranchesAndClosedWithABulletin() {
    at("2026-01-05T10:00+08:00");
    Map<String, Object> form = CycleDriver.startForm();
    form.put("inspectionRounds", 2L);
    cycle.start(form).plan().deploy();
    assertThat(roundTimer().getDuedate()).as("round 1 at the end of the first quarter")
        .isEqualTo(date("2026-03-31T09:00+08:00"));
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    assertThat(cycle.tasks("Task_ReportProgress")).as("no round before its date").isEmpty();

    at("2026-03-31T09:00+08:00");
    cycle.inspectionDue();
    for (String branch : agency.branches()) {
      Number round = (Number) engine.getTaskService().getVariable(cycle.branchTask("Task_ReportProgress", branch).getId(),
          "inspectionRound");
      assertThat(round.intValue()).as("every branch reports in round 1").isEqualTo(1);
    }
    agency.branches().forEach(cycle::reportProgress);
    cycle.inspectOnly(agency.branch(AUDIT), null).inspectOnly(agency.branch(BUDGET), "三会一课记录不完整");
    assertThat(cycle.tasks(BULLETIN)).as("the bulletin waits for the last branch's inspection").isEmpty();
    cycle.inspectOnly(agency.branch(TREASURY), null);

    String bulletinTask = cycle.task(BULLETIN).getId();
    assertThat(cycle.task(BULLETIN)).hasCandidateGroup(agency.committeeGroup());
    JsonNode rows = json(String.valueOf(engine.getTaskService().getVariable(bulletinTask, "bulletinFindings")));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).path("problem").asText()).isEqualTo("三会一课记录不完整（已发起整改）");
    assertThat(rows.get(0).path("problem").asText()).isEqualTo("无");
    assertThat(RectificationDriver.of(engine, cycle.cycleId(), agency.branch(BUDGET))).as("the problem's rectification")
        .hasSize(1);

    cycle.publishBulletin("第一季度督查：各支部总体推进有力，预算处党支部会议记录不完整，请各支部对照自查");
    Map<String, Object> bulletin = jdbc.queryForMap(
        "select round, summary, findings, published_by from lt_inspection_bulletin where cycle_id = ?", cycle.cycleId());
    assertThat(((Number) bulletin.get("round")).intValue()).isEqualTo(1);
    assertThat(bulletin.get("summary")).isEqualTo("第一季度督查：各支部总体推进有力，预算处党支部会议记录不完整，请各支部对照自查");
    assertThat((String) bulletin.get("findings")).contains("三会一课记录不完整");
    List<String> told = jdbc.queryForList("select recipient from lt_notification where kind = 'BULLETIN' and channel = 'EMAIL'"
        + " and agency_id = ? order by recipient", String.class, agency.id());
    assertThat(told).as("each branch's secretary hears of the bulletin")
        .containsExactlyInAnyOrder(agency.secretary(AUDIT), agency.secretary(BUDGET), agency.secretary(TREASURY));
    assertThat(jdbc.queryForObject("select subject from lt_notification where kind = 'BULLETIN' and recipient = ?",
        String.class, agency.secretary(BUDGET))).isEqualTo("【督查通报】2026年度党建与业务融合工作第1轮督查通报");

    // round 2 waits for the end of the second quarter, not for when round 1 closed
    assertThat(roundTimer().getDuedate()).isEqualTo(date("2026-06-30T09:00+08:00"));
    at("2026-06-30T08:59+08:00");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(cycle.cycleId()).activityId(TIMER)
        .executable().count()).as("not due before its date").isZero();
    assertThat(cycle.tasks("Task_DutyReport")).as("the assessment waits for the last round").isEmpty();
    at("2026-06-30T09:00+08:00");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(cycle.cycleId()).activityId(TIMER)
        .executable().count()).as("due at its date").isEqualTo(1);
    cycle.inspectionDue();
    for (String branch : agency.branches()) {
      cycle.reportProgress(branch).inspect(branch, null); // the last inspection is followed by the bulletin
    }

    assertThat(jdbc.queryForList("select round from lt_inspection_bulletin where cycle_id = ? order by round",
        Integer.class, cycle.cycleId())).containsExactly(1, 2);
    assertThat(passes(TIMER)).isEqualTo(2);
    assertThat(cycle.tasks("Task_DutyReport")).as("after the last round the assessment starts").hasSize(3);
    assertThat(cycle.instance()).isWaitingAt("Task_DutyReport");
  }

  @Test
  void theCommitteeCannotRewriteTheFindingsItCirculates() {
    at("2026-01-05T10:00+08:00");
    Map<String, Object> form = CycleDriver.startForm();
    form.put("inspectionRounds", 1L);
    cycle.start(form).plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    at("2026-03-31T09:00+08:00");
    cycle.inspectionDue();
    agency.branches().forEach(cycle::reportProgress);
    agency.branches().forEach(b -> cycle.inspectOnly(b, b.equals(agency.branch(BUDGET)) ? "三会一课记录不完整" : null));
    var bulletin = cycle.task(BULLETIN);

    String forged = "[{\"branchName\":\"预算处党支部\",\"findings\":\"同步推进，情况良好\",\"problem\":\"无\"}]";
    cannotRewrite(new Rest(port), agency.committee(), bulletin, "bulletinFindings", forged,
        Map.of("bulletinSummary", "第一季度督查：总体推进有力"));

    cycle.publishBulletin("第一季度督查：总体推进有力");
    assertThat(jdbc.queryForObject("select findings from lt_inspection_bulletin where cycle_id = ?", String.class,
        cycle.cycleId())).as("the bulletin circulates what the inspections found").contains("三会一课记录不完整");
  }

  @Test
  void aRoundWhoseDateHasPassedStartsAtOnce() {
    at("2026-05-06T10:00+08:00");
    cycle.start().plan().deploy();
    assertThat(roundTimer().getDuedate()).isEqualTo(date("2026-03-31T09:00+08:00"));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(cycle.cycleId()).activityId(TIMER)
        .executable().count()).isEqualTo(1);
  }

  // ----------------------------------------------------------------- start forms the calendar cannot serve

  @Test
  void aPeriodAlreadyOverIsRefused() {
    at("2026-05-06T10:00+08:00");
    refused(Map.of("periodStart", "2026-01-01", "periodEnd", "2026-04-30"), "周期结束日期（2026-04-30）早于今天");
  }

  @Test
  void aPeriodWithoutAQuarterEndIsRefused() {
    at("2026-05-06T10:00+08:00");
    refused(Map.of("periodStart", "2026-05-10", "periodEnd", "2026-06-20"), "周期内没有季度末");
  }

  @Test
  void moreRoundsThanQuarterEndsAreRefused() {
    at("2026-05-06T10:00+08:00");
    refused(Map.of("periodStart", "2026-05-01", "periodEnd", "2026-12-31", "inspectionRounds", 4),
        "周期内只有3个季度末，督查轮次不能超过3轮");
  }

  @Test
  void nobodyChoosesAnInspectionInterval() {
    at("2026-05-06T10:00+08:00");
    var response = submitStartForm(Map.of("inspectionInterval", "PT2M"));
    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(response.json().path("message").asText()).contains("inspectionInterval");
  }

  private void refused(Map<String, Object> changes, String reason) {
    long instances = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY)
        .tenantIdIn(agency.id()).count();
    int cycles = count("select count(*) from lt_cycle where agency_id = ?", agency.id());
    var response = submitStartForm(changes);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains(reason);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CycleProcess.KEY)
        .tenantIdIn(agency.id()).count()).as("no cycle started").isEqualTo(instances);
    assertThat(count("select count(*) from lt_cycle where agency_id = ?", agency.id())).isEqualTo(cycles);
  }

  private Rest.Response submitStartForm(Map<String, Object> changes) {
    Map<String, Object> form = new java.util.LinkedHashMap<>(CycleDriver.startForm());
    form.putAll(changes);
    return new Rest(port).post("/engine-rest/process-definition/key/" + CycleProcess.KEY + "/submit-form",
        Map.of("variables", Rest.formVariables(form)), agency.committee());
  }

  private Job roundTimer() {
    List<Job> timers = cycle.dueTimers(TIMER);
    assertThat(timers).as("one timer for the whole agency's round").hasSize(1);
    return timers.get(0);
  }

  private static void at(String moment) {
    ClockUtil.setCurrentTime(date(moment));
  }

  private static Date date(String moment) {
    return Date.from(OffsetDateTime.parse(moment).toInstant());
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
