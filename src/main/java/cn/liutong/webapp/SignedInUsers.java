package cn.liutong.webapp;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

import cn.liutong.organisation.GroupIds;

/**
 * Describes a user in the organisation's words from their Camunda groups and tenants. A person who holds
 * several roles is shown in the one that acts for the most: committee, then party group, then branch
 * secretary, then member. What Tasklist offers follows the engine's authorizations, as Camunda checks them
 * when the person uses it.
 */
@Service
public class SignedInUsers {

  static final String ADMINISTRATOR = "系统管理员";
  static final String SEPARATOR = " · ";
  static final int MAX_PEOPLE = 5000;

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final RepositoryService repositoryService;

  SignedInUsers(IdentityService identityService, AuthorizationService authorizationService,
      RepositoryService repositoryService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.repositoryService = repositoryService;
  }

  /** The role of a unit's group, by its Camunda group type, most acting first. */
  enum Role {
    CITY_COMMITTEE(GroupIds.TYPE_CITY_COMMITTEE, "机关工委委员"),
    COMMITTEE(GroupIds.TYPE_COMMITTEE, "机关党委委员"),
    PARTY_GROUP_SECRETARY(GroupIds.TYPE_PARTY_GROUP_SECRETARY, "党组书记"),
    PARTY_GROUP(GroupIds.TYPE_PARTY_GROUP, "党组成员"),
    SECRETARY(GroupIds.TYPE_BRANCH_SECRETARIES, "支部书记"),
    MEMBER(GroupIds.TYPE_BRANCH, "党员");

    final String groupType;
    final String label;

    Role(String groupType, String label) {
      this.groupType = groupType;
      this.label = label;
    }

    static Optional<Role> of(Group group) {
      for (Role role : values()) {
        if (role.groupType.equals(group.getType())) {
          return Optional.of(role);
        }
      }
      return Optional.empty();
    }
  }

  public Optional<SignedInUser> describe(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return Optional.empty();
    }
    List<Group> groups = identityService.createGroupQuery().groupMember(userId).list();
    List<String> groupIds = groups.stream().map(Group::getId).toList();
    boolean administrator = groupIds.contains(Groups.CAMUNDA_ADMIN);
    Map<String, String> agencies = new LinkedHashMap<>();
    var tenants = identityService.createTenantQuery().orderByTenantId().asc();
    (administrator ? tenants : tenants.userMember(userId).includingGroupsOfUser(true)).list()
        .forEach(t -> agencies.put(t.getId(), t.getName()));

    String agencyName = agencies.size() == 1 && !administrator ? agencies.values().iterator().next() : "";
    String unit;
    String role;
    Optional<Group> acting = groups.stream().filter(g -> Role.of(g).isPresent())
        .min(Comparator.comparing((Group g) -> Role.of(g).orElseThrow()).thenComparing(Group::getId));
    if (acting.isPresent()) {
      Role actingRole = Role.of(acting.get()).orElseThrow();
      Group unitGroup = actingRole == Role.SECRETARY ? branchOf(acting.get())
          : actingRole == Role.PARTY_GROUP_SECRETARY ? partyGroupOf(groups).orElse(acting.get()) : acting.get();
      unit = unitGroup.getName();
      role = actingRole.label;
      agencyName = agencyOf(unitGroup).orElse(agencyName);
    } else if (administrator) {
      unit = "";
      role = ADMINISTRATOR;
    } else {
      unit = "";
      role = "";
    }
    return Optional.of(new SignedInUser(userId, name(user), agencyName, unit, role,
        header(agencyName, unit, role), agencies, people(agencies.keySet(), administrator),
        mayStartProcess(userId, groupIds), mayCreateTask(userId, groupIds)));
  }

  /** The party group the party group's secretary belongs to (he is one of its members). */
  private static Optional<Group> partyGroupOf(List<Group> groups) {
    return groups.stream().filter(g -> GroupIds.TYPE_PARTY_GROUP.equals(g.getType())).findFirst();
  }

  /**
   * Everyone in the person's agencies (whose groups belong to the agency's tenant); the administrator sees
   * every agency's work and so everyone, up to a bound.
   */
  private Map<String, String> people(Collection<String> agencyIds, boolean administrator) {
    Map<String, String> people = new TreeMap<>();
    if (administrator) {
      identityService.createUserQuery().listPage(0, MAX_PEOPLE).forEach(u -> people.put(u.getId(), name(u)));
      return people;
    }
    for (String agencyId : agencyIds) {
      for (Group group : identityService.createGroupQuery().memberOfTenant(agencyId).list()) {
        identityService.createUserQuery().memberOfGroup(group.getId()).list()
            .forEach(u -> people.put(u.getId(), name(u)));
      }
    }
    return people;
  }

  private Group branchOf(Group secretaries) {
    Group branch = identityService.createGroupQuery().groupId(GroupIds.branchOfSecretaries(secretaries.getId()))
        .singleResult();
    return branch != null ? branch : secretaries;
  }

  private Optional<String> agencyOf(Group unit) {
    return identityService.createTenantQuery().groupMember(unit.getId()).list().stream().findFirst()
        .map(Tenant::getName);
  }

  /** "市财政局 · 预算处党支部 · 支部书记"; a unit already named after its agency is not prefixed again. */
  static String header(String agencyName, String unit, String role) {
    StringBuilder header = new StringBuilder();
    if (!agencyName.isEmpty() && !unit.startsWith(agencyName)) {
      header.append(agencyName);
    }
    for (String part : List.of(unit, role)) {
      if (!part.isEmpty()) {
        header.append(header.isEmpty() ? "" : SEPARATOR).append(part);
      }
    }
    return header.toString();
  }

  private static String name(User user) {
    String first = user.getFirstName() == null ? "" : user.getFirstName().trim();
    String last = user.getLastName() == null ? "" : user.getLastName().trim();
    // Imported people carry their whole name as first name; Camunda's administrator is "系统" + "管理员".
    // Chinese names are written without a space.
    String name = first + last;
    return name.isEmpty() ? user.getId() : name;
  }

  /** As Tasklist's start dialog asks ({@code startablePermissionCheck}): create an instance of some definition. */
  private boolean mayStartProcess(String userId, List<String> groupIds) {
    if (!authorizationService.isUserAuthorized(userId, groupIds, Permissions.CREATE, Resources.PROCESS_INSTANCE)) {
      return false;
    }
    return repositoryService.createProcessDefinitionQuery().latestVersion().active().startableInTasklist().list()
        .stream().anyMatch(d -> authorizationService.isUserAuthorized(userId, groupIds, Permissions.CREATE_INSTANCE,
            Resources.PROCESS_DEFINITION, d.getKey()));
  }

  private boolean mayCreateTask(String userId, List<String> groupIds) {
    return authorizationService.isUserAuthorized(userId, groupIds, Permissions.CREATE, Resources.TASK);
  }
}
