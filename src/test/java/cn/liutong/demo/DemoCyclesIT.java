package cn.liutong.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.dashboard.CityOverview;
import cn.liutong.dashboard.CityOverview.AgencyResult;
import cn.liutong.dashboard.CityOverviewService;

/**
 * The demo starts with a realistic picture: finished cycles with grades and measures, running cycles in
 * different stages, late work. Created once; a second start adds nothing.
 */
@SpringBootTest(properties = {"liutong.demo.cycles=true",
    // its own engine name: the shared test context's REST API looks "default" up
    "camunda.bpm.process-engine-name=demoCyclesTest"})
@ActiveProfiles({"demo", "test"})
@org.springframework.test.annotation.DirtiesContext
class DemoCyclesIT {

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  DemoCycles demoCycles;

  @Autowired
  CityOverviewService overviews;

  @Test
  void twoAgenciesHaveFinishedAndRunningCycles() {
    assertThat(jdbc.queryForList("select agency_id || '/' || status from lt_cycle order by agency_id, started_at", String.class))
        .containsExactly("finance/closed", "finance/running", "tax/closed", "tax/running");
    assertThat(jdbc.queryForList("select grade from lt_assessment_result a join lt_cycle c on c.id = a.cycle_id "
        + "where c.agency_id = 'finance' order by a.branch_code", String.class)).containsExactly("一般", "优秀", "良好");
    assertThat(jdbc.queryForObject("select count(*) from lt_assessment_result", Integer.class)).isEqualTo(3 + 9);
    assertThat(jdbc.queryForObject("select count(*) from lt_goal_score where basis is not null", Integer.class))
        .as("every assessed branch and both agencies scored goal by goal, each goal with its basis").isEqualTo((3 + 9 + 2) * 4);
    // the agencies' own levels: 支部标准化规范化建设 88 + 3, 党建引领业务攻坚 88 - 4, “书香机关”品牌创建 88 (weights 20,
    // 15, 5): (91*20 + 84*15 + 88*5)/40 = 3520/40 = 88.0; business 90
    assertThat(jdbc.queryForList("select party_score || '/' || business_score from lt_agency_assessment", String.class))
        .containsExactly("88.0/90.0", "88.0/90.0");
    assertThat(jdbc.queryForObject("select count(distinct cycle_id) from lt_owner_duty_report", Integer.class))
        .as("the owners of both closed cycles reported (述职)").isEqualTo(2);
    // 国库处 85/88: 支部标准化规范化建设 88, 党建引领业务攻坚 81, “书香机关”品牌创建 85 (weights 20, 15, 5: still 85), 业务 88
    assertThat(jdbc.queryForList("select s.score from lt_goal_score s where s.branch_code = 'financeTreasury' order by s.position",
        java.math.BigDecimal.class)).extracting(java.math.BigDecimal::intValue).containsExactly(88, 81, 85, 88);
    assertThat(jdbc.queryForList("select measure from lt_accountability_measure order by measure", String.class))
        .as("优秀 recommended, 一般 and 较差 held to account").containsExactly("commend", "commend", "interview", "interview",
            "orgAdjustment");
    assertThat(jdbc.queryForObject("select count(*) from lt_accountability_measure where carried_out_on is not null"
        + " and executor is not null and record is not null", Integer.class)).as("each measure carried out and recorded")
        .isEqualTo(5);
    assertThat(jdbc.queryForObject("select count(*) from lt_rectification where status = 'verified'", Integer.class)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from lt_inspection_bulletin", Integer.class))
        .as("last year's round closed with its 督查通报 in each agency").isEqualTo(2);
    assertThat(jdbc.queryForList("select kind || ':' || grade_before || '>' || grade_after from lt_assessment_review r "
        + "join lt_cycle c on c.id = r.cycle_id where c.agency_id = 'finance' order by r.requested_at", String.class))
        .as("last year the party group returned the weakest branch, which then appealed on 公示")
        .containsExactly("returned:一般>一般", "appeal:一般>一般");
    assertThat(jdbc.queryForObject("select count(*) from lt_assessment_publication where circulated_at is not null",
        Integer.class)).as("each closed cycle's results were published and circulated").isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from lt_carry_over where to_cycle_id is not null", Integer.class)).isPositive();
  }

  /** 市税务局 planned this year in December: last year's close carried its open problems into that draft. */
  @Test
  void lastYearsCloseCarriedIntoThisYearsDraftWhichAnsweredEachProblem() {
    var carried = jdbc.queryForList("""
        select o.answer_goal, o.answer_explanation from lt_carry_over o
        join lt_cycle t on t.id = o.to_cycle_id join lt_cycle f on f.id = o.from_cycle_id
        where t.agency_id = 'tax' and t.status = 'running' and t.started_at < f.closed_at""");
    assertThat(carried).as("carried while this year's cycle already ran").isNotEmpty();
    assertThat(carried).allSatisfy(row -> assertThat(row.get("ANSWER_GOAL") != null ^ row.get("ANSWER_EXPLANATION") != null)
        .as("answered once: a goal or an explanation").isTrue());
    assertThat(carried).extracting(row -> row.get("ANSWER_GOAL")).contains("党建引领业务攻坚");
  }

  @Test
  void runningCyclesStandInDifferentStagesWithLateWork() {
    var finance = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("integrated-cycle")
        .tenantIdIn("finance").singleResult();
    var tax = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("integrated-cycle")
        .tenantIdIn("tax").singleResult();
    assertThat(engine.getRuntimeService().getActiveActivityIds(finance.getId())).contains("Task_Pledge", "Task_ReportProgress");
    assertThat(engine.getRuntimeService().getActiveActivityIds(tax.getId())).contains("Task_SignFor", "Task_AnswerObjection");
    assertThat(engine.getTaskService().createTaskQuery().dueBefore(new Date()).count()).as("overdue tasks").isGreaterThanOrEqualTo(5);
    assertThat(engine.getManagementService().createJobQuery().timers().duedateLowerThan(new Date()).count())
        .as("reminders, escalations and an overdue rectification wait for the job executor").isGreaterThanOrEqualTo(5);
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ReviewRectificationPlan").count()).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(finance.getId())
        .taskDefinitionKey("Task_ReportOwnItems").list()).extracting(task -> task.getAssignee())
        .as("the round asks each owner of the party group's and the committee's items: 党组书记, the 分管 member, the committee's first by id")
        .containsExactlyInAnyOrder("zhaomin", "liming", "liuyang");
  }

