package cn.liutong.feedback;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.LoopbackClient;
import cn.liutong.support.LoopbackClient.Response;

/**
 * 社会评价: the public answers an agency's survey link, anonymously and limited per client, and every branch's
 * assessment receives the answers (with its own feedback's ratings).
 */
class PublicSurveyTest extends FeedbackTestBase {

  @LocalServerPort
  int port;

  private Map<String, Object> answer(Object party, Object business) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agencyId", agency.id());
    body.put("partySatisfaction", party);
    body.put("businessSatisfaction", business);
    return body;
  }

  private int rows() {
    return jdbc.queryForObject("select count(*) from lt_public_survey where agency_id = ?", Integer.class, agency.id());
  }

  @Test
  void theLinkNamesTheAgencyAndAnAnswerIsKeptWithoutWhoGaveIt() {
    LoopbackClient client = LoopbackClient.fresh(port);
    Response named = client.get("/public/survey/" + agency.id());
    assertThat(named.status()).isEqualTo(200);
    assertThat(named.json().path("agencyName").asText()).isEqualTo(agency.name());

    Map<String, Object> body = answer(4, 3);
    body.put("comment", "窗口服务态度好，办事效率还可以再提高");
    Response answered = client.post("/public/survey", body);
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);
    assertThat(answered.message()).startsWith("感谢您的评价");
    Map<String, Object> row = jdbc.queryForMap("select * from lt_public_survey where agency_id = ? and comment = ?",
        agency.id(), "窗口服务态度好，办事效率还可以再提高");
    assertThat(row).containsEntry("PARTY_SATISFACTION", 4).containsEntry("BUSINESS_SATISFACTION", 3)
        .containsOnlyKeys("ID", "AGENCY_ID", "PARTY_SATISFACTION", "BUSINESS_SATISFACTION", "COMMENT", "SUBMITTED_AT");
  }

  @Test
  void badAnswersAreRefusedInChineseAndNothingIsKept() {
    int before = rows();
    LoopbackClient client = LoopbackClient.fresh(port);
    assertThat(client.get("/public/survey/noSuchAgency").message()).isEqualTo("未找到该机关单位，请核对评价链接");
    Map<String, Object> unknown = answer(5, 5);
    unknown.put("agencyId", "noSuchAgency");
    assertThat(client.post("/public/survey", unknown).message()).contains("所选机关单位不存在");
    Response outOfRange = client.post("/public/survey", answer(0, 6));
    assertThat(outOfRange.status()).isEqualTo(400);
    assertThat(outOfRange.message()).contains("对党建工作的满意度", "对业务工作的满意度");
    Response missing = LoopbackClient.fresh(port).post("/public/survey", Map.of("agencyId", agency.id()));
    assertThat(missing.status()).isEqualTo(400);
    Map<String, Object> forged = answer(5, 5);
    forged.put("submittedAt", "2020-01-01");
    assertThat(LoopbackClient.fresh(port).post("/public/survey", forged).status()).isEqualTo(400);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void answersAreLimitedPerClient() {
    LoopbackClient client = LoopbackClient.fresh(port);
    for (int i = 0; i < 5; i++) {
      assertThat(client.post("/public/survey", answer(5, 4)).status()).as("answer " + (i + 1)).isEqualTo(201);
    }
    int before = rows();
    Response refused = client.post("/public/survey", answer(5, 4));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers()).containsKey("retry-after");
    assertThat(rows()).isEqualTo(before);
    assertThat(LoopbackClient.fresh(port).post("/public/survey", answer(5, 4)).status()).as("another client").isEqualTo(201);
  }

  @Test
  void everyBranchsAssessmentReceivesTheAnswersGivenDuringTheCycle() {
    CycleDriver cycle = new CycleDriver(engine, agency).start().plan().deploy().implementAndInspect();
    LoopbackClient.fresh(port).post("/public/survey", answer(5, 4)); // 4.5
    LoopbackClient.fresh(port).post("/public/survey", answer(3, 3)); // 3
    feedback().submit().replied(agency.branch(BUDGET)).rate(5);
    cycle.assess();

    // audit and treasury: the survey only, (4.5 + 3) / 2 = 3.75 → 75.0
    //   goals (85×40 + 88×60)/100 = 86.8; mean(members' 好评率 100, public 75) = 87.5 → 86.8×0.8 + 87.5×0.2 = 86.94 → 86.9
    // budget: its own feedback too, (4.5 + 3 + 5) / 3 = 4.1667 → 83.3; mean(100, 83.3) = 91.65 → 69.44 + 18.33 = 87.77 → 87.8
    assertThat(result(cycle, AUDIT, "public_satisfaction")).isEqualByComparingTo("75.0");
    assertThat(result(cycle, TREASURY, "public_satisfaction")).isEqualByComparingTo("75.0");
    assertThat(result(cycle, TREASURY, "weighted_score")).isEqualByComparingTo("86.9");
    assertThat(result(cycle, BUDGET, "public_satisfaction")).isEqualByComparingTo("83.3");
    assertThat(result(cycle, BUDGET, "weighted_score")).isEqualByComparingTo("87.8");
  }

  private BigDecimal result(CycleDriver cycle, String branch, String column) {
    return jdbc.queryForObject("select " + column + " from lt_assessment_result where cycle_id = ? and branch_code = ?",
        BigDecimal.class, cycle.cycleId(), agency.branch(branch));
  }
}
