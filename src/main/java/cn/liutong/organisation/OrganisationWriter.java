package cn.liutong.organisation;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import cn.liutong.organisation.Organisation.Agency;
import cn.liutong.organisation.Organisation.Branch;
import cn.liutong.organisation.Organisation.Person;

/**
 * Makes Camunda's identity service match an organisation, agency by agency: agencies as tenants, units as
 * typed groups, people as users with memberships, and what each kind of group may do. What matches is left
 * as it is, so applying the same organisation twice writes nothing. Users are never deleted and a branch
 * that is gone is only detached from its agency: history and completed tasks keep naming them.
 */
@Service
class OrganisationWriter {

  private static final String ALL = "*";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final TaskFilters taskFilters;
  private final BranchRegistry branches;
  private final Supplier<CommandExecutor> commandExecutor;
  private Map<String, String> filterIds = Map.of();

  OrganisationWriter(IdentityService identityService, AuthorizationService authorizationService,
      TaskFilters taskFilters, BranchRegistry branches, ObjectProvider<ProcessEngine> engine) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.taskFilters = taskFilters;
    this.branches = branches;
    this.commandExecutor = () -> ((ProcessEngineImpl) engine.getObject()).getProcessEngineConfiguration()
        .getCommandExecutorTxRequired();
  }

  private record GroupSpec(String id, String name, String type) {
  }

  private record Membership(String groupId, String userId) {
  }

  /** Counts what one application of an organisation changed. */
  private static final class Tally {
    int agenciesCreated;
    int usersCreated;
    int groupsCreated;
    int updated;
    int membershipsAdded;
    int membershipsRemoved;
    int branchesDetached;
    int branchesReattached;

    ImportSummary summary() {
      return new ImportSummary(agenciesCreated, usersCreated, groupsCreated, updated, membershipsAdded,
          membershipsRemoved, branchesDetached, branchesReattached);
    }
  }

  /**
   * Call inside a transaction (see {@link OrganisationImport}): the agencies of {@code organisation} are
   * changed, all other agencies are left alone. What exists is read up front, a query per kind instead of
   * one per person; the writes go in engine commands of {@value #CHUNK} people each, so that the engine
   * sends its inserts in JDBC batches without sorting one huge flush (a 5,000-row file took two minutes
   * when each person was its own round of queries and commands). All commands join the one transaction.
   *
   * @param initialPassword the password of a user created now (existing users keep theirs)
   */
  ImportSummary apply(Organisation organisation, Function<Person, String> initialPassword) {
    var tally = new Tally();
    filterIds = taskFilters.ensure();
    for (Agency agency : organisation.agencies()) {
      List<GroupSpec> groups = groups(agency);
      var existing = new Existing(agency, groups);
      inCommand(() -> {
        tenant(agency, tally);
        groups.forEach(group -> group(agency.id(), group, existing, tally));
      });
      Set<Membership> memberships = memberships(agency);
      Map<String, List<Membership>> membershipsOfUser = memberships.stream()
          .filter(m -> !existing.memberships.contains(m)).collect(Collectors.groupingBy(Membership::userId));
      for (List<Person> people : chunks(List.copyOf(people(agency)))) {
        inCommand(() -> people.forEach(person -> {
          user(person, existing, initialPassword, tally);
          membershipsOfUser.getOrDefault(person.id(), List.of()).forEach(membership -> {
            identityService.createMembership(membership.userId(), membership.groupId());
            tally.membershipsAdded++;
          });
        }));
      }
      inCommand(() -> prune(agency.id(), groups, memberships, existing, tally));
      for (Branch branch : agency.branches()) {
        tally.updated += branches.save(branch.id(), agency.id(), branch.kind()) ? 1 : 0;
      }
    }
    return tally.summary();
  }

  private void inCommand(Runnable writes) {
    commandExecutor.get().execute(context -> {
      writes.run();
      return null;
    });
  }

  /** What the database holds for an agency's groups and people before the import writes. */
  private final class Existing {
    final Map<String, Group> groups = new HashMap<>();
    final Set<String> groupsInTenant;
    final Map<String, User> users = new HashMap<>();
    final Set<Membership> memberships = new HashSet<>();
    final Set<String> grants = new HashSet<>();

    Existing(Agency agency, List<GroupSpec> specs) {
      List<String> groupIds = specs.stream().map(GroupSpec::id).toList();
      chunks(groupIds).forEach(chunk -> identityService.createGroupQuery().groupIdIn(chunk.toArray(String[]::new)).list()
          .forEach(group -> groups.put(group.getId(), group)));
      groupsInTenant = identityService.createGroupQuery().memberOfTenant(agency.id()).list().stream().map(Group::getId)
          .collect(Collectors.toSet());
      List<String> userIds = people(agency).stream().map(Person::id).toList();
      chunks(userIds).forEach(chunk -> identityService.createUserQuery().userIdIn(chunk.toArray(String[]::new)).list()
          .forEach(user -> users.put(user.getId(), user)));
      for (String groupId : groups.keySet()) {
        identityService.createUserQuery().memberOfGroup(groupId).list()
            .forEach(user -> memberships.add(new Membership(groupId, user.getId())));
      }
      chunks(groupIds).forEach(chunk -> authorizationService.createAuthorizationQuery().groupIdIn(chunk.toArray(String[]::new))
          .list().forEach(a -> grants.add(grantKey(a.getGroupId(), a.getResourceType(), a.getResourceId()))));
    }
  }

  private static final int CHUNK = 500;

  private static <T> List<List<T>> chunks(List<T> list) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < list.size(); i += CHUNK) {
      chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
    }
    return chunks;
  }

  private static String grantKey(String groupId, int resourceType, String resourceId) {
    return groupId + "|" + resourceType + "|" + resourceId;
  }

  private static List<GroupSpec> groups(Agency agency) {
    var groups = new ArrayList<GroupSpec>();
    groups.add(new GroupSpec(GroupIds.committee(agency.id()), agency.committee().name(), GroupIds.TYPE_COMMITTEE));
    groups.add(new GroupSpec(GroupIds.partyGroup(agency.id()), agency.partyGroup().name(), GroupIds.TYPE_PARTY_GROUP));
    for (Branch branch : agency.branches()) {
      groups.add(new GroupSpec(GroupIds.branchMembers(branch.id()), branch.name(), GroupIds.TYPE_BRANCH));
      groups.add(new GroupSpec(GroupIds.branchSecretaries(branch.id()), branch.name() + "委员会",
          GroupIds.TYPE_BRANCH_SECRETARIES));
    }
    return groups;
  }

  /** Everyone in the agency once (a person may sit in the committee and in a branch). */
  private static Collection<Person> people(Agency agency) {
    var people = new LinkedHashMap<String, Person>();
    Stream.concat(Stream.of(agency.committee(), agency.partyGroup()).flatMap(unit -> unit.people().stream()),
        agency.branches().stream().flatMap(b -> Stream.concat(b.secretaries().stream(), b.members().stream())))
        .forEach(person -> people.putIfAbsent(person.id(), person));
    return people.values();
  }

  /** Secretaries are members of their branch too: member tasks and the branch's own lists include them. */
  private static Set<Membership> memberships(Agency agency) {
    var memberships = new LinkedHashSet<Membership>();
    agency.committee().people().forEach(p -> memberships.add(new Membership(GroupIds.committee(agency.id()), p.id())));
    agency.partyGroup().people().forEach(p -> memberships.add(new Membership(GroupIds.partyGroup(agency.id()), p.id())));
    for (Branch branch : agency.branches()) {
      for (Person secretary : branch.secretaries()) {
        memberships.add(new Membership(GroupIds.branchSecretaries(branch.id()), secretary.id()));
        memberships.add(new Membership(GroupIds.branchMembers(branch.id()), secretary.id()));
      }
      branch.members().forEach(p -> memberships.add(new Membership(GroupIds.branchMembers(branch.id()), p.id())));
    }
    return memberships;
  }

  private void tenant(Agency agency, Tally tally) {
    Tenant tenant = identityService.createTenantQuery().tenantId(agency.id()).singleResult();
    if (tenant == null) {
      tenant = identityService.newTenant(agency.id());
      tally.agenciesCreated++;
    } else if (agency.name().equals(tenant.getName())) {
      return;
    } else {
      tally.updated++;
    }
    tenant.setName(agency.name());
    identityService.saveTenant(tenant);
  }

  private void group(String agencyId, GroupSpec spec, Existing existing, Tally tally) {
    Group group = existing.groups.get(spec.id());
    boolean existed = group != null;
    if (!existed) {
      group = identityService.newGroup(spec.id());
      group.setType(spec.type());
      tally.groupsCreated++;
    } else if (!spec.name().equals(group.getName())) {
      tally.updated++;
    }
    if (!spec.name().equals(group.getName())) {
      group.setName(spec.name());
      identityService.saveGroup(group);
    }
    if (!existing.groupsInTenant.contains(spec.id())) {
      identityService.createTenantGroupMembership(agencyId, spec.id());
      tally.branchesReattached += existed && GroupIds.TYPE_BRANCH.equals(spec.type()) ? 1 : 0;
    }
    GROUP_PERMISSIONS.get(spec.type())
        .forEach(grant -> grant(spec.id(), grant.resource(), grant.resourceId(), grant.permissions(), existing));
    TaskFilters.BY_GROUP_TYPE.get(spec.type())
        .forEach(filter -> grant(spec.id(), Resources.FILTER, filterIds.get(filter), List.of(Permissions.READ), existing));
  }

  private void user(Person person, Existing existing, Function<Person, String> initialPassword, Tally tally) {
    User user = existing.users.get(person.id());
    if (user == null) {
      user = identityService.newUser(person.id());
      user.setLastName("");
      user.setPassword(initialPassword.apply(person));
      tally.usersCreated++;
    } else if (person.name().equals(user.getFirstName())) {
      return;
    } else {
      tally.updated++;
    }
    user.setFirstName(person.name());
    identityService.saveUser(user);
  }

  /**
   * Removes what the organisation no longer lists from the agency's groups: a member who moved leaves the
   * old branch, a group that is gone leaves the agency's tenant (so new cycles do not fan out to it).
   * Groups of other types (made by hand in Camunda Admin) are not ours to change.
   */
  private void prune(String agencyId, List<GroupSpec> groups, Set<Membership> memberships, Existing existing,
      Tally tally) {
    Set<String> wanted = groups.stream().map(GroupSpec::id).collect(Collectors.toSet());
    for (Group group : identityService.createGroupQuery().memberOfTenant(agencyId).list()) {
      if (!GROUP_PERMISSIONS.containsKey(group.getType())) {
        continue;
      }
      // a group created by this import has only the members it asks for; one it had has those read up front
      boolean created = wanted.contains(group.getId()) && !existing.groups.containsKey(group.getId());
      List<String> members = created ? List.of() : existing.groups.containsKey(group.getId())
          ? existing.memberships.stream().filter(m -> m.groupId().equals(group.getId())).map(Membership::userId).toList()
          : identityService.createUserQuery().memberOfGroup(group.getId()).list().stream().map(User::getId).toList();
      for (String userId : members) {
        if (!memberships.contains(new Membership(group.getId(), userId))) {
          identityService.deleteMembership(userId, group.getId());
          tally.membershipsRemoved++;
        }
      }
      if (!wanted.contains(group.getId())) {
        identityService.deleteTenantGroupMembership(agencyId, group.getId());
        tally.branchesDetached += GroupIds.TYPE_BRANCH.equals(group.getType()) ? 1 : 0;
      }
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, List<Permission> permissions,
      Existing existing) {
    if (!existing.grants.add(grantKey(groupId, resource.resourceType(), resourceId))) {
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
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ, Permissions.READ_INSTANCE,
              Permissions.READ_HISTORY, Permissions.READ_TASK),
          // the committee starts cycles; rectifications and public feedback are started by the system
          Grant.of(Resources.PROCESS_DEFINITION, "integrated-cycle", Permissions.CREATE_INSTANCE),
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
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ),
          // members apply for 党员先锋岗/示范窗口 (start form fields only, see ChangePolicy); the branch is
          // taken from who starts, never from the form
          Grant.of(Resources.PROCESS_DEFINITION, "vanguard-post", Permissions.CREATE_INSTANCE),
          Grant.of(Resources.PROCESS_INSTANCE, ALL, Permissions.CREATE)),
      GroupIds.TYPE_BRANCH_SECRETARIES, List.of(
          Grant.of(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ)));
}
