package cn.liutong.attachment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.support.PostgresDatabase;
import cn.liutong.support.Rest;
import cn.liutong.support.WebappSession;

/**
 * Attachments on PostgreSQL, through every door a person has: the Tasklist plugin (session and CSRF), our
 * {@code /api} and the engine's REST API (HTTP Basic). The audit branch's secretary (郑宇) attaches to
 * 报告党建和业务进展; the committee member (王强) opens it from 机关党委督查; another branch's secretary (陈静,
 * 预算处) and another agency's committee member (钱峰, 税务局) get 404 by id on every route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "liutong.attachment.max-size=64KB")
@ActiveProfiles({"demo", "test"})
@DirtiesContext // closed before the JVM drops the test database
class AttachmentPostgresIT {

  static final String PLUGIN = "/camunda/api/tasklist/plugin/liutong-attachments/default";
  static final String AUDIT = "financeAudit";
  static final String SECRETARY = "zhengyu";
  static final String COMMITTEE = "wangqiang";
  static final String OTHER_BRANCH = "chenjing";
  static final String OTHER_AGENCY = "qianfeng";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Test
  void theWorkOfABranchIsEvidencedAndSeenOnlyByThoseWhoSeeTheWork() throws Exception {
    // the audit and treasury branches reach their progress report; the budget branch is still planning
    CycleDriver cycle = new CycleDriver(engine).start().plan().deploy();
    cycle.planImplementation(AUDIT).pledgeAll(AUDIT).planImplementation("financeTreasury").pledgeAll("financeTreasury")
        .inspectionDue();
    String report = cycle.branchTask("Task_ReportProgress", AUDIT).getId();
    String budgetPlan = cycle.branchTask("Task_PlanImplementation", "financeBudget").getId();

    WebappSession secretary = session(SECRETARY);
    Rest.Response unclaimed = upload(secretary, report, "进展报告.pdf", AttachmentFiles.pdf());
    assertThat(unclaimed.status()).as("before claiming: " + unclaimed.body()).isEqualTo(403);
    assertThat(unclaimed.json().get("message").asText()).isEqualTo("请先认领该任务，再上传附件");
    claim(secretary, report, SECRETARY);

    // refused: a page renamed .pdf, a type not allowed, a file over the limit, a task that is not evidence
    Rest.Response html = upload(secretary, report, "报告.pdf", AttachmentFiles.html());
    assertThat(html.status()).isEqualTo(415);
    assertThat(html.json().get("message").asText()).contains("文件内容与扩展名不符").contains("PDF");
    Rest.Response page = upload(secretary, report, "报告.html", AttachmentFiles.html());
    assertThat(page.status()).isEqualTo(415);
    assertThat(page.json().get("message").asText()).startsWith("不支持该文件类型");
    Rest.Response large = upload(secretary, report, "大文件.pdf", AttachmentFiles.pdf(65 * 1024));
    assertThat(large.status()).isEqualTo(413);
    assertThat(large.json().get("message").asText()).contains("文件超过大小上限64KB");
    WebappSession budgetSecretary = session(OTHER_BRANCH);
    claim(budgetSecretary, budgetPlan, OTHER_BRANCH);
    Rest.Response notEvidence = upload(budgetSecretary, budgetPlan, "方案.pdf", AttachmentFiles.pdf());
    assertThat(notEvidence.status()).isEqualTo(403);
    assertThat(notEvidence.json().get("message").asText()).startsWith("该任务不需要上传附件");
    Rest.Response badEncoding = secretary.send("POST", PLUGIN + "/task/" + report, "application/octet-stream",
        Map.of("X-File-Name", "%E8%BF%ZZ.pdf"), AttachmentFiles.pdf());
    assertThat(badEncoding.status()).isEqualTo(400);
    assertThat(badEncoding.json().get("message").asText()).isEqualTo("文件名的编码无效");
    Rest.Response reversed = upload(secretary, report, "报告\u202Efdp.exe.pdf", AttachmentFiles.pdf());
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().get("message").asText()).isEqualTo("文件名含有文字方向控制符");
    assertThat(ledgerRows()).as("nothing written by refused uploads").isZero();

    // accepted: the report's evidence; a second file removed again while the task is open
    Rest.Response uploaded = upload(secretary, report, "C:\\材料\\第一季度进展报告.pdf", AttachmentFiles.pdf());
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
    String pdf = uploaded.json().get("id").asText();
    assertThat(uploaded.json().get("fileName").asText()).isEqualTo("第一季度进展报告.pdf");
    String photo = upload(secretary, report, "现场照片.png", png()).json().get("id").asText();
    assertThat(secretary.send("DELETE", PLUGIN + "/attachment/" + photo, null).status()).isEqualTo(204);
    JsonNode tab = json(secretary.get(PLUGIN + "/task/" + report));
    assertThat(tab.get("mayUpload").asBoolean()).isTrue();
    assertThat(tab.get("attachments")).extracting(a -> a.get("id").asText()).containsExactly(pdf);

    // the report is submitted; the committee member opens the file from his inspection task
    cycle.reportProgress(AUDIT);
    String inspect = cycle.tasks("Task_Inspect").stream()
        .filter(t -> AUDIT.equals(engine.getTaskService().getVariable(t.getId(), "branchCode"))).findFirst().orElseThrow().getId();
    WebappSession committee = session(COMMITTEE);
    JsonNode inspection = json(committee.get(PLUGIN + "/task/" + inspect));
    assertThat(inspection.get("attachments")).extracting(a -> a.get("fileName").asText()).containsExactly("第一季度进展报告.pdf");
    assertThat(inspection.get("attachments").get(0).get("taskName").asText()).startsWith("报告党建和业务进展");
    assertThat(committee.get(PLUGIN + "/attachment/" + pdf + "/data").body()).startsWith("%PDF-1.4");
    assertThat(json(committee.get(PLUGIN + "/branch?cycle=" + cycle.cycleId() + "&branch=" + AUDIT)))
        .extracting(a -> a.get("id").asText()).containsExactly(pdf);
    assertThat(secretary.send("DELETE", PLUGIN + "/attachment/" + pdf, null).status())
        .as("the report is done: its evidence stays").isEqualTo(403);

    // /api: the file with safe headers, and the ledger of who attached what, when
    HttpResponse<byte[]> download = basic("/api/attachments/" + pdf, COMMITTEE);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(download.headers().firstValue("Content-Disposition")).contains(
        "attachment; filename=\"________.pdf\"; filename*=UTF-8''" + URLEncoder.encode("第一季度进展报告", UTF_8) + ".pdf");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    JsonNode ledger = new ObjectMapper().readTree(basic("/api/cycles/" + cycle.cycleId() + "/attachments", COMMITTEE).body());
    assertThat(ledger).extracting(r -> r.get("fileName").asText() + "/" + r.get("uploadedBy").asText() + "/"
        + r.get("formKey").asText() + "/" + !r.get("deletedAt").isNull())
        .containsExactly("第一季度进展报告.pdf/zhengyu/report-progress/false", "现场照片.png/zhengyu/report-progress/true");

    // everyone else: 404 by id, on every route; the engine's own attachment routes are closed to people
    Rest rest = new Rest(port);
    for (String stranger : List.of(OTHER_BRANCH, OTHER_AGENCY)) {
      WebappSession session = session(stranger);
      assertThat(session.get(PLUGIN + "/attachment/" + pdf + "/data").status()).as(stranger).isEqualTo(404);
      assertThat(session.get(PLUGIN + "/task/" + inspect).status()).as(stranger).isEqualTo(404);
      assertThat(session.get(PLUGIN + "/task/" + report).status()).as(stranger).isEqualTo(404);
      assertThat(session.send("DELETE", PLUGIN + "/attachment/" + pdf, null).status()).as(stranger).isEqualTo(404);
      assertThat(session.get(PLUGIN + "/branch?cycle=" + cycle.cycleId() + "&branch=" + AUDIT).status()).isEqualTo(404);
      assertThat(upload(session, inspect, "x.pdf", AttachmentFiles.pdf()).status()).isEqualTo(404);
      assertThat(basic("/api/attachments/" + pdf, stranger).statusCode()).as(stranger).isEqualTo(404);
      String ledgerSeen = new String(basic("/api/cycles/" + cycle.cycleId() + "/attachments", stranger).body(), UTF_8);
      assertThat(ledgerSeen).doesNotContain(pdf);
      for (String route : List.of("/task/" + inspect + "/attachment", "/task/" + inspect + "/attachment/" + pdf + "/data",
          "/task/" + report + "/attachment/" + pdf + "/data", "/process-instance/" + cycle.cycleId() + "/attachment",
          "/history/task?taskId=" + report + "&withAttachmentInfo=true")) {
        Rest.Response answer = rest.get("/engine-rest" + route, stranger);
        assertThat(answer.status() == 404 || answer.status() == 403
            || answer.status() == 200 && !answer.body().contains(pdf)).as(stranger + " " + route + ": " + answer).isTrue();
      }
    }
    Rest.Response engineRoute = rest.get("/engine-rest/task/" + inspect + "/attachment", COMMITTEE);
    assertThat(engineRoute.status()).as("Camunda's attachments are not the way, even for those who see the work").isEqualTo(403);
    assertThat(engineRoute.json().get("message").asText()).isEqualTo("附件请在任务的“附件”页签中上传和查看");
    assertThat(engine.getTaskService().getProcessInstanceAttachments(cycle.cycleId())).isEmpty();
  }

  private static byte[] png() {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
  }

  private long ledgerRows() {
    try (var connection = engine.getProcessEngineConfiguration().getDataSource().getConnection();
        var result = connection.createStatement().executeQuery("select count(*) from lt_attachment")) {
      result.next();
      return result.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private WebappSession session(String user) {
    WebappSession session = new WebappSession(port);
    assertThat(session.login(user, "tasklist").status()).as(user + " logs in").isEqualTo(200);
    session.get("/camunda/app/tasklist/default/"); // the page after login: the session's new CSRF token
    return session;
  }

  private static void claim(WebappSession session, String taskId, String user) {
    Rest.Response claimed = session.send("POST", "/camunda/api/engine/engine/default/task/" + taskId + "/claim",
        "{\"userId\":\"" + user + "\"}");
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
  }

  private static Rest.Response upload(WebappSession session, String taskId, String name, byte[] content) {
    return session.send("POST", PLUGIN + "/task/" + taskId, "application/octet-stream",
        Map.of("X-File-Name", URLEncoder.encode(name, UTF_8).replace("+", "%20")), content);
  }

  private static JsonNode json(Rest.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private HttpResponse<byte[]> basic(String path, String user) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
