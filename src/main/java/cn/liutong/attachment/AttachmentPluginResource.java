package cn.liutong.attachment;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * The webapps' door to attachments, behind Camunda's session login and CSRF check (the session's user,
 * groups and tenants are the engine's current authentication, which {@link Attachments} reads):
 * <ul>
 * <li>{@code GET …/{engine}/task/{taskId}}: the task's work's files, and whether the caller may add one;</li>
 * <li>{@code POST …/{engine}/task/{taskId}}: the file as the request body, its name in {@code X-File-Name}
 * (URI-encoded UTF-8);</li>
 * <li>{@code GET …/{engine}/attachment/{id}/data[?inline=true]} and {@code DELETE …/{engine}/attachment/{id}};</li>
 * <li>{@code GET …/{engine}/branch?cycle=…&branch=…}: a branch's files of a cycle, for the 六同看板.</li>
 * </ul>
 * Jersey creates this class per request, outside Spring: the service comes from the application context.
 */
@Path("plugin/" + AttachmentTasklistPlugin.ID)
public class AttachmentPluginResource extends AbstractTasklistPluginRootResource {

  public AttachmentPluginResource() {
    super(AttachmentTasklistPlugin.ID);
  }

  @GET
  @Path("{engine}/task/{taskId}")
  @Produces(MediaType.APPLICATION_JSON)
  public Attachments.TaskAttachments ofTask(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return answer(engine, attachments -> attachments.ofTask(taskId));
  }

  @POST
  @Path("{engine}/task/{taskId}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Attachments.Summary upload(@PathParam("engine") String engine, @PathParam("taskId") String taskId,
      @HeaderParam("X-File-Name") String encodedName, @HeaderParam("Content-Length") long length, InputStream body) {
    return answer(engine, attachments -> attachments.upload(taskId, fileName(encodedName), length, body));
  }

  @DELETE
  @Path("{engine}/attachment/{attachmentId}")
  public Response delete(@PathParam("engine") String engine, @PathParam("attachmentId") String attachmentId) {
    answer(engine, attachments -> {
      attachments.delete(attachmentId);
      return null;
    });
    return Response.noContent().build();
  }

  @GET
  @Path("{engine}/attachment/{attachmentId}/data")
  public Response data(@PathParam("engine") String engine, @PathParam("attachmentId") String attachmentId,
      @QueryParam("inline") boolean inline) {
    Attachments.Download download = answer(engine, attachments -> attachments.open(attachmentId));
    Response.ResponseBuilder response = Response.ok(download.content());
    DownloadHeaders.of(download, inline).forEach(response::header);
    return response.build();
  }

  @GET
  @Path("{engine}/branch")
  @Produces(MediaType.APPLICATION_JSON)
  public List<Attachments.Summary> ofBranch(@PathParam("engine") String engine, @QueryParam("cycle") String cycle,
      @QueryParam("branch") String branch) {
    return answer(engine, attachments -> attachments.ofBranch(cycle, branch).orElseThrow(AttachmentRefused::notFound));
  }

  /** The name as the browser sent it, URI-encoded UTF-8 (HTTP headers carry no Chinese). */
  private static String fileName(String encoded) {
    try {
      return encoded == null ? null : URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AttachmentRefused(400, "文件名的编码无效");
    }
  }

  /** Runs the call on the service of this engine; a refusal becomes the REST API's error answer. */
  private <T> T answer(String engine, Function<Attachments, T> call) {
    try {
      return call.apply(attachments(engine));
    } catch (AttachmentRefused refused) {
      throw new RestException(Status.fromStatusCode(refused.status()), refused.getMessage());
    }
  }

  private Attachments attachments(String engine) {
    var context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    Attachments attachments = context.getBean(Attachments.class);
    if (!context.getBean(ProcessEngine.class).getName().equals(engine)) {
      throw new RestException(Status.NOT_FOUND, "未找到该流程引擎");
    }
    return attachments;
  }
}
