package cn.liutong.system;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * An agency is a Camunda tenant; models are shared (deployed without tenant). Each instance takes its
 * agency from, in this order: the caller process instance, an {@code agencyId} variable given at start
 * (only one of the starting user's own agencies), or the starting user's single agency. Tenant checks
 * then keep every agency to its own instances, tasks and history.
 */
@Component
public class TenantFromContextProvider extends AbstractProcessEnginePlugin implements TenantIdProvider {

  public static final String AGENCY_ID = "agencyId";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    if (ctx.getSuperExecution() != null) {
      return ctx.getSuperExecution().getTenantId();
    }
    Object requested = ctx.getVariables().get(AGENCY_ID);
    List<String> own = authenticatedTenants();
    if (requested != null) {
      String agency = requested.toString();
      if (own != null && !own.contains(agency) && !isAdministrator()) {
        throw new ProcessEngineException("不能为其他机关单位发起流程：" + agency);
      }
      return agency;
    }
    if (own != null && own.size() == 1) {
      return own.get(0);
    }
    return null;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
    if (ctx.getExecution() != null) {
      return ctx.getExecution().getTenantId();
    }
    return null;
  }

  private static boolean isAdministrator() {
    return Caller.ofCommand().isAdministrator();
  }

  /** The current user's agencies, or null when no user is authenticated (engine-internal starts). */
  private static List<String> authenticatedTenants() {
    Caller caller = Caller.ofCommand();
    return caller.signedIn() ? caller.tenantIds() : null;
  }
}
