package cn.liutong.organisation;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.liutong.organisation.Organisation.Person;

/**
 * Imports a whole organisation in one step: reads and checks every row as the file streams in, then, in one
 * transaction that holds the import lock, checks the file against what exists and applies the difference,
 * so a file is imported entirely or not at all.
 * <p>
 * One import at a time, also across nodes: the transaction locks the row {@code organisation-import} of
 * {@code lt_lock} ({@code select ... for update nowait}); a second import while one runs is refused at once
 * with {@link ImportInProgressException} rather than waiting behind a long one.
 * <p>
 * Once committed, {@link OrganisationImported} tells the rest of the application (open tasks of people who left or
 * moved are handed over before the import returns).
 */
@Service
class OrganisationImport {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** PostgreSQL's SQLSTATE when {@code nowait} finds the row locked; H2 answers with its lock timeout. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final int H2_LOCK_TIMEOUT = 50200;
  private static final Logger LOG = LoggerFactory.getLogger(OrganisationImport.class);

  private final OrganisationWriter writer;
  private final IdentityTables tables;
  private final BranchRegistry branches;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final String configuredAdministrator;
  private final ApplicationEventPublisher events;

  OrganisationImport(OrganisationWriter writer, IdentityTables tables, BranchRegistry branches, JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      @Value("${camunda.bpm.admin-user.id:admin}") String configuredAdministrator, ApplicationEventPublisher events) {
    this.writer = writer;
    this.tables = tables;
    this.branches = branches;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.configuredAdministrator = configuredAdministrator;
    this.events = events;
  }

  /** Another import holds the lock. */
  static final class ImportInProgressException extends RuntimeException {
    ImportInProgressException(Throwable cause) {
      super("another organisation import is running", cause);
    }
  }

  /**
   * @throws InvalidOrganisationException when the file has problems; then nothing is written
   * @throws ImportInProgressException when another import is running; then nothing is written
   */
  public ImportSummary importCsv(InputStream csv, Function<Person, String> initialPassword) {
    long start = System.nanoTime();
    OrganisationCsv file = OrganisationCsv.parse(csv);
    long read = System.nanoTime();
    long[] checked = new long[1];
    Set<String> agencies = new HashSet<>();
    ImportSummary summary = transaction.execute(status -> {
      lock();
      Organisation organisation = file.check(new Existing());
      checked[0] = System.nanoTime();
      organisation.agencies().forEach(agency -> agencies.add(agency.id()));
      return writer.apply(organisation, initialPassword);
    });
    events.publishEvent(new OrganisationImported(Set.copyOf(agencies)));
    long end = System.nanoTime();
    LOG.info("Organisation file of {} rows read in {} ms, checked in {} ms, applied in {} ms: {}", file.rowCount(),
        (read - start) / 1_000_000, (checked[0] - read) / 1_000_000, (end - checked[0]) / 1_000_000, summary);
    return summary;
  }

  public ImportSummary importCsv(byte[] csv, Function<Person, String> initialPassword) {
    return importCsv(new ByteArrayInputStream(csv), initialPassword);
  }

  private void lock() {
    try {
      jdbc.queryForList("select name from lt_lock where name = 'organisation-import' for update nowait");
    } catch (DataAccessException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof SQLException sql
            && (LOCK_NOT_AVAILABLE.equals(sql.getSQLState()) || sql.getErrorCode() == H2_LOCK_TIMEOUT)) {
          throw new ImportInProgressException(e);
        }
      }
      throw e;
    }
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

  /** What exists, read in bulk from the identity tables inside the import's transaction. */
  private final class Existing implements OrganisationCsv.Existing {

    private Set<String> administrators;
    private Map<String, OrganisationCsv.ExistingGroup> groups;
    private Map<String, String> agenciesOfBranches;

    @Override
    public boolean isAdministrator(String userId) {
      if (administrators == null) {
        administrators = new HashSet<>(jdbc.queryForList("select USER_ID_ from ACT_ID_MEMBERSHIP where GROUP_ID_ = ?",
            String.class, Groups.CAMUNDA_ADMIN));
        administrators.add(configuredAdministrator);
      }
      return administrators.contains(userId);
    }

    @Override
    public Map<String, Set<String>> agenciesOfUsers(Collection<String> userIds) {
      return tables.tenantsOfUsers(userIds);
    }

    @Override
    public OrganisationCsv.ExistingGroup group(String groupId) {
      if (groups == null) {
        groups = tables.groups();
      }
      return groups.get(groupId);
    }

    @Override
    public String agencyOfBranch(String branchId) {
      if (agenciesOfBranches == null) {
        agenciesOfBranches = branches.agencies();
      }
      return agenciesOfBranches.get(branchId);
    }
  }
}
