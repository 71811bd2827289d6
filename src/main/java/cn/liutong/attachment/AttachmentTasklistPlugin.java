package cn.liutong.attachment;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers the 附件 tab with Tasklist (listed in {@code META-INF/services}, found by Camunda's
 * {@code ServiceLoader}): its REST resource under {@code /camunda/api/tasklist/plugin/liutong-attachments/},
 * and its script, {@code plugin-webapp/liutong-attachments/app/plugin.js}, which Tasklist loads by itself
 * (plugin point {@code tasklist.task.detail}). The 六同看板 in Cockpit reads the same resource.
 */
public class AttachmentTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "liutong-attachments";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(AttachmentPluginResource.class);
  }
}
