package cn.liutong.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.support.LargeAgency;
import cn.liutong.support.Rest;

/**
 * One {@code integrated-cycle} of a {@link LargeAgency}, driven through the REST API as Tasklist does
 * ({@code submit-form}), each step by the user whose role it is (passwords equal user ids).
 */
public final class RestCycle {

  private final Rest rest;
  private final LargeAgency agency;
  private final String key;
  private String id;

  public RestCycle(Rest rest, LargeAgency agency) {
    this(rest, agency, CycleProcess.KEY);
  }

  /** @param key the process definition key (a copy of the model under another key, for comparisons) */
  public RestCycle(Rest rest, LargeAgency agency, String key) {
    this.rest = rest;
    this.agency = agency;
    this.key = key;
  }

  public String id() {
    return id;
  }

  public RestCycle start() {
    var started = rest.post("/engine-rest/process-definition/key/" + key + "/submit-form",
        Map.of("variables", Rest.formVariables(CycleDriver.startForm())), agency.committee());
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    id = started.json().path("id").asText();
    return this;
  }

  /** Plans and decomposes (every goal and every branch has an item): every branch's sign-for task is open. */
  public RestCycle toSignFor() {
    complete(agency.committee(), "Task_DraftGoals", Map.of("goals", CycleDriver.goals()));
    complete(agency.partyGroup(), "Task_ApproveGoals", Map.of("goalsDecision", "approved"));
    complete(agency.committee(), "Task_DecomposeGoals", Map.of("items", CycleDriver.items(agency.owners())));
    return this;
  }

  public void complete(String user, String activityId, Map<String, Object> form) {
    var response = submit(user, taskOf(user, activityId), form);
    assertThat(response.status()).as(user + " completes " + activityId + ": " + response.body()).isEqualTo(204);
  }

  public Rest.Response submit(String user, String taskId, Map<String, Object> form) {
    return rest.post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Rest.formVariables(form)), user);
  }

  /** Each owner of party group or committee items reports on their own, each item as the form lists it. */
  public void reportOwnItems(List<String> owners) {
    for (String owner : owners) {
      var task = rest.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=Task_ReportOwnItems&assignee="
          + owner, owner).json().get(0).path("id").asText();
      var rows = rest.get("/engine-rest/task/" + task + "/localVariables/itemProgress?deserializeValue=false", owner).json();
      try {
        var list = new com.fasterxml.jackson.databind.ObjectMapper().readValue(rows.path("value").asText(), List.class);
        var response = submit(owner, task, Map.of("itemProgress", list));
        assertThat(response.status()).as(owner + " reports on their items: " + response.body()).isEqualTo(204);
      } catch (java.io.IOException e) {
        throw new AssertionError(rows.toString(), e);
      }
    }
  }

  /** The first task at the activity that the user sees in this cycle. */
  public String taskOf(String user, String activityId) {
    var response = rest.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=" + activityId, user);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> tasks = new ArrayList<>();
    response.json().forEach(tasks::add);
    assertThat(tasks).as(user + " sees a task at " + activityId).isNotEmpty();
    return tasks.get(0).path("id").asText();
  }
}
