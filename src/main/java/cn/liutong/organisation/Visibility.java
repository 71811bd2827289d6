package cn.liutong.organisation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

import cn.liutong.system.Caller;
import cn.liutong.system.EngineReads;

/**
 * What the caller of {@code /api} (or of the Cockpit dashboard) may see, from the engine's current
 * authentication that the REST filter or the webapp session put on the request:
 * administrators everything; the committee and the party group their whole agency; a branch secretary
 * the rows of their own branches; a member only their own pledges. Agencies are the caller's tenants.
 * <p>
 * The city's work committee (机关工委) is in no tenant: {@link #scope()} shows it nothing, so the ledger API,
 * exports and attachments stay closed to it; {@link #dashboardScope()}, read only by the 六同看板, shows it
 * every agency whole.
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
    return scope(false);
  }

  /**
   * The view of the 六同看板 (dashboard and city overview, read-only): as {@link #scope()}, and the city
   * committee sees every agency whole.
   */
  public Scope dashboardScope() {
    return scope(true);
  }

  /** Whether the caller oversees every agency: the city committee (机关工委) or an administrator. */
  public boolean overseesAllAgencies() {
    Caller caller = Caller.current(identityService);
    return caller.signedIn() && (caller.isAdministrator() || inCityCommittee(caller));
  }

  private boolean inCityCommittee(Caller caller) {
    List<String> groupIds = caller.groupIds();
    return !groupIds.isEmpty() && EngineReads.withoutCaller(identityService, () -> identityService.createGroupQuery()
        .groupIdIn(groupIds.toArray(String[]::new)).groupType(GroupIds.TYPE_CITY_COMMITTEE).count() > 0);
  }

  private Scope scope(boolean dashboard) {
    Caller caller = Caller.current(identityService);
    if (!caller.signedIn()) {
      return new Scope(null, Set.of(), Set.of(), Set.of());
    }
    List<String> groupIds = caller.groupIds();
    if (caller.isAdministrator() || dashboard && inCityCommittee(caller)) {
      // the city committee may read no tenant in the engine: the list is read as the system
      Set<String> all = new HashSet<>(EngineReads.withoutCaller(identityService,
          () -> identityService.createTenantQuery().list().stream().map(Tenant::getId).toList()));
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
