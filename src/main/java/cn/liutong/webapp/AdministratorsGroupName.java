package cn.liutong.webapp;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Camunda creates the administrators' group {@code camunda-admin} with the English name "camunda BPM
 * Administrators", which Admin and the Welcome page show. Its id is what the engine checks; only the name
 * shown to people is set to Chinese, at every start (it is left alone if an administrator renamed it).
 */
@Component
class AdministratorsGroupName {

  static final String NAME = "系统管理员组";
  private static final String CAMUNDA_NAME = "camunda BPM Administrators";

  private final IdentityService identityService;

  AdministratorsGroupName(IdentityService identityService) {
    this.identityService = identityService;
  }

  @EventListener(ApplicationReadyEvent.class)
  void nameInChinese() {
    Group group = identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).singleResult();
    if (group != null && (group.getName() == null || CAMUNDA_NAME.equals(group.getName()))) {
      group.setName(NAME);
      identityService.saveGroup(group);
    }
  }
}
