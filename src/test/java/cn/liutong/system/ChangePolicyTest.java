package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.tasklist.impl.web.TasklistApplication;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthenticationResource;
import org.camunda.bpm.welcome.impl.web.WelcomeApplication;
import org.junit.jupiter.api.Test;

import cn.liutong.system.RestOperations.Operation;

/**
 * The policy refuses by default: every operation the REST API and the webapps' APIs offer, read from
 * their own JAX-RS annotations, is refused to a person unless it reads or {@link ChangePolicy#ALLOWED}
 * names it. A new endpoint in a Camunda upgrade is refused until someone allows it here.
 */
class ChangePolicyTest {

  static RestOperations all() {
    List<Class<?>> roots = new ArrayList<>(CamundaRestResources.getResourceClasses());
    roots.add(UserAuthenticationResource.class); // the webapps' login, mounted by the admin application
    roots.addAll(safeClasses(new EngineRestApplication()));
    roots.addAll(safeClasses(new AdminApplication()));
    roots.addAll(safeClasses(new CockpitApplication()));
    roots.addAll(safeClasses(new TasklistApplication()));
    roots.addAll(safeClasses(new WelcomeApplication()));
    roots.add(cn.liutong.attachment.AttachmentPluginResource.class); // our Tasklist plugin's upload and delete
    roots.add(cn.liutong.taskaction.TaskActionsPluginResource.class); // the 办理操作 tab's actions
    return RestOperations.of(roots);
  }

  /** The applications' own classes; plugin classes need the running webapp and are covered over HTTP. */
  private static Set<Class<?>> safeClasses(jakarta.ws.rs.core.Application application) {
    try {
      return application.getClasses();
    } catch (RuntimeException e) {
      return Set.of();
    }
  }

  @Test
  void everyChangingOperationIsRefusedUnlessAllowed() {
    Set<String> allowed = new TreeSet<>();
    Set<String> refused = new TreeSet<>();
    for (Operation operation : all().all()) {
      if (operation.changes()) {
        (ChangePolicy.allowed(operation.key(), operation.javaMethod()) ? allowed : refused).add(operation.key());
      }
    }
    System.out.printf("ChangePolicy: %d changing operations, %d allowed to persons, %d refused%n",
        allowed.size() + refused.size(), allowed.size(), refused.size());
    assertThat(refused).contains("POST /task/{id}/bpmnError", "POST /task/{id}/bpmnEscalation", "DELETE /task/{id}",
        "PUT /job/{id}/retries", "PUT /job/{id}/duedate", "PUT /job-definition/{id}/suspended", "POST /message",
        "POST /signal", "POST /condition", "PUT /process-instance/{id}/variables/{varId}",
        "DELETE /process-instance/{id}/variables/{varId}", "POST /execution/{id}/localVariables",
        "POST /task/{id}/identity-links", "PUT /task/{id}/localVariables/{varId}", "DELETE /user/{id}",
        "PUT /user/{id}/profile", "PUT /group/{id}/members/{userId}", "DELETE /task/{id}/attachment/{attachmentId}",
        "POST /process-definition/{id}/start", "PUT /task/{id}", "POST /task/create");
    assertThat(allowed).as("only what the policy names, and reads sent as POST")
        .allMatch(key -> ChangePolicy.ALLOWED.containsKey(key) || key.startsWith("POST "));
  }

  @Test
  void everyAllowedOperationExistsInTheApi() {
    Set<String> keys = new TreeSet<>();
    all().all().forEach(operation -> keys.add(operation.key()));
    assertThat(keys).containsAll(ChangePolicy.ALLOWED.keySet());
  }

  @Test
  void queriesSentAsPostReadOnly() {
    Set<String> queries = new TreeSet<>();
    for (Operation operation : all().all()) {
      if (operation.changes() && ChangePolicy.allowed(operation.key(), operation.javaMethod())
          && !ChangePolicy.ALLOWED.containsKey(operation.key())) {
        queries.add(operation.key() + " " + operation.javaMethod());
      }
    }
    assertThat(queries).allMatch(query -> query.startsWith("POST ") && query.contains(" query"));
  }
}
