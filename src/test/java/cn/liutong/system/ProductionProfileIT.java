package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;

import cn.liutong.LiutongApplication;

/** Outside the demo profile there are no default credentials: no administrator password, no start. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileIT {

  @Test
  void refusesToStartWithoutAdministratorPassword() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(LiutongApplication.class).profiles("prod").run(
        "--spring.datasource.url=jdbc:h2:mem:prod-check", "--spring.datasource.username=sa", "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.process-engine-name=prodTest"))
        .satisfies(e -> assertThat(rootMessages(e)).contains("LIUTONG_ADMIN_PASSWORD"));
  }

  @Test
  void refusesAShortAdministratorPasswordWithoutPrintingIt(CapturedOutput output) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(LiutongApplication.class).profiles("prod").run(
        "--spring.datasource.url=jdbc:h2:mem:prod-check2", "--spring.datasource.username=sa", "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false", "--liutong.admin.password=Sh0rt#pw",
        "--camunda.bpm.process-engine-name=prodTest"))
        .satisfies(e -> assertThat(rootMessages(e)).contains("at least 10 characters").doesNotContain("Sh0rt#pw"));
    assertThat(output.getAll()).doesNotContain("Sh0rt#pw");
  }

  private static String rootMessages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
