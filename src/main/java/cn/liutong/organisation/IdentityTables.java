package cn.liutong.organisation;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.ResourceAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Camunda's identity tables ({@code ACT_ID_*}) and authorizations ({@code ACT_RU_AUTHORIZATION}) read and
 * written in bulk, for the organisation import: a few queries and one JDBC batch per kind of change instead
 * of the identity service's round of queries and commands per person (20,000 rows took a minute that way).
 * The reads are whole tables, joined and filtered here: on PostgreSQL right after a large import the
 * statistics are stale and a join planned on them took minutes, and on H2 long IN lists were slow; these
 * tables hold a row per person or per group, tens of thousands at most.
 * <p>
 * The rows are those the engine writes (columns and values of its 7.24 mappings
 * {@code org/camunda/bpm/engine/impl/mapping/entity/*.xml}: REV_ 1 on insert, REV_ + 1 on update, ids from
 * the engine's {@code IdGenerator}). What the engine decides stays with the engine: passwords are hashed and
 * salted by {@link UserEntity#encryptPassword()}, and the default authorizations of a new user, group,
 * membership and tenant membership come from the engine's {@link ResourceAuthorizationProvider}, as when
 * the identity service creates them; removing a membership removes the authorizations the engine removes.
 * Joins the caller's transaction.
 */
@Repository
class IdentityTables {

  private final JdbcTemplate jdbc;
  private final Supplier<ProcessEngineConfigurationImpl> engine;

  IdentityTables(JdbcTemplate jdbc, ObjectProvider<ProcessEngine> engine) {
    this.jdbc = jdbc;
    this.engine = () -> ((ProcessEngineImpl) engine.getObject()).getProcessEngineConfiguration();
  }

  record Named(String name, int revision) {
  }

  record GroupRow(String name, String type, int revision) {
  }

  record Membership(String groupId, String userId) {
  }

  record GroupGrant(String groupId, int resourceType, String resourceId, List<Permission> permissions) {

    String key() {
      return grantKey(groupId, resourceType, resourceId);
    }
  }

  static String grantKey(String groupId, int resourceType, String resourceId) {
    return groupId + "|" + resourceType + "|" + resourceId;
  }

  /** What the tables hold for one agency before an import changes it. */
  record Snapshot(Named tenant, Map<String, GroupRow> groups, Map<String, String> typesOfTenantGroups,
      Map<String, Named> users, Set<Membership> memberships, Set<String> grants) {
  }

  /**
   * @param groupIds the agency's groups as the file has them
   * @param userIds everyone in the agency as the file has them
   */
  Snapshot read(String tenantId, Collection<String> groupIds, Collection<String> userIds) {
    List<Named> tenants = jdbc.query("select NAME_, REV_ from ACT_ID_TENANT where ID_ = ?",
        (rs, i) -> new Named(rs.getString(1), rs.getInt(2)), tenantId);
    Map<String, String> typesOfTenantGroups = new HashMap<>();
    jdbc.query("select g.ID_, g.TYPE_ from ACT_ID_TENANT_MEMBER t join ACT_ID_GROUP g on g.ID_ = t.GROUP_ID_ "
        + "where t.TENANT_ID_ = ?", rs -> {
          typesOfTenantGroups.put(rs.getString(1), rs.getString(2));
        }, tenantId);
    Set<String> wantedGroups = Set.copyOf(groupIds);
    Set<String> wantedUsers = Set.copyOf(userIds);
    Map<String, GroupRow> groups = new HashMap<>();
    jdbc.query("select ID_, NAME_, TYPE_, REV_ from ACT_ID_GROUP", rs -> {
      if (wantedGroups.contains(rs.getString(1))) {
        groups.put(rs.getString(1), new GroupRow(rs.getString(2), rs.getString(3), rs.getInt(4)));
      }
    });
    Map<String, Named> users = new HashMap<>();
    jdbc.query("select ID_, FIRST_, REV_ from ACT_ID_USER", rs -> {
      if (wantedUsers.contains(rs.getString(1))) {
        users.put(rs.getString(1), new Named(rs.getString(2), rs.getInt(3)));
      }
    });
    Set<String> known = new HashSet<>(groups.keySet());
    known.addAll(typesOfTenantGroups.keySet());
    Set<Membership> members = new HashSet<>();
    jdbc.query("select GROUP_ID_, USER_ID_ from ACT_ID_MEMBERSHIP", rs -> {
      if (known.contains(rs.getString(1))) {
        members.add(new Membership(rs.getString(1), rs.getString(2)));
      }
    });
    Set<String> grants = new HashSet<>();
    jdbc.query("select GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ from ACT_RU_AUTHORIZATION where GROUP_ID_ is not null", rs -> {
      if (known.contains(rs.getString(1))) {
        grants.add(grantKey(rs.getString(1), rs.getInt(2), rs.getString(3)));
      }
    });
    return new Snapshot(tenants.isEmpty() ? null : tenants.get(0), groups, typesOfTenantGroups, users, members, grants);
  }

  /**
   * For each of the users that exist, the tenants they belong to, directly or through their groups; a member
   * of a city committee (in no tenant) belongs to the committee's id, as its import file names it.
   */
  Map<String, Set<String>> tenantsOfUsers(Collection<String> userIds) {
    Map<String, Set<String>> tenantsOfGroups = new HashMap<>();
    jdbc.query("select GROUP_ID_, TENANT_ID_ from ACT_ID_TENANT_MEMBER where GROUP_ID_ is not null", rs -> {
      tenantsOfGroups.computeIfAbsent(rs.getString(1), g -> new HashSet<>()).add(rs.getString(2));
    });
    jdbc.query("select ID_ from ACT_ID_GROUP where TYPE_ = ?", rs -> {
      String group = rs.getString(1);
      if (group.endsWith(GroupIds.cityCommittee(""))) {
        tenantsOfGroups.computeIfAbsent(group, g -> new HashSet<>())
            .add(group.substring(0, group.length() - GroupIds.cityCommittee("").length()));
      }
    }, GroupIds.TYPE_CITY_COMMITTEE);
    Set<String> wanted = Set.copyOf(userIds);
    Map<String, Set<String>> tenants = new HashMap<>();
    jdbc.query("select ID_ from ACT_ID_USER", rs -> {
      if (wanted.contains(rs.getString(1))) {
        tenants.put(rs.getString(1), new HashSet<>());
      }
    });
    jdbc.query("select USER_ID_, GROUP_ID_ from ACT_ID_MEMBERSHIP", rs -> {
      Set<String> ofUser = tenants.get(rs.getString(1));
      if (ofUser != null) {
        ofUser.addAll(tenantsOfGroups.getOrDefault(rs.getString(2), Set.of()));
      }
    });
    jdbc.query("select USER_ID_, TENANT_ID_ from ACT_ID_TENANT_MEMBER where USER_ID_ is not null", rs -> {
      Set<String> ofUser = tenants.get(rs.getString(1));
      if (ofUser != null) {
        ofUser.add(rs.getString(2));
      }
    });
    return tenants;
  }

  /**
   * Every group's type and the tenants it belongs to, in two queries: an import checks each of its units
   * against them, and groups are a few per branch.
   */
  Map<String, OrganisationCsv.ExistingGroup> groups() {
    Map<String, Set<String>> tenants = new HashMap<>();
    jdbc.query("select GROUP_ID_, TENANT_ID_ from ACT_ID_TENANT_MEMBER where GROUP_ID_ is not null", rs -> {
      tenants.computeIfAbsent(rs.getString(1), g -> new HashSet<>()).add(rs.getString(2));
    });
    Map<String, OrganisationCsv.ExistingGroup> groups = new HashMap<>();
    jdbc.query("select ID_, TYPE_ from ACT_ID_GROUP", rs -> {
      groups.put(rs.getString(1), new OrganisationCsv.ExistingGroup(rs.getString(2),
          Set.copyOf(tenants.getOrDefault(rs.getString(1), Set.of()))));
    });
    return groups;
  }

  /** Everything one import changes in one agency, collected first and then written kind by kind. */
  static final class Changes {
    private final String tenantId;
    private String newTenantName;
    private Named renamedTenant;
    private final List<GroupRow> newGroupRows = new ArrayList<>();
    private final List<String> newGroupIds = new ArrayList<>();
    private final List<Object[]> renamedGroups = new ArrayList<>();
    private final List<String> attachedGroups = new ArrayList<>();
    private final List<String> detachedGroups = new ArrayList<>();
    private final List<Organisation.Person> newUsers = new ArrayList<>();
    private final List<Object[]> renamedUsers = new ArrayList<>();
    private final List<Membership> addedMemberships = new ArrayList<>();
    private final List<Membership> removedMemberships = new ArrayList<>();
    private final List<GroupGrant> grants = new ArrayList<>();

    Changes(String tenantId) {
      this.tenantId = tenantId;
    }

    void newTenant(String name) {
      newTenantName = name;
    }

    void renameTenant(String name, int revision) {
      renamedTenant = new Named(name, revision);
    }

    void newGroup(String id, String name, String type) {
      newGroupIds.add(id);
      newGroupRows.add(new GroupRow(name, type, 1));
    }

    void renameGroup(String id, String name, GroupRow before) {
      renamedGroups.add(new Object[] {before.revision() + 1, name, before.type(), id, before.revision()});
    }

    void attach(String groupId) {
      attachedGroups.add(groupId);
    }

    void detach(String groupId) {
      detachedGroups.add(groupId);
    }

    void newUser(Organisation.Person person) {
      newUsers.add(person);
    }

    void renameUser(String id, String name, Named before) {
      renamedUsers.add(new Object[] {before.revision() + 1, name, id, before.revision()});
    }

    void addMembership(Membership membership) {
      addedMemberships.add(membership);
    }

    void removeMembership(Membership membership) {
      removedMemberships.add(membership);
    }

    void grant(GroupGrant grant) {
      grants.add(grant);
    }
  }

  /**
   * Writes the changes, parents before children (tenant, groups, users, then the memberships between
   * them), each kind in one batch.
   *
   * @param initialPassword the password of a user created now
   */
  void write(Changes changes, Function<Organisation.Person, String> initialPassword) {
    ProcessEngineConfigurationImpl configuration = engine.get();
    ResourceAuthorizationProvider defaults = configuration.getResourceAuthorizationProvider();
    List<AuthorizationEntity> authorizations = new ArrayList<>();
    TenantEntity tenant = new TenantEntity(changes.tenantId);
    List<Object[]> users = new ArrayList<>();
    configuration.getCommandExecutorTxRequired().execute(context -> {
      if (changes.newTenantName != null) {
        add(authorizations, defaults.newTenant(tenant));
      }
      changes.newGroupIds.forEach(id -> add(authorizations, defaults.newGroup(new GroupEntity(id))));
      changes.attachedGroups.forEach(id -> add(authorizations, defaults.tenantMembershipCreated(tenant, new GroupEntity(id))));
      for (Organisation.Person person : changes.newUsers) {
        UserEntity user = new UserEntity(person.id());
        user.setPassword(initialPassword.apply(person));
        user.encryptPassword();
        users.add(new Object[] {person.id(), person.name(), "", user.getPassword(), user.getSalt()});
        add(authorizations, defaults.newUser(user));
      }
      changes.addedMemberships.forEach(m -> add(authorizations, defaults.groupMembershipCreated(m.groupId(), m.userId())));
      return null;
    });
    if (changes.newTenantName != null) {
      jdbc.update("insert into ACT_ID_TENANT (ID_, NAME_, REV_) values (?, ?, 1)", changes.tenantId, changes.newTenantName);
    }
    if (changes.renamedTenant != null) {
      updated(new int[] {jdbc.update("update ACT_ID_TENANT set REV_ = ?, NAME_ = ? where ID_ = ? and REV_ = ?",
          changes.renamedTenant.revision() + 1, changes.renamedTenant.name(), changes.tenantId,
          changes.renamedTenant.revision())});
    }
    List<Object[]> groups = new ArrayList<>();
    for (int i = 0; i < changes.newGroupIds.size(); i++) {
      GroupRow group = changes.newGroupRows.get(i);
      groups.add(new Object[] {changes.newGroupIds.get(i), group.name(), group.type()});
    }
    jdbc.batchUpdate("insert into ACT_ID_GROUP (ID_, NAME_, TYPE_, REV_) values (?, ?, ?, 1)", groups);
    updated(jdbc.batchUpdate("update ACT_ID_GROUP set REV_ = ?, NAME_ = ?, TYPE_ = ? where ID_ = ? and REV_ = ?",
        changes.renamedGroups));
    jdbc.batchUpdate("insert into ACT_ID_TENANT_MEMBER (ID_, TENANT_ID_, USER_ID_, GROUP_ID_) values (?, ?, null, ?)",
        changes.attachedGroups.stream().map(g -> new Object[] {nextId(configuration), changes.tenantId, g}).toList());
    jdbc.batchUpdate("insert into ACT_ID_USER (ID_, FIRST_, LAST_, EMAIL_, PWD_, SALT_, REV_) "
        + "values (?, ?, ?, null, ?, ?, 1)", users);
    updated(jdbc.batchUpdate("update ACT_ID_USER set REV_ = ?, FIRST_ = ? where ID_ = ? and REV_ = ?",
        changes.renamedUsers));
    List<Object[]> removed = changes.removedMemberships.stream().map(m -> new Object[] {m.userId(), m.groupId()}).toList();
    jdbc.batchUpdate("delete from ACT_ID_MEMBERSHIP where USER_ID_ = ? and GROUP_ID_ = ?", removed);
    jdbc.batchUpdate("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = " + Resources.GROUP_MEMBERSHIP.resourceType()
        + " and USER_ID_ = ? and RESOURCE_ID_ = ?", removed);
    jdbc.batchUpdate("insert into ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) values (?, ?)",
        changes.addedMemberships.stream().map(m -> new Object[] {m.userId(), m.groupId()}).toList());
    List<Object[]> detached = changes.detachedGroups.stream().map(g -> new Object[] {changes.tenantId, g}).toList();
    jdbc.batchUpdate("delete from ACT_ID_TENANT_MEMBER where TENANT_ID_ = ? and GROUP_ID_ = ?", detached);
    jdbc.batchUpdate("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = " + Resources.TENANT_MEMBERSHIP.resourceType()
        + " and RESOURCE_ID_ = ?", changes.detachedGroups.stream().map(g -> new Object[] {g}).toList());
    jdbc.batchUpdate("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = " + Resources.TENANT.resourceType()
        + " and RESOURCE_ID_ = ? and GROUP_ID_ = ?", detached);
    for (GroupGrant grant : changes.grants) {
      AuthorizationEntity authorization = new AuthorizationEntity(AuthorizationEntity.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResourceType(grant.resourceType());
      authorization.setResourceId(grant.resourceId());
      grant.permissions().forEach(authorization::addPermission);
      authorizations.add(authorization);
    }
    insertAuthorizations(configuration, authorizations);
  }

  private void insertAuthorizations(ProcessEngineConfigurationImpl configuration, List<AuthorizationEntity> authorizations) {
    jdbc.batchUpdate("insert into ACT_RU_AUTHORIZATION (ID_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, "
        + "PERMS_, ROOT_PROC_INST_ID_, REMOVAL_TIME_, REV_) values (?, ?, ?, ?, ?, ?, ?, null, null, 1)",
        authorizations.stream().map(a -> new Object[] {nextId(configuration), a.getAuthorizationType(), a.getGroupId(),
            a.getUserId(), a.getResourceType(), a.getResourceId(), a.getPermissions()}).toList(),
        new int[] {Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.INTEGER});
  }

  private static String nextId(ProcessEngineConfigurationImpl configuration) {
    return configuration.getIdGenerator().getNextId();
  }

  private static void add(List<AuthorizationEntity> all, AuthorizationEntity[] some) {
    if (some != null) {
      all.addAll(List.of(some));
    }
  }

  /** An update that found no row with the revision read: someone changed it meanwhile (Camunda Admin). */
  private static void updated(int[] counts) {
    for (int count : counts) {
      if (count == 0) {
        throw new OptimisticLockingFailureException("an identity row changed while the organisation was imported");
      }
    }
  }
}
