package cn.liutong.organisation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

import cn.liutong.system.Caller;

/**
 * What the caller of {@code /api} (or of the Cockpit dashboard) may see, from the engine's current
 * authentication that the REST filter or the webapp session put on the request:
 * administrators everything; the committee and the party group their whole agency; a branch secretary
 * the rows of their own branches; a member only their own pledges. Agencies are the caller's tenants.
 */
@Component
public class Visibility {

  private final IdentityService identityService;

  Visibility(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The caller's view: agencies seen whole, branches seen, and who they are. */
  public record Scope(String userId, Set<String> agencies, Set<String> wholeAgencies, Set<String> branches) {

    public boolean seesCycleOf(String agencyId) {
      return agencies.contains(agencyId);
    }

    /** Whether the agency's own rows (not of one branch, e.g. the committee's steps) are visible. */
    public boolean seesWholeAgency(String agencyId) {
      return wholeAgencies.contains(agencyId);
    }

    /** Whether rows of this branch in this agency are visible. */
    public boolean seesBranch(String agencyId, String branchCode) {
      return wholeAgencies.contains(agencyId) || (agencies.contains(agencyId) && branches.contains(branchCode));
    }
  }

  public Scope scope() {
    Caller caller = Caller.current(identityService);
    if (!caller.signedIn()) {
      return new Scope(null, Set.of(), Set.of(), Set.of());
    }
    List<String> groupIds = caller.groupIds();
    if (caller.isAdministrator()) {
      Set<String> all = new HashSet<>(identityService.createTenantQuery().list().stream().map(Tenant::getId).toList());
      return new Scope(caller.userId(), all, all, Set.of());
    }
    Set<String> agencies = Set.copyOf(caller.tenantIds());
    Set<String> whole = new HashSet<>();
    Set<String> branches = new HashSet<>();
    List<Group> groups = groupIds.isEmpty() ? List.of()
        : identityService.createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).list();
    for (Group group : groups) {
      switch (String.valueOf(group.getType())) {
        case GroupIds.TYPE_COMMITTEE, GroupIds.TYPE_PARTY_GROUP ->
            identityService.createTenantQuery().groupMember(group.getId()).list().forEach(t -> whole.add(t.getId()));
        case GroupIds.TYPE_BRANCH_SECRETARIES -> branches.add(GroupIds.branchOfSecretaries(group.getId()));
        default -> { }
      }
    }
    whole.retainAll(agencies);
    return new Scope(caller.userId(), agencies, whole, branches);
  }
}
