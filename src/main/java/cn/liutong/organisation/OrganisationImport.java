package cn.liutong.organisation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.liutong.organisation.Organisation.Person;

/**
 * Imports a whole organisation in one step: checks all of the file first, then applies the difference in
 * one transaction (the identity service joins it), so a file is imported entirely or not at all.
 */
@Service
class OrganisationImport {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = LoggerFactory.getLogger(OrganisationImport.class);

  private final OrganisationWriter writer;
  private final IdentityService identityService;
  private final BranchRegistry branches;

  private final String configuredAdministrator;

  OrganisationImport(OrganisationWriter writer, IdentityService identityService, BranchRegistry branches,
      @Value("${camunda.bpm.admin-user.id:admin}") String configuredAdministrator) {
    this.writer = writer;
    this.identityService = identityService;
    this.branches = branches;
    this.configuredAdministrator = configuredAdministrator;
  }

  /** @throws InvalidOrganisationException when the file has problems; then nothing is written */
  @Transactional
  public ImportSummary importCsv(byte[] csv, Function<Person, String> initialPassword) {
    long start = System.nanoTime();
    Organisation organisation = OrganisationCsv.read(csv, new Existing());
    long checked = System.nanoTime();
    ImportSummary summary = writer.apply(organisation, initialPassword);
    LOG.info("Organisation file of {} bytes checked in {} ms, applied in {} ms", csv.length,
        (checked - start) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
    return summary;
  }

  /**
   * The password of a user created by an upload: a secret nobody is told, so the account cannot be used
   * until an administrator sets a password in Camunda Admin. (No password at all would make Camunda's
   * password check throw at that user's login instead of refusing it.)
   */
  static String unusablePassword(Person person) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  private final class Existing implements OrganisationCsv.Existing {

    private Set<String> administrators;

    @Override
    public boolean isAdministrator(String userId) {
      if (administrators == null) {
        administrators = identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list().stream()
            .map(User::getId).collect(Collectors.toSet());
        administrators.add(configuredAdministrator);
      }
      return administrators.contains(userId);
    }

    /** One query per 500 ids finds who exists; only they are asked for their agencies. */
    @Override
    public Map<String, Set<String>> agenciesOfUsers(Collection<String> userIds) {
      List<String> ids = List.copyOf(userIds);
      Map<String, Set<String>> agencies = new HashMap<>();
      for (int i = 0; i < ids.size(); i += 500) {
        String[] chunk = ids.subList(i, Math.min(ids.size(), i + 500)).toArray(String[]::new);
        identityService.createUserQuery().userIdIn(chunk).list().forEach(user -> agencies.put(user.getId(),
            identityService.createTenantQuery().userMember(user.getId()).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).collect(Collectors.toSet())));
      }
      return agencies;
    }

    @Override
    public OrganisationCsv.ExistingGroup group(String groupId) {
      Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
      return group == null ? null : new OrganisationCsv.ExistingGroup(group.getType(),
          identityService.createTenantQuery().groupMember(groupId).list().stream().map(Tenant::getId)
              .collect(Collectors.toSet()));
    }

    @Override
    public String agencyOfBranch(String branchId) {
      BranchRegistry.Entry entry = branches.find(branchId);
      return entry == null ? null : entry.agencyId();
    }
  }
}
