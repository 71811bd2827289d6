package cn.liutong.organisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Service;

import cn.liutong.organisation.IdentityTables.Membership;
import cn.liutong.organisation.Organisation.Agency;
import cn.liutong.organisation.Organisation.Branch;
import cn.liutong.organisation.Organisation.CityCommittee;
import cn.liutong.organisation.Organisation.Person;

/**
 * Makes Camunda's identity tables match an organisation, agency by agency: agencies as tenants, units as
 * typed groups, people as users with memberships, and what each kind of group may do. What matches is left
 * as it is, so applying the same organisation twice writes nothing. Users are never deleted and a branch
 * that is gone is only detached from its agency: history and completed tasks keep naming them.
 * Holds no state between imports; {@link OrganisationImport} makes sure only one runs at a time.
 */
@Service
class OrganisationWriter {

  private static final String ALL = "*";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrganisationWriter.class);

  private final IdentityTables tables;
  private final TaskFilters taskFilters;
  private final BranchRegistry branches;

  OrganisationWriter(IdentityTables tables, TaskFilters taskFilters, BranchRegistry branches) {
    this.tables = tables;
    this.taskFilters = taskFilters;
    this.branches = branches;
  }

  private record GroupSpec(String id, String name, String type) {
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
   * changed, all other agencies are left alone. For each agency what exists is read in a few queries, the
   * difference computed in memory and written in one JDBC batch per kind of row ({@link IdentityTables}).
   *
   * @param initialPassword the password of a user created now (existing users keep theirs)
   */
  ImportSummary apply(Organisation organisation, Function<Person, String> initialPassword) {
    var tally = new Tally();
    long start = System.nanoTime();
    Map<String, String> filterIds = taskFilters.ensure();
    LOG.debug("Task filters ensured in {} ms", (System.nanoTime() - start) / 1_000_000);
    for (Agency agency : organisation.agencies()) {
      long agencyStart = System.nanoTime();
      apply(agency.id(), agency.name(), groups(agency), people(agency), memberships(agency), filterIds,
          initialPassword, tally);
      long written = System.nanoTime();
      tally.updated += branches.saveAll(agency.id(), agency.branches());
      LOG.debug("Agency {}: identity tables in {} ms, branches in {} ms", agency.id(), (written - agencyStart) / 1_000_000,
          (System.nanoTime() - written) / 1_000_000);
    }
    for (CityCommittee committee : organisation.cityCommittees()) {
      String groupId = GroupIds.cityCommittee(committee.id());
      apply(groupId, null, List.of(new GroupSpec(groupId, committee.unit().name(), GroupIds.TYPE_CITY_COMMITTEE)),
          committee.unit().people(),
          committee.unit().people().stream().map(p -> new Membership(groupId, p.id())).collect(Collectors.toSet()),
          filterIds, initialPassword, tally);
    }
    return tally.summary();
  }

  /**
   * @param tenantId the agency's tenant; for a city committee, which has none, its group id
   * @param tenantName the agency's name; null for a city committee: no tenant is made and no group attached
   */
  private void apply(String tenantId, String tenantName, List<GroupSpec> groups, Collection<Person> people,
      Set<Membership> memberships, Map<String, String> filterIds, Function<Person, String> initialPassword,
      Tally tally) {
    long start = System.nanoTime();
    IdentityTables.Snapshot before = tables.read(tenantId, groups.stream().map(GroupSpec::id).toList(),
        people.stream().map(Person::id).toList());
    var changes = new IdentityTables.Changes(tenantId);
    boolean tenant = tenantName != null;
    if (tenant && before.tenant() == null) {
      changes.newTenant(tenantName);
      tally.agenciesCreated++;
    } else if (tenant && !tenantName.equals(before.tenant().name())) {
      changes.renameTenant(tenantName, before.tenant().revision());
      tally.updated++;
    }
    Set<String> grants = new HashSet<>(before.grants());
    for (GroupSpec spec : groups) {
      group(spec, tenant, before, grants, filterIds, changes, tally);
    }
    for (Person person : people) {
      IdentityTables.Named user = before.users().get(person.id());
      if (user == null) {
        changes.newUser(person);
        tally.usersCreated++;
      } else if (!person.name().equals(user.name())) {
        changes.renameUser(person.id(), person.name(), user);
        tally.updated++;
      }
    }
    for (Membership membership : memberships) {
      if (!before.memberships().contains(membership)) {
        changes.addMembership(membership);
        tally.membershipsAdded++;
      }
    }
    prune(groups, memberships, before, changes, tally);
    long compared = System.nanoTime();
    tables.write(changes, initialPassword);
    LOG.debug("{}: read and compared in {} ms, identity tables written in {} ms", tenantId,
        (compared - start) / 1_000_000, (System.nanoTime() - compared) / 1_000_000);
  }

  private static void group(GroupSpec spec, boolean tenant, IdentityTables.Snapshot before, Set<String> grants,
      Map<String, String> filterIds, IdentityTables.Changes changes, Tally tally) {
    IdentityTables.GroupRow group = before.groups().get(spec.id());
    if (group == null) {
      changes.newGroup(spec.id(), spec.name(), spec.type());
      tally.groupsCreated++;
    } else if (!spec.name().equals(group.name())) {
      changes.renameGroup(spec.id(), spec.name(), group);
      tally.updated++;
    }
    if (tenant && !before.typesOfTenantGroups().containsKey(spec.id())) {
      changes.attach(spec.id());
      tally.branchesReattached += group != null && GroupIds.TYPE_BRANCH.equals(spec.type()) ? 1 : 0;
    }
    List<Grant> wanted = new ArrayList<>(GROUP_PERMISSIONS.get(spec.type()));
    TaskFilters.BY_GROUP_TYPE.getOrDefault(spec.type(), List.of())
        .forEach(filter -> wanted.add(Grant.of(Resources.FILTER, filterIds.get(filter), Permissions.READ)));
    for (Grant grant : wanted) {
      var groupGrant = new IdentityTables.GroupGrant(spec.id(), grant.resource().resourceType(), grant.resourceId(),
          grant.permissions());
      if (grants.add(groupGrant.key())) {
        changes.grant(groupGrant);
      }
    }
  }

  /**
   * Removes what the organisation no longer lists from the agency's groups: a member who moved leaves the
   * old branch, a group that is gone leaves the agency's tenant (so new cycles do not fan out to it).
   * Groups of other types (made by hand in Camunda Admin) are not ours to change.
   */
  private static void prune(List<GroupSpec> groups, Set<Membership> memberships, IdentityTables.Snapshot before,
      IdentityTables.Changes changes, Tally tally) {
    // the agency's groups: those in its tenant, and those of the file that exist (a detached branch is back)
    Map<String, String> types = new LinkedHashMap<>(before.typesOfTenantGroups());
    groups.stream().filter(g -> before.groups().containsKey(g.id())).forEach(g -> types.putIfAbsent(g.id(), g.type()));
    Set<String> wanted = groups.stream().map(GroupSpec::id).collect(Collectors.toSet());
    Set<Membership> existing = before.memberships();
    existing.stream().filter(m -> types.containsKey(m.groupId()) && GROUP_PERMISSIONS.containsKey(types.get(m.groupId()))
            && !memberships.contains(m))
        .forEach(membership -> {
          changes.removeMembership(membership);
          tally.membershipsRemoved++;
        });
    types.forEach((groupId, type) -> {
      if (GROUP_PERMISSIONS.containsKey(type) && !wanted.contains(groupId)) {
        changes.detach(groupId);
        tally.branchesDetached += GroupIds.TYPE_BRANCH.equals(type) ? 1 : 0;
      }
    });
  }

  private static List<GroupSpec> groups(Agency agency) {
    var groups = new ArrayList<GroupSpec>();
    groups.add(new GroupSpec(GroupIds.committee(agency.id()), agency.committee().name(), GroupIds.TYPE_COMMITTEE));
    groups.add(new GroupSpec(GroupIds.partyGroup(agency.id()), agency.partyGroup().name(), GroupIds.TYPE_PARTY_GROUP));
    if (!agency.partyGroup().secretaries().isEmpty()) {
      groups.add(new GroupSpec(GroupIds.partyGroupSecretary(agency.id()), agency.partyGroup().name() + "书记",
          GroupIds.TYPE_PARTY_GROUP_SECRETARY));
    }
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
    agency.partyGroup().secretaries()
        .forEach(p -> memberships.add(new Membership(GroupIds.partyGroupSecretary(agency.id()), p.id())));
    for (Branch branch : agency.branches()) {
      for (Person secretary : branch.secretaries()) {
        memberships.add(new Membership(GroupIds.branchSecretaries(branch.id()), secretary.id()));
        memberships.add(new Membership(GroupIds.branchMembers(branch.id()), secretary.id()));
      }
      branch.members().forEach(p -> memberships.add(new Membership(GroupIds.branchMembers(branch.id()), p.id())));
    }
    return memberships;
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
          // and asks the party group to adjust a running cycle's goals and items (周期中调整)
          Grant.of(Resources.PROCESS_DEFINITION, "cycle-adjustment", Permissions.CREATE_INSTANCE),
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
          Grant.of(Resources.PROCESS_DEFINITION, ALL, Permissions.READ)),
      // 党组书记: a party group member as well; the group names the 第一责任人 and grants nothing more
      GroupIds.TYPE_PARTY_GROUP_SECRETARY, List.of(
          Grant.of(Resources.APPLICATION, "tasklist", Permissions.ACCESS)),
      // Cockpit for the 六同看板 only: no process definition, instance, task or history grant, and no tenant,
      // so the engine shows the city committee nothing of any agency's processes (CityCommitteeAttackTest)
      GroupIds.TYPE_CITY_COMMITTEE, List.of(
          Grant.of(Resources.APPLICATION, "cockpit", Permissions.ACCESS)));
}