  @Test
  void aRegisteredPostReportsAtTheRoundAndAnApplicationWaitsForItsBranch() {
    assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey("vanguard-post")
        .taskDefinitionKey("Task_ReportFulfilment").taskAssignee("liwei").count()).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey("vanguard-post")
        .taskDefinitionKey("Task_ReviewByBranch").taskCandidateGroup("financeTreasurySecretaries").count()).isEqualTo(1);
    assertThat(jdbc.queryForList("select member_id, status from lt_vanguard_post order by member_id"))
        .extracting(row -> row.get("MEMBER_ID") + ":" + row.get("STATUS")).containsExactly("liwei:registered", "zhoujie:applied");
  }

  /** 孙慧 of 市直机关工委 sees both agencies side by side: last year's ranked results, this year's stages. */
  @Test
  void theCityCommitteeSeesBothAgenciesSideBySide() {
    int lastYear = jdbc.queryForObject("select period_start from lt_cycle where agency_id = 'finance' and status = 'closed'",
        java.sql.Date.class).toLocalDate().getYear();
    int thisYear = jdbc.queryForObject("select period_start from lt_cycle where agency_id = 'finance' and status = 'running'",
        java.sql.Date.class).toLocalDate().getYear();
    engine.getIdentityService().setAuthentication("sunhui", List.of("shizhiWorkCommittee"));
    try {
      CityOverview closed = overviews.overview(String.valueOf(lastYear));
      assertThat(closed.agencies()).extracting(AgencyResult::agencyName, AgencyResult::assessed, AgencyResult::statusLabel)
          .containsExactlyInAnyOrder(tuple("市财政局", 3, "已结束"), tuple("市税务局", 9, "已结束"));
      assertThat(closed.agencies()).allSatisfy(a -> assertThat(a.rank()).isNotNull());
      CityOverview running = overviews.overview(String.valueOf(thisYear));
      assertThat(running.agencies()).filteredOn(a -> a.agencyId().equals("finance")).singleElement()
          .satisfies(a -> assertThat(a.stageLabel()).isIn("同落实", "同检查"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void aSecondStartAddsNothing() {
    int cycles = jdbc.queryForObject("select count(*) from lt_cycle", Integer.class);
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    demoCycles.create();
    assertThat(jdbc.queryForObject("select count(*) from lt_cycle", Integer.class)).isEqualTo(cycles);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
  }
}
