package cn.liutong.organisation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The organisation as the processes see it at the moment they ask: routing expressions in the models
 * ({@code ${organisation.committee(agencyId)}}) and the sets of branches and members a stage fans out
 * to. Nothing is cached, so a branch added next month takes part in the next cycle.
 */
@Component("organisation")
public class OrganisationDirectory {

  /** How the owner select names the party group's secretary. */
  private static final String PARTY_GROUP_SECRETARY = "党组书记·第一责任人";

  private final IdentityService identityService;

  OrganisationDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  public record BranchRef(String code, String name) {
  }

  public String committee(String agencyId) {
    return GroupIds.committee(agencyId);
  }

  public String partyGroup(String agencyId) {
    return GroupIds.partyGroup(agencyId);
  }

  public String branchSecretaries(String branchCode) {
    return GroupIds.branchSecretaries(branchCode);
  }

  /** The agency's branches, ordered by code so every stage and report lists them alike. */
  public List<BranchRef> branches(String agencyId) {
    return identityService.createGroupQuery().groupType(GroupIds.TYPE_BRANCH).memberOfTenant(agencyId)
        .list().stream()
        .sorted(Comparator.comparing(Group::getId))
        .map(g -> new BranchRef(g.getId(), g.getName()))
        .toList();
  }

  /** The agency's branches as the options of a form's select field ({@code valuesKey}). */
  public List<Map<String, String>> branchOptions(String agencyId) {
    return branches(agencyId).stream().map(b -> Map.of("label", b.name(), "value", b.code())).toList();
  }

  /**
   * The units an item of the three-level responsibility list may belong to, as a form's select offers them: the
   * party group (党组领导), the committee (机关党委加强) and each branch (党支部落实); the value is the unit's group id.
   */
  public List<Map<String, String>> unitOptions(String agencyId) {
    return units(agencyId).stream().map(unit -> Map.of("label", unit.getName(), "value", unit.getId())).toList();
  }

  /**
   * Everyone who may own an item of the agency, as a form's select offers them: each person once, with the units
   * they belong to, the party group's secretary first as 党组书记 (第一责任人).
   */
  public List<Map<String, String>> ownerOptions(String agencyId) {
    Map<String, List<String>> unitsOf = new LinkedHashMap<>();
    List<String> secretaries = peopleOf(GroupIds.partyGroupSecretary(agencyId));
    secretaries.forEach(id -> unitsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(PARTY_GROUP_SECRETARY));
    for (Group unit : units(agencyId)) {
      boolean partyGroup = GroupIds.TYPE_PARTY_GROUP.equals(unit.getType());
      peopleOf(unit.getId()).stream().filter(id -> !(partyGroup && secretaries.contains(id)))
          .forEach(id -> unitsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(unit.getName()));
    }
    Map<String, String> names = userNames(unitsOf.keySet());
    return unitsOf.entrySet().stream().map(e -> Map.of("label", names.getOrDefault(e.getKey(), e.getKey()) + "（"
        + String.join("、", e.getValue()) + "）", "value", e.getKey())).toList();
  }

  /** The party group, the committee, then the branches by code. */
  private List<Group> units(String agencyId) {
    List<Group> units = new ArrayList<>(identityService.createGroupQuery()
        .groupIdIn(partyGroup(agencyId), committee(agencyId)).list());
    units.sort(Comparator.comparing(g -> GroupIds.TYPE_PARTY_GROUP.equals(g.getType()) ? 0 : 1));
    units.addAll(identityService.createGroupQuery().groupType(GroupIds.TYPE_BRANCH).memberOfTenant(agencyId).list()
        .stream().sorted(Comparator.comparing(Group::getId)).toList());
    return units;
  }

  /** Whether the person belongs to the group (a unit of {@link #unitOptions}). */
  public boolean isMember(String userId, String groupId) {
    return identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
  }

  /** The user ids of a branch's members (its secretaries included). */
  public List<String> memberIds(String branchCode) {
    return identityService.createUserQuery().memberOfGroup(GroupIds.branchMembers(branchCode))
        .orderByUserId().asc().list().stream().map(User::getId).toList();
  }

  /** The user ids of a group's members (the agency's committee or party group), by id. */
  public List<String> peopleOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .map(User::getId).toList();
  }

  /** People's names (first and last name as Camunda Admin shows them) by user id; the id where none. */
  public Map<String, String> userNames(Collection<String> userIds) {
    List<String> ids = userIds.stream().filter(Objects::nonNull).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    return identityService.createUserQuery().userIdIn(ids.toArray(String[]::new)).list().stream()
        .collect(Collectors.toMap(User::getId, OrganisationDirectory::fullName));
  }

  private static String fullName(User user) {
    String name = (Objects.toString(user.getFirstName(), "") + Objects.toString(user.getLastName(), "")).trim();
    return name.isEmpty() ? user.getId() : name;
  }

  /** Agencies' names by tenant id; the id where a tenant has no name. */
  public Map<String, String> agencyNames(Collection<String> agencyIds) {
    if (agencyIds.isEmpty()) {
      return Map.of();
    }
    return identityService.createTenantQuery().tenantIdIn(agencyIds.toArray(String[]::new)).list().stream()
        .collect(Collectors.toMap(Tenant::getId, t -> t.getName() == null ? t.getId() : t.getName()));
  }
}
