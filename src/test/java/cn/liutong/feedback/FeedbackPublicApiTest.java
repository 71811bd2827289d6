package cn.liutong.feedback;

import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.liutong.support.LoopbackClient;
import cn.liutong.support.LoopbackClient.Response;
import cn.liutong.support.TestAgency;

/**
 * The public endpoints over HTTP, anonymous. Each test speaks from a loopback address of its own, so the
 * per-client rate limits (the defaults) never reach from one test into another.
 */
class FeedbackPublicApiTest extends FeedbackTestBase {

  private static final String CODE = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}";
  private static final String NOT_FOUND = "未找到与该查询码对应的群众意见，请核对查询码";

  /** The class's agency, for the submissions built outside a test instance (the same as {@code agency}). */
  private static final TestAgency AGENCY = TestAgency.forClass(FeedbackPublicApiTest.class);

  @LocalServerPort
  int port;

  static Map<String, Object> submission(String subject) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agencyId", AGENCY.id());
    body.put("subject", subject);
    body.put("text", FeedbackDriver.TEXT);
    body.put("contact", "zhang.san@example.cn");
    return body;
  }

  static Map<String, Object> submission(String field, Object value) {
    Map<String, Object> body = submission("办事大厅排队时间过长");
    body.put(field, value);
    return body;
  }

  private LoopbackClient client() {
    return LoopbackClient.fresh(port);
  }

  private String submit(LoopbackClient client, String subject) {
    Response response = client.post("/public/feedback", submission(subject));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("trackingCode").asText();
  }

  @Test
  void aValidSubmissionStartsTheProcessForTheAgencyAndStoresOnlyTheCodesHash() throws Exception {
    String code = submit(client(), "办事大厅排队时间过长");
    assertThat(code).matches(CODE);

    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(code.replace("-", "").getBytes(StandardCharsets.US_ASCII)));
    Map<String, Object> row = jdbc.queryForMap("select * from lt_feedback where tracking_hash = ?", hash);
    assertThat(row).containsEntry("AGENCY_ID", agency.id()).containsEntry("STATUS", "received")
        .containsEntry("CONTACT", "zhang.san@example.cn");
    assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v))
        .doesNotContain(code).doesNotContain(code.replace("-", "")));

    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId((String) row.get("PROCESS_INSTANCE_ID")).singleResult();
    assertThat(instance.getTenantId()).isEqualTo(agency.id());
    assertThat(instance).isWaitingAt("Task_TriageFeedback");
    List<HistoricVariableInstance> variables = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).list();
    assertThat(variables).extracting(HistoricVariableInstance::getName).doesNotContain("trackingHash")
        .contains("subject", "feedbackText", "contact", "branchOptions");
    assertThat(variables).allSatisfy(v -> assertThat(String.valueOf(v.getValue())).doesNotContain(hash)
        .doesNotContain(code.replace("-", "")));
  }

  static Stream<Arguments> badSubmissions() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("empty object", json(Map.of()), "机关单位不能为空；标题不能为空；意见内容不能为空"));
    cases.add(Arguments.of("unknown agency", json(submission("agencyId", "nowhere")), "所选机关单位不存在"));
    cases.add(Arguments.of("agency id of other characters", json(submission("agencyId", "../" + AGENCY.id())), "所选机关单位不存在"));
    cases.add(Arguments.of("subject too short", json(submission("subject", "慢")), "标题应为2至50个字，当前1个字"));
    cases.add(Arguments.of("subject too long", json(submission("subject", "长".repeat(51))), "标题应为2至50个字，当前51个字"));
    cases.add(Arguments.of("text too short", json(submission("text", "排队太久了")), "意见内容应为10至1000个字，当前5个字"));
    cases.add(Arguments.of("text too long", json(submission("text", "长".repeat(1001))), "意见内容应为10至1000个字，当前1001个字"));
    cases.add(Arguments.of("contact neither phone nor mail", json(submission("contact", "找张三")), "联系方式应为手机号码、固定电话或电子邮箱"));
    cases.add(Arguments.of("contact too long", json(submission("contact", "a".repeat(40) + "@example.cn")), "联系方式不能超过50个字"));
    cases.add(Arguments.of("subject not a text", json(submission("subject", 42)), "标题应为文字"));
    cases.add(Arguments.of("control character", json(submission("subject", "排队\u0007时间")), "标题含有控制字符或不可见字符"));
    cases.add(Arguments.of("line break in a one-line field", json(submission("subject", "排队\n时间")), "标题含有控制字符或不可见字符"));
    cases.add(Arguments.of("bidi override", json(submission("text", FeedbackDriver.TEXT + "\u202e")), "意见内容含有控制字符或不可见字符"));
    cases.add(Arguments.of("unpaired surrogate (escaped)", withBytes(json(submission("subject", "排队XX")), "XX", bytes("\\ud800")),
        "标题含有无效的字符编码"));
    cases.add(Arguments.of("angle brackets", json(submission("text", FeedbackDriver.TEXT + "<script>x</script>")), "意见内容不能包含尖括号"));
    cases.add(Arguments.of("invalid UTF-8", withBytes(json(submission("subject", "排队XX")), "XX", new byte[] {(byte) 0xC3, 0x28}),
        "提交的内容不是有效的UTF-8编码"));
    cases.add(Arguments.of("UTF-8 encoded surrogate", withBytes(json(submission("subject", "排队XX")), "XX",
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "提交的内容不是有效的UTF-8编码"));
    cases.add(Arguments.of("not JSON", bytes("agencyId=" + AGENCY.id() + "&subject=x"), "提交的内容不是有效的JSON"));
    cases.add(Arguments.of("trailing content", bytes(new String(json(submission("排队时间过长")), StandardCharsets.UTF_8) + " {}"),
        "提交的内容不是有效的JSON"));
    cases.add(Arguments.of("duplicate field", bytes("{\"agencyId\":\"" + AGENCY.id() + "\",\"agencyId\":\"other\"}"), "提交的内容不是有效的JSON"));
    cases.add(Arguments.of("array", bytes("[]"), "提交的内容应为一个JSON对象"));
    cases.add(Arguments.of("unknown field", json(submission("branchCode", AGENCY.branch(BUDGET))), "提交的内容含有不支持的字段"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSubmissions")
  void badInputIsRefusedWithAClearMessageAndNothingIsStored(String what, byte[] body, String message) {
    int rows = rows();
    long instances = instances();

    Response response = client().post("/public/feedback", body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.message()).contains(message);
    assertThat(rows()).isEqualTo(rows);
    assertThat(instances()).isEqualTo(instances);
  }

  @Test
  void aBodyOverEightKilobytesIsRefused() {
    int rows = rows();
    Response response = client().post("/public/feedback", json(submission("text", "长".repeat(3000))));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.message()).isEqualTo("提交的内容过长，不能超过8KB");
    assertThat(rows()).isEqualTo(rows);
  }

  @Test
  void submissionsAreLimitedPerClient() {
    LoopbackClient client = client();
    for (int i = 0; i < 5; i++) {
      assertThat(client.post("/public/feedback", "{}").status()).as("attempt " + (i + 1)).isEqualTo(400);
    }
    int rows = rows();
    Response refused = client.post("/public/feedback", submission("第六次提交"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.message()).startsWith("提交过于频繁，请").endsWith("秒后再试");
    assertThat(Long.parseLong(refused.headers().get("retry-after"))).isBetween(1L, 600L);
    assertThat(rows()).isEqualTo(rows);

    submit(client(), "另一个客户端不受影响");
  }

  @Test
  void lookupsAreLimitedPerClient() {
    LoopbackClient client = client();
    for (int i = 0; i < 60; i++) {
      assertThat(client.get("/public/feedback/0000-0000-0000-0000").status()).isEqualTo(404);
    }
    Response refused = client.get("/public/feedback/0000-0000-0000-0000");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.message()).startsWith("查询过于频繁");
    assertThat(refused.headers()).containsKey("retry-after");
    assertThat(client.post("/public/feedback/0000-0000-0000-0000/rating", Map.of("satisfaction", 5)).status())
        .as("rating uses a code too").isEqualTo(429);
  }

  @Test
  void aTrackingCodeShowsItsOwnItemAndNothingElse() {
    LoopbackClient client = client();
    String mine = submit(client, "我的意见");
    String theirs = submit(client(), "别人的意见");

    Response response = client.get("/public/feedback/" + mine);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("subject").asText()).isEqualTo("我的意见");
    assertThat(response.json().path("status").asText()).isEqualTo("received");
    assertThat(response.json().path("statusLabel").asText()).isEqualTo("已收到，等待受理");
    assertThat(response.json().path("ratingPossible").asBoolean()).isFalse();
    assertThat(response.json().fieldNames()).toIterable()
        .containsExactlyInAnyOrder("status", "statusLabel", "subject", "submittedOn", "ratingPossible");
    assertThat(client.get("/public/feedback/" + theirs).json().path("subject").asText()).isEqualTo("别人的意见");
    assertThat(client.get("/public/feedback/" + mine.replace("-", "").toLowerCase()).json().path("subject").asText())
        .as("typed without hyphens, in lower case").isEqualTo("我的意见");

    feedback().follow(mine).replied(agency.branch(BUDGET));
    response = client.get("/public/feedback/" + mine);
    assertThat(response.json().fieldNames()).toIterable()
        .containsExactlyInAnyOrder("status", "statusLabel", "subject", "submittedOn", "reply", "ratingPossible");
    assertThat(response.json().path("ratingPossible").asBoolean()).isTrue();
    assertThat(response.body()).doesNotContain(agency.branch(BUDGET)).doesNotContain("预算处")
        .doesNotContain(agency.secretary(BUDGET)).doesNotContain("陈静").doesNotContain("已到办事大厅核实")
        .doesNotContain(agency.id() + "\"");
  }

  @Test
  void aGuessedOrMalformedCodeShowsNothing() {
    LoopbackClient client = client();
    for (String code : List.of("7K3M-9QXR-2F8T-B1WZ", "ABCDEFGHJKMNPQRS", "abc", "U000-0000-0000-0000", "0".repeat(40))) {
      Response response = client.get("/public/feedback/" + code);
      assertThat(response.status()).as(code).isEqualTo(404);
      assertThat(response.message()).isEqualTo(NOT_FOUND);
      Response rating = client.post("/public/feedback/" + code + "/rating", Map.of("satisfaction", 5));
      assertThat(rating.status()).as(code).isEqualTo(404);
      assertThat(rating.message()).isEqualTo(NOT_FOUND);
    }
  }

  @Test
  void theReplyCanBeRatedOnceWhenItIsPublished() {
    LoopbackClient client = client();
    String code = submit(client, "请公开办事指南");
    String rating = "/public/feedback/" + code + "/rating";

    assertThat(client.post(rating, Map.of("satisfaction", 4)).status()).as("no reply yet").isEqualTo(409);
    feedback().follow(code).replied(agency.branch(TREASURY));
    for (Object bad : List.of(0, 6, "4", 3.5)) {
      Response response = client.post(rating, Map.of("satisfaction", bad));
      assertThat(response.status()).as(String.valueOf(bad)).isEqualTo(400);
      assertThat(response.message()).contains("满意度应为1至5的整数");
    }
    assertThat(client.post(rating, Map.of("satisfaction", 4, "comment", "<b>好</b>")).status()).isEqualTo(400);

    assertThat(client.post(rating, Map.of("satisfaction", 4, "comment", "答复及时，问题已解决")).status()).isEqualTo(204);
    assertThat(client.get("/public/feedback/" + code).json().path("status").asText()).isEqualTo("closed");
    Response again = client.post(rating, Map.of("satisfaction", 1));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.message()).contains("不能评价");
    assertThat(jdbc.queryForObject("select satisfaction from lt_feedback where tracking_hash = ?", Integer.class,
        TrackingCode.hashOf(code).orElseThrow())).isEqualTo(4);
  }

  private int rows() {
    return jdbc.queryForObject("select count(*) from lt_feedback", Integer.class);
  }

  private long instances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("public-feedback").count();
  }

  private static byte[] json(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The UTF-8 of {@code json} with {@code marker} replaced by raw bytes (which need not be UTF-8). */
  private static byte[] withBytes(byte[] json, String marker, byte[] raw) {
    String text = new String(json, StandardCharsets.UTF_8);
    int at = text.indexOf(marker);
    byte[] head = bytes(text.substring(0, at));
    byte[] tail = bytes(text.substring(at + marker.length()));
    byte[] result = new byte[head.length + raw.length + tail.length];
    System.arraycopy(head, 0, result, 0, head.length);
    System.arraycopy(raw, 0, result, head.length, raw.length);
    System.arraycopy(tail, 0, result, head.length + raw.length, tail.length);
    return result;
  }
}
