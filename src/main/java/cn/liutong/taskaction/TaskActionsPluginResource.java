package cn.liutong.taskaction;

import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

/**
 * The webapps' door to the task actions, behind Camunda's session login and CSRF check (the session's user,
 * groups and tenants are the engine's current authentication, which {@link TaskActions} reads):
 * {@code GET …/{engine}/task/{taskId}} what the caller may do, {@code POST …/{engine}/task/{taskId}/{action}} do it.
 * Jersey creates this class per request, outside Spring: the service comes from the application context.
 */
@Path("plugin/" + TaskActionsTasklistPlugin.ID)
public class TaskActionsPluginResource extends AbstractTasklistPluginRootResource {

  public TaskActionsPluginResource() {
    super(TaskActionsTasklistPlugin.ID);
  }

  @GET
  @Path("{engine}/task/{taskId}")
  @Produces(MediaType.APPLICATION_JSON)
  public TaskActions.Available available(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return answer(engine, actions -> actions.available(taskId));
  }

  @POST
  @Path("{engine}/task/{taskId}/{action}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public TaskActions.Done perform(@PathParam("engine") String engine, @PathParam("taskId") String taskId,
      @PathParam("action") String action, String body) {
    return answer(engine, actions -> actions.perform(taskId, action, body));
  }

  private <T> T answer(String engine, Function<TaskActions, T> call) {
    var context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    if (!context.getBean(ProcessEngine.class).getName().equals(engine)) {
      throw new RestException(Status.NOT_FOUND, "未找到该流程引擎");
    }
    try {
      return call.apply(context.getBean(TaskActions.class));
    } catch (TaskActionRefused refused) {
      throw new RestException(Status.fromStatusCode(refused.status()), refused.getMessage());
    }
  }
}
