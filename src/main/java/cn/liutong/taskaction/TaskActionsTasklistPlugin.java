package cn.liutong.taskaction;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers the 办理操作 tab with Tasklist (listed in {@code META-INF/services}): its REST resource under
 * {@code /camunda/api/tasklist/plugin/liutong-task-actions/} and its script,
 * {@code plugin-webapp/liutong-task-actions/app/plugin.js} (plugin point {@code tasklist.task.detail}).
 */
public class TaskActionsTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "liutong-task-actions";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(TaskActionsPluginResource.class);
  }
}
