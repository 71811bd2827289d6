package cn.liutong.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.RectificationDriver;
import cn.liutong.support.FrozenClock;
import cn.liutong.support.TestAgency;

/**
 * 申请延期 in the real Tasklist, in headless Chromium: the budget branch's secretary (陈静) chooses 申请延期 on
 * 提交整改情况及佐证, writes the reason and picks the new date; the committee member (王强) finds the request under
 * 待我审批 and approves it; the secretary's evidence task is back, due on the new date, and the ledger holds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@FrozenClock("2026-04-20T10:00")
class RectificationExtensionBrowserTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  static final String SECRETARY = agency.secretary(TestAgency.BUDGET);
  static final String COMMITTEE = agency.committee();
  static final LocalDate NEW_DEADLINE = LocalDate.of(2026, 6, 19);

  @RegisterExtension
  static Browser browser = new Browser();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aSecretaryAsksForALaterDeadlineAndTheCommitteeApprovesItInTasklist() {
    RectificationDriver rectification = RectificationDriver.rectifying(engine, agency, TestAgency.BUDGET,
        "支部党员教育管理台账不完整，缺少半年学习记录");
    String pi = rectification.instance().getId();
    Tasklist tasklist = new Tasklist(browser, "http://127.0.0.1:" + port, engine, () -> { });

    tasklist.complete(SECRETARY, "本支部待办", rectification.task("Task_SubmitEvidence").getId(), "rectification-evidence",
        Map.of("evidenceAction", "requestExtension", "extensionReason", "补记学习记录需逐人核对签到表，预计还需一个月",
            "extensionDate", NEW_DEADLINE));
    assertThat(jdbc.queryForMap("select status, requested_deadline, requested_by from lt_rectification_extension "
        + "where rectification_id = (select id from lt_rectification where process_instance_id = ?)", pi))
        .containsEntry("STATUS", "pending").containsEntry("REQUESTED_BY", SECRETARY)
        .satisfies(row -> assertThat(row.get("REQUESTED_DEADLINE").toString()).isEqualTo(NEW_DEADLINE.toString()));

    tasklist.complete(COMMITTEE, "待我审批", rectification.task("Task_ReviewExtension").getId(),
        "review-rectification-extension", Map.of("extensionDecision", "approved"));

    assertThat(jdbc.queryForMap("select status, decided_by from lt_rectification_extension where rectification_id = "
        + "(select id from lt_rectification where process_instance_id = ?)", pi))
        .containsEntry("STATUS", "approved").containsEntry("DECIDED_BY", COMMITTEE);
    assertThat(jdbc.queryForObject("select deadline from lt_rectification where process_instance_id = ?", LocalDate.class, pi))
        .isEqualTo(NEW_DEADLINE);
    assertThat(rectification.task("Task_SubmitEvidence").getDueDate().toInstant().atZone(java.time.ZoneId.systemDefault())
        .toLocalDate()).as("the branch's task is due on the new date").isEqualTo(NEW_DEADLINE);
    engine.getRuntimeService().deleteProcessInstance(pi, "test finished");
  }
}
