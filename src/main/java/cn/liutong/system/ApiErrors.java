package cn.liutong.system;

import java.sql.SQLException;
import java.util.ArrayList;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.dto.ParseExceptionDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * Gives API callers the error they should see, once a command has rolled back (this interceptor sits
 * outside the transaction):
 * <ul>
 * <li>Our forms are checked on the server by task listeners and service tasks ({@link FormCheck}); the
 * engine wraps whatever a listener throws (ENGINE-03051) and the REST API would answer 500. The caller
 * gets the {@link FormFieldValidationException} itself: 400 with the Chinese message.</li>
 * <li>Touching another agency's data fails the engine's tenant check (ENGINE-13034), a plain engine
 * exception the REST API would answer 500 to. The caller gets an {@link AuthorizationException}: 403,
 * naming nothing of the other agency.</li>
 * <li>Every error answer of the JAX-RS applications (engine REST API, webapps' APIs) is rewritten by
 * {@link RestAnswers}: a status that says what happened (a race loser 409, a task gone 404, a request
 * the engine cannot carry out 400) and a Chinese reason, never engine codes, class names or ids; a refused
 * deployment keeps its reasons by element ({@link DeploymentAnswers}).</li>
 * </ul>
 */
@Component
public class ApiErrors extends AbstractProcessEnginePlugin {

  static final String TENANT_CHECK_FAILED = "ENGINE-13034";
  static final String OPTIMISTIC_LOCKING_FAILED = "ENGINE-03005";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    addOutsideTransaction(configuration, new Translate());
  }

  /** Adds an interceptor around every API command, outside (before) its transaction. */
  static void addOutsideTransaction(ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
    var interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<CommandInterceptor>()
        : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(interceptor);
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final String CONFLICT = "该任务刚刚已被他人处理，请刷新后再试";
  static final String NOT_FOUND = "数据不存在，或刚刚已被他人处理";
  static final String BAD_REQUEST = "请求的内容无效，或当前状态不允许此操作";

  /** A JSON error answer in the REST API's shape ({@code type}, {@code message}), with a neutral type. */
  static Response response(Status status, String message) {
    ExceptionDto dto = new ExceptionDto();
    dto.setType(status.getReasonPhrase().replace(" ", ""));
    dto.setMessage(message);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build();
  }

  /** Rewrites the error answers of Camunda's exception mappers; registered with {@link ChangePolicyRestFilter}. */
  @Priority(Priorities.USER)
  public static final class RestAnswers implements ContainerResponseFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RestAnswers.class);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getStatus() < 400 || response.getEntity() == null) {
        return;
      }
      // Camunda's mappers answer with an ExceptionDto; Jackson's and Jersey's own with English text
      ExceptionDto error = response.getEntity() instanceof ExceptionDto dto ? dto : new ExceptionDto();
      Status status = status(error, response.getStatus());
      boolean keepsReason = status == Status.BAD_REQUEST || status == Status.REQUEST_ENTITY_TOO_LARGE
          || status == Status.UNSUPPORTED_MEDIA_TYPE;
      String message = status == Status.SERVICE_UNAVAILABLE ? DatabaseOutage.MESSAGE
          : keepsReason && chinese(error.getMessage()) ? chineseOnly(error.getMessage())
          : status == Status.FORBIDDEN ? (chinese(error.getMessage()) ? error.getMessage() : ChangePolicy.REFUSED)
          : status == Status.NOT_FOUND ? (chinese(error.getMessage()) ? chineseOnly(error.getMessage()) : NOT_FOUND)
          : status == Status.CONFLICT ? (String.valueOf(error.getMessage()).contains(ChangePolicy.COSIGN_PENDING)
              ? ChangePolicy.COSIGN_PENDING : CONFLICT) : BAD_REQUEST;
      if (response.getStatus() >= 500) {
        LOG.warn("{} {} answered {} instead of {}: {} {}", request.getMethod(), request.getUriInfo().getPath(),
            status.getStatusCode(), response.getStatus(), error.getType(), error.getMessage());
      }
      ExceptionDto answer = new ExceptionDto();
      answer.setType(status.getReasonPhrase().replace(" ", ""));
      answer.setMessage(message);
      response.setStatus(status.getStatusCode());
      if (status == Status.SERVICE_UNAVAILABLE) {
        response.getHeaders().putSingle("Retry-After", DatabaseOutage.RETRY_AFTER);
      }
      if (error instanceof ParseExceptionDto parse && status == Status.BAD_REQUEST) {
        response.setEntity(DeploymentAnswers.answer(parse), response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        return;
      }
      response.setEntity(answer, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }

    static Status status(ExceptionDto error, int status) {
      String type = String.valueOf(error.getType());
      String message = String.valueOf(error.getMessage());
      // the database is out of reach (DatabaseOutage): no request is at fault, the caller may try again
      if (type.contains("DatabaseUnavailable") || message.contains(DatabaseOutage.MESSAGE)) {
        return Status.SERVICE_UNAVAILABLE;
      }
      if (type.contains("AuthorizationException") || status == 403) {
        return Status.FORBIDDEN;
      }
      if (error instanceof ParseExceptionDto && status == 400) {
        return Status.BAD_REQUEST;
      }
      // the REST API wraps what a command throws into its own exception: the engine's words tell the cause
      if (type.contains("OptimisticLocking") || type.contains("AlreadyClaimed") || status == 409
          || message.contains(ChangePolicy.COSIGN_PENDING)
          || message.contains(OPTIMISTIC_LOCKING_FAILED) || message.contains("is already claimed")) {
        return Status.CONFLICT;
      }
      if (type.contains("NotFound") || type.contains("NullValue") || status == 404 || message.contains(ChangePolicy.TASK_GONE)
          || message.contains("is null") || message.contains("Cannot find")) {
        return Status.NOT_FOUND;
      }
      if (status >= 500 && (message.contains("SQL") || message.contains("database") || message.contains("Connection"))) {
        return Status.SERVICE_UNAVAILABLE;
      }
      return status == 401 || status == 405 || status == 406 || status == 413 || status == 415
          ? Status.fromStatusCode(status) : Status.BAD_REQUEST;
    }

    /** "Cannot submit task form 1234: 该任务不存在…" → "该任务不存在…": the reason without the English wrapper. */
    private static String chineseOnly(String message) {
      int colon = message.lastIndexOf(": ");
      return colon >= 0 && chinese(message.substring(colon + 2)) ? message.substring(colon + 2) : message;
    }

    private static boolean chinese(String message) {
      return message != null && message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
          && !message.contains("ENGINE-");
    }
  }

  /** A deadlock (SQLSTATE 40P01) or a serialization failure (40001) somewhere in the failure's causes. */
  static boolean concurrentWrite(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if ("40P01".equals(next.getSQLState()) || "40001".equals(next.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static final class Translate extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (FormFieldValidationException | AuthorizationException e) {
        throw e;
      } catch (ProcessEngineException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
          if (cause instanceof FormFieldValidationException validation) {
            throw validation;
          }
        }
        if (e.getMessage() != null && e.getMessage().startsWith(TENANT_CHECK_FAILED)) {
          throw new AuthorizationException("无权访问该数据");
        }
        if (concurrentWrite(e)) {
          // two people's writes crossed (PostgreSQL chose one of them): a race like any other, 409 for the loser,
          // and a job tries again without losing a retry
          throw new OptimisticLockingException(OPTIMISTIC_LOCKING_FAILED + " concurrent write: " + e.getMessage());
        }
        throw e;
      }
    }
  }
}
