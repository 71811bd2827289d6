package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess.Activity;

/** The one stage model, read from the cycle's model as the dashboard and the metrics read it. */
class StageModelTest {

  private static StageModel.Definition cycle() throws IOException {
    try (InputStream in = StageModelTest.class.getResourceAsStream("/models/integrated-cycle.bpmn")) {
      return StageModel.read(CycleProcess.KEY, Bpmn.readModelFromStream(in));
    }
  }

  @Test
  void everyStepHasTheStageTheDomainGivesIt() throws IOException {
    StageModel.Definition cycle = cycle();
    assertThat(cycle.stageOf(Activity.DRAFT_GOALS)).contains(Stage.PLAN);
    assertThat(cycle.stageOf(Activity.SIGN_FOR)).contains(Stage.DEPLOY);
    assertThat(cycle.stageOf(Activity.PLEDGE)).contains(Stage.IMPLEMENT);
    // 同检查: the committee's calendar rounds beside 同落实: the round's date, each branch's 同述 and inspection, the bulletin
    assertThat(cycle.stageOf(Activity.INSPECTION_DUE)).contains(Stage.INSPECT);
    assertThat(cycle.stageOf(Activity.PUBLISH_BULLETIN)).contains(Stage.INSPECT);
    assertThat(cycle.stageOf(Activity.REPORT_PROGRESS)).contains(Stage.INSPECT);
    assertThat(cycle.stageOf(Activity.INSPECT)).contains(Stage.INSPECT);
    assertThat(cycle.stageOf(Activity.START_INSPECTION_RECTIFICATION)).contains(Stage.INSPECT);
    assertThat(cycle.stageOf(Activity.SCORE_BRANCH)).contains(Stage.ASSESS);
    assertThat(cycle.stageOf(Activity.APPROVE_RESULTS)).contains(Stage.ASSESS);
    assertThat(cycle.stageOf(Activity.RESCORE_BRANCH)).contains(Stage.ASSESS);
    assertThat(cycle.stageOf(Activity.CONFIRM_RESULT)).contains(Stage.ASSESS);
    assertThat(cycle.stageOf(Activity.CIRCULATE_RESULTS)).contains(Stage.ASSESS);
    assertThat(cycle.stageOf(Activity.DECIDE_MEASURE)).contains(Stage.ACCOUNTABILITY);
    assertThat(cycle.stageOf("Task_InitCycle")).as("registering the cycle comes before any stage").isEmpty();
  }

  @Test
  void aBranchDoneWithItsPartWaitsInTheStageThatFollows() throws IOException {
    StageModel.Definition cycle = cycle();
    assertThat(cycle.isBranchStage(Activity.PLAN)).isFalse();
    assertThat(cycle.afterBranchStage(Activity.BRANCH_SIGN_FOR)).isEqualTo(Stage.IMPLEMENT);
    assertThat(cycle.afterBranchStage(Activity.BRANCH_IMPLEMENT)).isEqualTo(Stage.ASSESS);
    assertThat(cycle.isBranchStage(Activity.SUPERVISE)).as("the committee's rounds are the agency's").isFalse();
    assertThat(cycle.afterBranchStage(Activity.BRANCH_INSPECT)).as("a branch inspected waits for the round's bulletin")
        .isEqualTo(Stage.INSPECT);
    assertThat(cycle.afterBranchStage(Activity.BRANCH_ASSESS)).as("the party group's approval is 同考核").isEqualTo(Stage.ASSESS);
    assertThat(cycle.afterBranchStage(Activity.BRANCH_ACCOUNTABILITY)).isEqualTo(Stage.ACCOUNTABILITY);
  }
}
