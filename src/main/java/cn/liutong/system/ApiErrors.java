package cn.liutong.system;

import java.util.ArrayList;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

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
 * </ul>
 */
@Component
public class ApiErrors extends AbstractProcessEnginePlugin {

  static final String TENANT_CHECK_FAILED = "ENGINE-13034";

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
        throw e;
      }
    }
  }
}
