package cn.liutong.organisation;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.springframework.stereotype.Component;

/**
 * Counts a task list with the engine's per-task form of the authorization check when the caller reads tasks
 * by per-task grants. The engine has two SQL forms for the check of a task query: a join of the caller's grants
 * to every task the other criteria leave, on {@code RESOURCE_ID_ IN (task, definition, '*')} (its default when
 * no REVOKE exists), and a test per task in subqueries that look up the grant by the task's id (the form it
 * uses when REVOKEs must be checked). Both give the same tasks. The join is quick for a caller who reads every
 * task of the agency by one grant (the committee: a handful of grant rows) and for a list, which stops at its
 * first page; it is slow for the count of a caller who holds a grant per task (a branch secretary holds one for
 * each of their branch's 1,000 open tasks at 50,000), since PostgreSQL can neither hash nor index that
 * disjunction and compares every pair. Measured at 50,000 open tasks (README "Benchmark", p50): a secretary's
 * three counts 96, 84 and 56 ms joined, 42, 33 and 36 ms per task; the committee's count of every overdue task
 * 24 ms joined, 197 ms per task, of all 50,000 tasks 43 ms joined, 1782 ms per task.
 * So a count uses the per-task form unless the caller may read every task (READ on all tasks or READ_TASK on
 * all process definitions); lists, counts of named tasks, and revoke checks configured "always" or "never" keep
 * the engine's choice.
 */
@Component
class TaskCountChecks extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new Factory());
    configuration.setCustomSessionFactories(factories);
  }

  /** Opens {@link Counts} wherever the engine asks for its {@link TaskManager}. */
  static final class Factory implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return TaskManager.class;
    }

    @Override
    public Session openSession() {
      return new Counts();
    }
  }

  /** The engine's task manager, with the check's form chosen per caller for counts. */
  static final class Counts extends TaskManager {

    @Override
    public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
      configureQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      if (check.isAuthorizationCheckEnabled() && !check.isRevokeAuthorizationCheckEnabled() && revokesAuto()
          && !byId(query) && !readsEveryTask(check)) {
        // no REVOKE exists (the engine looked, as "auto" does): the per-task form answers the same, by index per task
        check.setRevokeAuthorizationCheckEnabled(true);
      }
      return (Long) getDbEntityManager().selectOne("selectTaskCountByQueryCriteria", query);
    }

    /**
     * Only when the engine decides by looking for REVOKEs ("auto", its default): under "never" REVOKEs that exist
     * are ignored, and the per-task form, which honours them, would answer differently.
     */
    private static boolean revokesAuto() {
      String mode = Context.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
      return mode == null || ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO.equalsIgnoreCase(mode);
    }

    /**
     * A count of named tasks (whether the caller may see this task: {@code ChangePolicy} asks on every
     * completion) finds a row or two either way; it is left as the engine plans it, without the lookup below.
     */
    private static boolean byId(TaskQueryImpl query) {
      return query.getTaskId() != null || query.getTaskIdIn() != null && query.getTaskIdIn().length > 0;
    }

    /** One statement: READ on every task, or READ_TASK on every process definition (built in the command). */
    private boolean readsEveryTask(AuthorizationCheck check) {
      CompositePermissionCheck everyTask = new PermissionCheckBuilder().disjunctive()
          .atomicCheckForResourceId(Resources.TASK, "*", Permissions.READ)
          .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "*", Permissions.READ_TASK)
          .build();
      return getAuthorizationManager().isAuthorized(check.getAuthUserId(), check.getAuthGroupIds(), everyTask);
    }
  }
}
