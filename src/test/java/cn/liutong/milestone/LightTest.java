package cn.liutong.milestone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** 亮灯 from a milestone date, the latest status and today, with a due-soon window of 7 days. */
class LightTest {

  private static final LocalDate MILESTONE = LocalDate.of(2026, 5, 31);

  private static Light on(String today, String status) {
    return Light.of(MILESTONE, status, LocalDate.parse(today), 7);
  }

  @Test
  void greenUntilTheWindowYellowInItIncludingTheDayRedAfter() {
    assertThat(on("2026-05-23", null)).as("8 days before").isEqualTo(Light.ON_TRACK);
    assertThat(on("2026-05-24", "inProgress")).as("7 days before").isEqualTo(Light.DUE_SOON);
    assertThat(on("2026-05-31", "notStarted")).as("the day itself").isEqualTo(Light.DUE_SOON);
    assertThat(on("2026-06-01", "inProgress")).as("the day after").isEqualTo(Light.OVERDUE);
  }

  @Test
  void doneIsGreenWhateverTheDate() {
    assertThat(on("2026-01-05", "done")).isEqualTo(Light.DONE);
    assertThat(on("2026-12-31", "done")).isEqualTo(Light.DONE);
    assertThat(Light.DONE.colour()).isEqualTo("green");
    assertThat(Light.OVERDUE.label()).isEqualTo("逾期");
  }
}
