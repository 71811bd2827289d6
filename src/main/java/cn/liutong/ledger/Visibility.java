package cn.liutong.ledger;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

/**
 * Which agencies the caller of {@code /api} may see: their own (Camunda tenant memberships, set on the
 * request by the REST authentication filter), all of them for administrators.
 */
@Component
class Visibility {

  private final IdentityService identityService;

  Visibility(IdentityService identityService) {
    this.identityService = identityService;
  }

  List<String> agencies() {
    var authentication = identityService.getCurrentAuthentication();
    if (authentication == null) {
      return List.of();
    }
    if (authentication.getGroupIds() != null && authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return identityService.createTenantQuery().list().stream().map(Tenant::getId).toList();
    }
    return authentication.getTenantIds() == null ? List.of() : authentication.getTenantIds();
  }

  boolean sees(String agencyId) {
    return agencyId != null && agencies().contains(agencyId);
  }
}
