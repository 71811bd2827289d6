package cn.liutong.dashboard;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Registers the 六同看板 with Cockpit (listed in {@code META-INF/services}, found by Camunda's
 * {@code ServiceLoader}): its REST resource under {@code /camunda/api/cockpit/plugin/liutong-dashboard/},
 * and its page, {@code plugin-webapp/liutong-dashboard/app/plugin.js} on the classpath, which Cockpit
 * loads by itself for every registered plugin.
 */
public class DashboardCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "liutong-dashboard";
  /** The page's route in Cockpit, as plugin.js registers it. */
  static final String ROUTE = "/liutong-dashboard";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(DashboardPluginResource.class);
  }
}
