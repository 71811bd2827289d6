package cn.liutong.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;

/** The demo profile's delivery ({@code log}): what would be sent is logged, a robot by its host only. */
@ExtendWith(OutputCaptureExtension.class)
class DemoDeliveryTest {

  @Test
  @SuppressWarnings("unchecked")
  void theDemoLogsWhatWouldBeSentAndSendsNothing(CapturedOutput output) throws Exception {
    RobotStore robots = mock(RobotStore.class);
    String url = "http://127.0.0.1:9/robot/send?access_token=do-not-log-me";
    when(robots.find("financeBudget", Channel.DINGTALK))
        .thenReturn(Optional.of(new RobotStore.Robot("financeBudget", Channel.DINGTALK, url, "SECsecret")));
    ObjectProvider<JavaMailSender> noMail = mock(ObjectProvider.class);
    Transports transports = new Transports(noMail, mock(IdentityService.class, org.mockito.Answers.RETURNS_DEEP_STUBS),
        robots, "log", "");

    // port 9 (discard) would refuse a real post: the call returns because nothing is posted
    transports.send(Channel.DINGTALK, "financeBudget", "【新任务】支部签收责任清单", "正文");

    assertThat(output.getOut()).contains("Would post to DINGTALK robot of financeBudget (http://127.0.0.1/…): 【新任务】支部签收责任清单")
        .doesNotContain("do-not-log-me").doesNotContain("SECsecret");
  }
}
