package cn.liutong.organisation;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Service;

import cn.liutong.organisation.Organisation.Agency;
import cn.liutong.organisation.Organisation.Branch;
import cn.liutong.organisation.Organisation.Person;

/**
 * Writes an organisation into Camunda's identity service: agencies as tenants, units as typed groups,
 * people as users with memberships, and what each kind of group may do. Idempotent: what exists is
 * left as it is.
 */
@Service
public class OrganisationWriter {

  private static final String ALL = "*";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final TaskFilters taskFilters;
  private Map<String, String> filterIds = Map.of();

  OrganisationWriter(IdentityService identityService, AuthorizationService authorizationService,
      TaskFilters taskFilters) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.taskFilters = taskFilters;
  }

  /** @param initialPassword the password of a user created now (existing users keep theirs) */
  public void apply(Organisation organisation, Function<Person, String> initialPassword) {
    filterIds = taskFilters.ensure();
    for (Agency agency : organisation.agencies()) {
      tenant(agency.id(), agency.name());
      group(agency, GroupIds.committee(agency.id()), agency.committee().name(), GroupIds.TYPE_COMMITTEE);
      group(agency, GroupIds.partyGroup(agency.id()), agency.partyGroup().name(), GroupIds.TYPE_PARTY_GROUP);
      agency.committee().people().forEach(p -> member(p, GroupIds.committee(agency.id()), initialPassword));
      agency.partyGroup().people().forEach(p -> member(p, GroupIds.partyGroup(agency.id()), initialPassword));
      for (Branch branch : agency.branches()) {
        group(agency, GroupIds.branchMembers(branch.id()), branch.name(), GroupIds.TYPE_BRANCH);
        group(agency, GroupIds.branchSecretaries(branch.id()), branch.name() + "委员会",
            GroupIds.TYPE_BRANCH_SECRETARIES);
        for (Person secretary : branch.secretaries()) {
          member(secretary, GroupIds.branchSecretaries(branch.id()), initialPassword);
          member(secretary, GroupIds.branchMembers(branch.id()), initialPassword);
        }
        branch.members().forEach(p -> member(p, GroupIds.branchMembers(branch.id()), initialPassword));
      }
    }
  }

  private void tenant(String id, String name) {
    if (identityService.createTenantQuery().tenantId(id).count() == 0) {
      var tenant = identityService.newTenant(id);
      tenant.setName(name);
      identityService.saveTenant(tenant);
    }
  }

  private void group(Agency agency, String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      var group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
    if (identityService.createTenantQuery().tenantId(agency.id()).groupMember(id).count() == 0) {
      identityService.createTenantGroupMembership(agency.id(), id);
    }
    GROUP_PERMISSIONS.get(type).forEach(grant -> grant(id, grant.resource(), grant.resourceId(), grant.permissions()));
    TaskFilters.BY_GROUP_TYPE.get(type).forEach(filter -> grant(id, Resources.FILTER, filterIds.get(filter), List.of(Permissions.READ)));
  }

  private void member(Person person, String groupId, Function<Person, String> initialPassword) {
    if (identityService.createUserQuery().userId(person.id()).count() == 0) {
      var user = identityService.newUser(person.id());
      user.setFirstName(person.name());
      user.setLastName("");
      user.setPassword(initialPassword.apply(person));
      identityService.saveUser(user);
    }
    if (identityService.createUserQuery().userId(person.id()).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(person.id(), groupId);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
    boolean exists = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).count() > 0;
    if (exists) {
      return;
    }
    Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    permissions.forEach(authorization::addPermission);
    authorizationService.saveAuthorization(authorization);
  }

  private record Grant(Resource resource, String resourceId, List<Permission> permissions) {
    static Grant of(Resource resource, String resourceId, Permission... permissions) {
      return new Grant(resource, resourceId, Arrays.asList(permissions));
    }
  }

  /**
   * What each kind of group may do beyond its own tasks (task access follows the task's candidate
   * group or assignee, granted by the engine). Tenant checks keep each agency to its own instances.
   */
  private static final Map<String, List<Grant>> GROUP_PERMISSIONS = Map.of(
      GroupIds.TYPE_COMMITTEE, List.of(
          Grant.of(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
          Grant.of(Resources.APPLICATION, "cockpit", Permissions.ACCESS),
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ, Permissions.CREATE_INSTANCE,
              Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK),
          Grant.of(Resources.PROCESS_INSTANCE, ALL, Permissions.CREATE),
          // the committee sees and acts on every task of its own agency (tenant check)
          Grant.of(Resources.TASK, ALL, Permissions.READ, Permissions.UPDATE),
          Grant.of(Resources.DECISION_DEFINITION, ALL, Permissions.READ, Permissions.READ_HISTORY)),
      GroupIds.TYPE_PARTY_GROUP, List.of(
          Grant.of(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
          Grant.of(Resources.APPLICATION, "cockpit", Permissions.ACCESS),
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ, Permissions.READ_INSTANCE,
              Permissions.READ_HISTORY),
          Grant.of(Resources.DECISION_DEFINITION, ALL, Permissions.READ, Permissions.READ_HISTORY)),
      GroupIds.TYPE_BRANCH, List.of(
          Grant.of(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ)),
      GroupIds.TYPE_BRANCH_SECRETARIES, List.of(
          Grant.of(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ)));
}
