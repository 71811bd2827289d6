package cn.liutong.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.RectificationDriver;
import io.micrometer.core.instrument.MeterRegistry;
import cn.liutong.support.TestYear;

/** Messages reach people after the engine's commit, once, by e-mail and robot, as each person chose. */
class NotificationDeliveryIT extends NotificationTestBase {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** The name of the cycles started here, read before a test moves the clock. */
  static final String CYCLE = TestYear.cycleName();

  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  MeterRegistry meters;

  @Test
  void aDueReminderArrivesOnceByEmailAndByRobot() throws Exception {
    email("chenjing", "chenjing@finance.example.gov.cn");
    robot("financeBudget", "WECOM", "/wecom/budget", null);
    cycle.start().plan().decompose();
    delivery.deliverDue(); // the new-task messages
    Task signFor = cycle.branchTask("Task_SignFor", "financeBudget");
    MAIL.purgeEmailFromAllMailboxes();
    ROBOTS.reset();

    ClockUtil.setCurrentTime(new Date(signFor.getDueDate().getTime() - Duration.ofDays(1).toMillis()));
    dueScan.scan();
    dueScan.scan(); // a second scan (or a second node) adds nothing
    delivery.deliverDue();
    delivery.deliverDue();

    String dueDay = signFor.getDueDate().toInstant().atZone(SHANGHAI).toLocalDate().toString();
    String link = "https://liutong.example.gov.cn/camunda/app/tasklist/default/#/?task=" + signFor.getId();
    List<String[]> mails = mailsTo("chenjing@finance.example.gov.cn").stream()
        .filter(m -> m[1].contains(link)).toList();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0)[0]).isEqualTo("【明日到期】支部签收责任清单 · 预算处党支部 · " + CYCLE);
    assertThat(mails.get(0)[1]).contains("您的待办任务明天到期", "办理期限：" + dueDay, link);

    List<WebhookStub.Post> posts = ROBOTS.posts().stream().filter(p -> p.body().contains(signFor.getId())).toList();
    assertThat(posts).hasSize(1);
    var json = new ObjectMapper().readTree(posts.get(0).body());
    assertThat(json.path("msgtype").asText()).isEqualTo("text");
    assertThat(json.path("text").path("content").asText())
        .startsWith("【明日到期】支部签收责任清单 · 预算处党支部").contains("办理期限：" + dueDay);
  }

  @Test
  void aCoSignerIsRemindedTheDayBeforeTheTaskIsDue() throws Exception {
    email("zhanghua", "zhanghua@finance.example.gov.cn");
    cycle.start().plan().deploy().planImplementation("financeBudget");
    Task pledge = cycle.memberTask("Task_Pledge", "liwei");
    var asked = rest.post("/api/tasks/" + pledge.getId() + "/actions/cosign",
        Map.of("userIds", List.of("zhanghua"), "reason", "请帮忙把关承诺内容"), "liwei");
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    Task cosign = engine.getTaskService().getSubTasks(pledge.getId()).get(0);
    deliverAll();
    MAIL.purgeEmailFromAllMailboxes();

    ClockUtil.setCurrentTime(new Date(pledge.getDueDate().getTime() - Duration.ofDays(1).toMillis()));
    dueScan.scan();
    deliverAll();

    String link = "https://liutong.example.gov.cn/camunda/app/tasklist/default/#/?task=" + cosign.getId();
    List<String[]> mails = mailsTo("zhanghua@finance.example.gov.cn").stream().filter(m -> m[1].contains(link)).toList();
    assertThat(mails).as("one reminder of the co-sign task, to its co-signer").hasSize(1);
    assertThat(mails.get(0)[0]).startsWith("【明日到期】加签：党员承诺践诺");
    assertThat(mails.get(0)[1]).contains("您的待办任务明天到期");
  }

  @Test
  void aNewTaskReachesTheCandidateGroupsMembersAndTheAgencysSignedDingTalkRobot() throws Exception {
    email("zhaomin", "zhaomin@finance.example.gov.cn");
    robot("finance", "DINGTALK", "/dingtalk/finance", "SECabc123");
    cycle.start().draftGoals();
    long before = System.currentTimeMillis();
    delivery.deliverDue();

    assertThat(mailsTo("zhaomin@finance.example.gov.cn")).extracting(m -> m[0])
        .containsExactly("【新任务】党组审批目标体系 · " + CYCLE);
    List<WebhookStub.Post> posts = ROBOTS.posts().stream().filter(p -> p.path().equals("/dingtalk/finance")).toList();
    assertThat(posts).extracting(p -> new ObjectMapper().readTree(p.body()).path("text").path("content").asText())
        .anySatisfy(text -> assertThat(text).startsWith("【新任务】党组审批目标体系"));
    // 钉钉's 加签, recomputed here from the secret and the timestamp the request carries
    for (WebhookStub.Post post : posts) {
      Map<String, String> query = java.util.Arrays.stream(post.query().split("&"))
          .map(p -> p.split("=", 2)).collect(java.util.stream.Collectors.toMap(p -> p[0], p -> p[1]));
      long timestamp = Long.parseLong(query.get("timestamp"));
      assertThat(timestamp).isBetween(before - 5000, System.currentTimeMillis() + 5000);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("SECabc123".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = Base64.getEncoder().encodeToString(
          mac.doFinal((timestamp + "\nSECabc123").getBytes(StandardCharsets.UTF_8)));
      assertThat(java.net.URLDecoder.decode(query.get("sign"), StandardCharsets.UTF_8)).isEqualTo(expected);
    }
  }

  @Test
  void aMessageIsSentOnlyAfterTheCommitAndNeverAfterARollback() throws Exception {
    email("zhaomin", "zhaomin@finance.example.gov.cn");
    cycle.start();
    delivery.deliverDue();
    MAIL.purgeEmailFromAllMailboxes();
    int before = rows("1 = 1");

    var goals = new java.util.ArrayList<>(CycleDriver.goals());
    goals.remove(0);
    goals.add(CycleDriver.goal("业务工作", "", "", "", 10));
    assertThatThrownBy(() -> cycle.draftGoals(goals)).isInstanceOf(FormFieldValidationException.class);
    assertThat(rows("1 = 1")).as("refused completion").isEqualTo(before);

    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    transaction.executeWithoutResult(status -> {
      cycle.draftGoals();
      status.setRollbackOnly();
    });
    assertThat(cycle.tasks("Task_ApproveGoals")).isEmpty();
    assertThat(rows("1 = 1")).as("rolled back").isEqualTo(before);
    assertThat(delivery.deliverDue()).isZero();
    assertThat(MAIL.getReceivedMessages()).isEmpty();

    transaction.executeWithoutResult(status -> {
      cycle.draftGoals();
      assertThat(rows("kind = 'NEW_TASK' AND recipient = 'zhaomin'")).as("in the engine's transaction").isEqualTo(1);
      int deliveredMeanwhile = CompletableFuture.supplyAsync(delivery::deliverDue).join();
      assertThat(deliveredMeanwhile).as("another poller before the commit").isZero();
      assertThat(MAIL.getReceivedMessages()).isEmpty();
    });
    delivery.deliverDue();
    assertThat(mailsTo("zhaomin@finance.example.gov.cn")).extracting(m -> m[0])
        .containsExactly("【新任务】党组审批目标体系 · " + CYCLE);
  }

  @Test
  void aRobotAnswering500IsTriedAgainAfterTheDelayThenSent() {
    robot("financeBudget", "WECOM", "/wecom/budget", null);
    cycle.start().plan().decompose();
    double failedBefore = meters.counter("liutong.notifications.failed", "channel", "WECOM").count();
    ROBOTS.answer(500);
    delivery.deliverDue();
    assertThat(ROBOTS.posts()).hasSize(1);
    assertThat(rows("channel = 'WECOM' AND status = 'PENDING' AND attempts = 1 AND last_error = ?", "群机器人拒收：HTTP 500"))
        .isEqualTo(1);
    assertThat(meters.counter("liutong.notifications.failed", "channel", "WECOM").count()).isEqualTo(failedBefore + 1);

    var waiting = rest.get("/api/admin/notifications?status=PENDING", "admin", "admin");
    assertThat(waiting.status()).isEqualTo(200);
    assertThat(waiting.body()).contains("群机器人拒收：HTTP 500").doesNotContain(ROBOTS.url("/wecom"));
    assertThat(rest.get("/actuator/prometheus", "admin", "admin").body())
        .contains("liutong_notifications_failed_total{channel=\"WECOM\"");

    delivery.deliverDue();
    assertThat(ROBOTS.posts()).as("not before the retry delay").hasSize(1);

    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofSeconds(61).toMillis()));
    delivery.deliverDue();
    assertThat(ROBOTS.posts()).hasSize(2);
    assertThat(ROBOTS.posts().get(1).body()).isEqualTo(ROBOTS.posts().get(0).body());
    assertThat(rows("channel = 'WECOM' AND status = 'SENT' AND attempts = 2")).isEqualTo(1);
  }

  @Test
  void theDigestGathersADaysMessagesIntoOneEmail() {
    email("chenjing", "chenjing@finance.example.gov.cn");
    preferences("chenjing", true, true, true);
    cycle.start().plan().deploy();
    delivery.deliverDue();
    assertThat(mailsTo("chenjing@finance.example.gov.cn")).as("held for the digest").isEmpty();

    ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
    ZonedDateTime digest = now.toLocalDate().atTime(8, 1).atZone(SHANGHAI);
    ClockUtil.setCurrentTime(Date.from((digest.isAfter(now) ? digest : digest.plusDays(1)).toInstant()));
    delivery.deliverDue();

    List<String[]> mails = mailsTo("chenjing@finance.example.gov.cn");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0)[0]).isEqualTo("【每日汇总】2条消息提醒");
    assertThat(mails.get(0)[1]).contains("【新任务】支部签收责任清单 · 预算处党支部", "【新任务】制定落实方案 · 预算处党支部");
  }

  @Test
  void eachPersonsChoiceOfChannelsIsRespected() {
    email("wangqiang", "wangqiang@finance.example.gov.cn");
    email("liuyang", "liuyang@finance.example.gov.cn");
    robot("finance", "WECOM", "/wecom/finance", null);
    preferences("liuyang", false, false, false);
    preferences("wangqiang", true, false, false);
    cycle.start();
    delivery.deliverDue();

    assertThat(mailsTo("wangqiang@finance.example.gov.cn")).extracting(m -> m[0])
        .containsExactly("【新任务】拟定党建与业务目标体系 · " + CYCLE);
    assertThat(mailsTo("liuyang@finance.example.gov.cn")).as("e-mail switched off").isEmpty();
    assertThat(ROBOTS.posts()).as("nobody concerned wants robot messages").isEmpty();

    preferences("liuyang", false, true, false);
    cycle.draftGoals().returnGoals("目标偏少，请补充业务目标");
    delivery.deliverDue();
    assertThat(ROBOTS.posts()).extracting(WebhookStub.Post::body)
        .anySatisfy(body -> assertThat(body).contains("【退回】拟定党建与业务目标体系"));
  }

  @Test
  void returnedEscalatedAndPublishedResultsReachTheirPeople() {
    cycle.start().draftGoals().returnGoals("目标偏少，请补充业务目标");
    Task redraft = cycle.task("Task_DraftGoals");
    assertThat(jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'RETURNED' AND task_id = ?",
        String.class, redraft.getId())).containsExactlyInAnyOrder("wangqiang", "liuyang");
    assertThat(rows("kind = 'RETURNED'")).as("the approval itself is not marked").isEqualTo(2);

    cycle.draftGoals().approveGoals().decompose();
    var escalation = cycle.dueTimers("BoundaryEvent_SignForOverdue").stream()
        .filter(job -> "financeBudget".equals(engine.getRuntimeService().getVariable(job.getExecutionId(), "branchCode")))
        .findFirst().orElseThrow();
    engine.getManagementService().executeJob(escalation.getId());
    Task supervise = cycle.task("Task_SuperviseSignFor");
    assertThat(jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'ESCALATED' AND task_id = ?",
        String.class, supervise.getId())).containsExactlyInAnyOrder("wangqiang", "liuyang");
    assertThat(jdbc.queryForObject("SELECT subject FROM lt_notification WHERE kind = 'ESCALATED' AND recipient = 'wangqiang'",
        String.class)).startsWith("【督办】督办逾期未签收 · 预算处党支部");
  }

  @Test
  void approvedResultsAreAnnouncedToEveryBranchMemberAndBranchRobotOnPublicityAndWhenCirculated() {
    robot("financeAudit", "WECOM", "/wecom/audit", null);
    cycle.throughAssessment().scenario().publishResults();
    var recipients = jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'RESULT_PUBLISHED'"
        + " AND channel = 'EMAIL'", String.class);
    assertThat(recipients).contains("chenjing", "liwei", "zhanghua", "sunli", "zhoujie", "wuhao", "zhengyu", "fengxue",
        "hanmei").doesNotContain("wangqiang", "zhaomin", "qianfeng");
    assertThat(jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'RESULT_PUBLISHED'"
        + " AND channel = 'WECOM'", String.class)).containsExactly("financeAudit");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM lt_notification WHERE kind = 'RESULT_CIRCULATED'", Integer.class))
        .as("circulated only once the 公示 is over").isZero();
    cycle.scenario().branchesOnPublicity().forEach(cycle.scenario()::acceptResult); // every branch accepts: 通报
    assertThat(jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'RESULT_CIRCULATED'"
        + " AND channel = 'EMAIL'", String.class)).containsExactlyInAnyOrderElementsOf(recipients);
    deliverAll();
    assertThat(ROBOTS.posts()).extracting(WebhookStub.Post::body)
        .anySatisfy(body -> assertThat(body).contains("【结果公示】" + CYCLE + "考核结果公示", "公示期至"))
        .anySatisfy(body -> assertThat(body).contains("【结果通报】" + CYCLE + "考核结果通报", "公示期内没有支部提出申诉"));
  }

  @Test
  void aMessageThatCannotBeDeliveredFailsAtOnceAndIsListedForAdministrators() {
    preferences("liuyang", false, false, false);
    cycle.start(); // wangqiang has no e-mail address on file
    delivery.deliverDue();
    assertThat(rows("recipient = 'wangqiang' AND status = 'FAILED' AND attempts = 1")).isEqualTo(1);
    var failed = rest.get("/api/admin/notifications?status=FAILED", "admin", "admin").json();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("recipient").asText()).isEqualTo("wangqiang");
    assertThat(failed.get(0).path("lastError").asText()).isEqualTo("收件人没有登记电子邮箱：wangqiang");
    assertThat(rest.get("/api/admin/notifications?status=LOST", "admin", "admin").status()).isEqualTo(400);
  }

  @Test
  void rowsClaimedByOnePollerAreSkippedByAnotherOnH2() {
    email("wangqiang", "wangqiang@finance.example.gov.cn");
    email("liuyang", "liuyang@finance.example.gov.cn");
    cycle.start();
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    transaction.executeWithoutResult(status -> {
      int claimed = jdbc.queryForList("SELECT id FROM lt_notification WHERE status = 'PENDING' AND recipient = 'wangqiang'"
          + " FOR UPDATE SKIP LOCKED").size();
      assertThat(claimed).isEqualTo(1);
      int other = CompletableFuture.supplyAsync(delivery::deliverDue).join();
      assertThat(other).as("the other poller takes the free row only").isEqualTo(1);
    });
    assertThat(mailsTo("liuyang@finance.example.gov.cn")).hasSize(1);
    assertThat(mailsTo("wangqiang@finance.example.gov.cn")).as("held by the first poller").isEmpty();
    delivery.deliverDue();
    assertThat(mailsTo("wangqiang@finance.example.gov.cn")).hasSize(1);
  }

  @Test
  void aReturnedRectificationPlanComesBackToTheBranchSecretaryAsReturned() {
    cycle.start().plan().deploy();
    CycleDriver.BRANCHES.forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    CycleDriver.BRANCHES.forEach(b -> cycle.reportProgress(b).inspect(b, "financeAudit".equals(b) ? "主题党日活动流于形式" : null));
    var rectification = new RectificationDriver(engine, RectificationDriver.of(engine, cycle.cycleId(), "financeAudit").get(0))
        .plan().submit("Task_ReviewRectificationPlan", Map.of("planDecision", "returned", "planReturnReason", "整改措施不够具体，请细化"));
    Task redraft = rectification.task("Task_DraftRectificationPlan");
    assertThat(jdbc.queryForList("SELECT recipient FROM lt_notification WHERE kind = 'RETURNED' AND task_id = ?",
        String.class, redraft.getId())).containsExactly("zhengyu");
    assertThat(jdbc.queryForObject("SELECT subject FROM lt_notification WHERE kind = 'RETURNED'", String.class))
        .isEqualTo("【退回】制定整改方案 · 监督检查局党支部 · " + CYCLE);
  }
}
