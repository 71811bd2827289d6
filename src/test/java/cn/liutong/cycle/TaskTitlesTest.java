package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static cn.liutong.support.TestAgency.TREASURY;
import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import cn.liutong.support.TestYear;

/** A task in a list says what it is about: step, member, branch, cycle; carried-over work says so. */
class TaskTitlesTest extends CycleTestBase {

  static final String CYCLE = TestYear.cycleName();

  @Test
  void branchAndMemberTasksNameTheirBranchMemberAndCycle() {
    cycle.start().plan().decompose();
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(BUDGET)).getName())
        .isEqualTo("支部签收责任清单 · 预算处党支部 · " + CYCLE);
    assertThat(cycle.branchTask("Task_SignFor", agency.branch(TREASURY)).getName())
        .isEqualTo("支部签收责任清单 · 国库处党支部 · " + CYCLE);

    cycle.deploy_signAll();
    cycle.planImplementation(agency.branch(BUDGET));
    assertThat(cycle.memberTask("Task_Pledge", agency.member(BUDGET, 0)).getName())
        .isEqualTo("党员承诺践诺 · 李伟 · 预算处党支部 · " + CYCLE);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(cycle.cycleId())
        .taskDefinitionKey("Task_DraftGoals").singleResult().getName()).isEqualTo("拟定党建与业务目标体系 · " + CYCLE);
  }

  @Test
  void workOfAClosedCycleSaysItIsCarriedOver() {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();
    agency.branches().forEach(b -> cycle.reportProgress(b).inspect(b, agency.branch(AUDIT).equals(b) ? "主题党日活动流于形式" : null));
    ProcessInstance problem = RectificationDriver.of(engine, cycle.cycleId(), agency.branch(AUDIT)).get(0);
    RectificationDriver rectification = new RectificationDriver(engine, problem);
    assertThat(rectification.task("Task_DraftRectificationPlan").getName())
        .as("opened while the cycle runs").isEqualTo("制定整改方案 · 监督检查局党支部 · " + CYCLE);

    cycle.assess().approveResults();
    cycle.tasks("Task_DecideMeasure").forEach(t -> cycle.submit(t, java.util.Map.of(
        "decidedMeasure", "none", "measureReason", "依据考核结果和整改情况研究决定")));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cycle.cycleId()).count())
        .as("the cycle closed with the problem open").isZero();

    assertThat(rectification.task("Task_DraftRectificationPlan").getName()).as("open when the cycle closed")
        .isEqualTo("【上一周期遗留】制定整改方案 · 监督检查局党支部 · " + CYCLE);

    rectification.plan();
    Task review = rectification.task("Task_ReviewRectificationPlan");
    assertThat(review.getName()).isEqualTo("【上一周期遗留】审核整改方案 · 监督检查局党支部 · " + CYCLE);
  }
}
