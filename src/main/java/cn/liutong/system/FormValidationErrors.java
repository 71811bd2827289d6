package cn.liutong.system;

import java.util.ArrayList;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Our forms are checked on the server by task listeners and service tasks ({@link FormCheck}); the
 * engine wraps whatever a listener throws (ENGINE-03051), and the REST API turns a wrapped exception into
 * HTTP 500. This interceptor sits outside the transaction: once the command has rolled back, it hands the
 * caller the {@link FormFieldValidationException} itself, which the REST API answers with 400 and the
 * Chinese message.
 */
@Component
public class FormValidationErrors extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<CommandInterceptor>()
        : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Unwrap());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class Unwrap extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
          if (cause instanceof FormFieldValidationException validation) {
            throw validation;
          }
        }
        throw e;
      }
    }
  }
}
