package cn.liutong.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.springframework.web.context.support.WebApplicationContextUtils;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;

/**
 * Puts {@link ChangePolicy} in front of every JAX-RS application of the installation: the engine REST API
 * ({@code /engine-rest}) and the webapps' APIs ({@code /camunda/api/engine|cockpit|tasklist|admin|welcome}),
 * plugins included. Jersey finds it through {@code META-INF/services} (auto-discovery), so no application
 * can be mounted without it. It runs after matching: it sees the resource method the request will reach.
 */
@Priority(Priorities.AUTHORIZATION)
public class ChangePolicyRestFilter implements ContainerRequestFilter {

  @Context
  private ServletContext servletContext;

  @Context
  private ResourceInfo resourceInfo;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (resourceInfo.getResourceMethod() == null) {
      return; // nothing matched: Jersey answers 404/405 itself
    }
    ChangePolicy policy = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext)
        .getBean(ChangePolicy.class);
    String operation = ChangePolicy.operation(request.getMethod(), template((ExtendedUriInfo) request.getUriInfo()));
    String taskId = request.getUriInfo().getPathParameters().getFirst("id");
    switch (policy.decide(operation, resourceInfo.getResourceMethod().getName(), taskId)) {
      case REFUSE -> request.abortWith(ApiErrors.response(Response.Status.FORBIDDEN, ChangePolicy.REFUSED));
      case NOT_FOUND -> request.abortWith(ApiErrors.response(Response.Status.NOT_FOUND, ChangePolicy.TASK_GONE));
      case PASS -> {
        // the resource method runs; the engine side of the policy checks what it changes
      }
    }
  }

  /** The matched path template from the application's root, e.g. {@code /task/{id}/claim}. */
  static String template(ExtendedUriInfo uriInfo) {
    List<String> parts = new ArrayList<>();
    for (UriTemplate template : uriInfo.getMatchedTemplates()) {
      parts.add(template.getTemplate());
    }
    Collections.reverse(parts);
    return String.join("/", parts);
  }

  /**
   * A JSON body must parse once, without duplicate keys (Jackson would silently keep the last) and without
   * hidden characters in any key or text ({@link CleanText}); refused with 400 before any resource sees it.
   */
  @Priority(Priorities.ENTITY_CODER)
  public static final class CleanJsonBodies implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) throws IOException {
      if (!request.hasEntity() || request.getMediaType() == null
          || !request.getMediaType().isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)) {
        return;
      }
      byte[] body = request.getEntityStream().readAllBytes();
      request.setEntityStream(new java.io.ByteArrayInputStream(body));
      String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
      String problem = text.isBlank() ? null : CleanText.jsonProblem(text);
      if (problem != null) {
        request.abortWith(ApiErrors.response(Response.Status.BAD_REQUEST, "请求内容" + problem));
      }
    }
  }

  /** Registers the policy and the error answers ({@link ApiErrors}) in every Jersey server application. */
  @ConstrainedTo(RuntimeType.SERVER)
  @Priority(AutoDiscoverable.DEFAULT_PRIORITY)
  public static final class Discovery implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(ChangePolicyRestFilter.class)) {
        context.register(ChangePolicyRestFilter.class);
        context.register(CleanJsonBodies.class);
        context.register(ApiErrors.RestAnswers.class);
      }
    }
  }
}
