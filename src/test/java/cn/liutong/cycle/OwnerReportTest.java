package cn.liutong.cycle;

import static cn.liutong.support.TestAgency.AUDIT;
import static cn.liutong.support.TestAgency.BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.liutong.demo.CycleScenario;
import cn.liutong.support.Rest;
import cn.liutong.support.TestAgency;

/**
 * 同检查 by names: each round, each owner of a party group or committee item (三级责任清单) reports on their own
 * items, item by item, in the progress ledger; the round's 督查通报 waits for them as for the branches. The
 * default list ({@link CycleDriver#items()}) gives 赵敏 (党组书记) item 4, 李明 (分管) item 5 and 王强 (机关党委) item 6.
 */
class OwnerReportTest extends CycleTestBase {

  /** Another agency, whose people must not touch the owners' tasks. */
  @RegisterExtension
  static final TestAgency otherAgency = TestAgency.fresh();

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Test
  void eachOwnerReportsOnTheirOwnItemsAndTheBulletinWaitsForThem() throws Exception {
    cycle.start().plan().deploy();
    agency.branches().forEach(b -> cycle.planImplementation(b).pledgeAll(b));
    cycle.inspectionDue();

    List<Task> reports = cycle.tasks(CycleProcess.Activity.REPORT_OWN_ITEMS);
    assertThat(reports).extracting(Task::getAssignee).as("one task per owner, assigned to them")
        .containsExactlyInAnyOrder(agency.partyGroup(), agency.partyGroup2(), agency.committee());
    Task ownersTask = reports.stream().filter(t -> agency.partyGroup2().equals(t.getAssignee())).findFirst().orElseThrow();
    JsonNode shown = JSON.readTree(engine.getTaskService().getVariable(ownersTask.getId(), CycleProcess.ItemProgress.LIST)
        .toString());
    assertThat(shown).as("李明's own 分管 item only").hasSize(1);
    assertThat(shown.get(0).path("itemNo").asInt()).isEqualTo(5);

    Rest rest = new Rest(port);
    // refused, with the reason and nothing written: another's item, and a person who is not the owner
    Rest.Response foreign = report(rest, ownersTask, List.of(row(5, "inProgress"), row(4, "done")), agency.partyGroup2());
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.body()).contains("序号4不是本人本周期的责任事项");
    Rest.Response missing = report(rest, ownersTask, List.of(), agency.partyGroup2());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("请报告第5项责任事项");
    // the committee supervises every report of the agency (the 六同看板 shows them all) but reports for no one
    Rest.Response committeeReports = report(rest, ownersTask, List.of(row(5, "done")), agency.committee());
    assertThat(committeeReports.status()).as("the committee completes 李明's report").isEqualTo(403);
    for (String stranger : List.of(agency.partyGroup(), agency.secretary(BUDGET), agency.member(AUDIT, 0),
        otherAgency.partyGroup2(), otherAgency.committee())) {
      Rest.Response refused = report(rest, ownersTask, List.of(row(5, "done")), stranger);
      assertThat(refused.status()).as(stranger + " completes 李明's report").isIn(403, 404);
      assertThat(rest.get("/engine-rest/task/" + ownersTask.getId() + "/variables", stranger).status())
          .as(stranger + " reads 李明's report").isIn(403, 404);
    }
    assertThat(count("select count(*) from lt_item_progress where cycle_id = ?", cycle.cycleId())).isZero();

    Rest.Response done = report(rest, ownersTask, List.of(row(5, "done")), agency.partyGroup2());
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(jdbc.queryForMap("select p.round, p.status, p.reported_by, p.branch_code from lt_item_progress p"
        + " join lt_responsibility_item i on i.id = p.item_id where p.cycle_id = ? and i.position = 5", cycle.cycleId()))
        .containsEntry("ROUND", 1).containsEntry("STATUS", "done").containsEntry("REPORTED_BY", agency.partyGroup2())
        .containsEntry("BRANCH_CODE", agency.partyGroupGroup());

    agency.branches().forEach(b -> cycle.reportProgress(b));
    // the committee inspects every branch (as people do, without the driver's owners reporting after the last)
    CycleScenario committee = CycleScenario.resume(engine, cycle.cycleId());
    agency.branches().forEach(b -> committee.inspect(b, "党建与业务同步推进，情况良好", null));
    assertThat(cycle.tasks(CycleProcess.Activity.PUBLISH_BULLETIN)).as("two owners have not reported").isEmpty();
    cycle.reportOwnItems(agency.partyGroup()).reportOwnItems(agency.committee());
    assertThat(cycle.tasks(CycleProcess.Activity.PUBLISH_BULLETIN)).hasSize(1);
    assertThat(count("select count(*) from lt_item_progress p join lt_responsibility_item i on i.id = p.item_id"
        + " where p.cycle_id = ? and i.level <> 'branch'", cycle.cycleId())).as("each owner's item, once").isEqualTo(3);
  }

  private static Map<String, Object> row(int itemNo, String status) {
    return Map.of(CycleProcess.ItemProgress.ITEM_NO, itemNo, CycleProcess.ItemProgress.STATUS, status,
        CycleProcess.ItemProgress.NOTE, "");
  }

  private static Rest.Response report(Rest rest, Task task, List<Map<String, Object>> rows, String user) {
    return rest.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Rest.formVariables(Map.of(CycleProcess.ItemProgress.LIST, rows))), user);
  }
}
