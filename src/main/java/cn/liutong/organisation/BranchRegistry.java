package cn.liutong.organisation;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.liutong.organisation.Organisation.BranchKind;

/**
 * What Camunda's groups cannot hold about a branch: its kind, and the agency it was imported for, which a
 * detached branch (no longer a member of its agency's tenant) must keep so that no other agency takes its id.
 */
@Repository
class BranchRegistry {

  private final NamedParameterJdbcTemplate jdbc;

  BranchRegistry(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Entry(String agencyId, BranchKind kind) {
  }

  Entry find(String branchId) {
    List<Entry> found = jdbc.query("select agency_id, kind from lt_branch where id = :id", Map.of("id", branchId),
        (rs, i) -> new Entry(rs.getString(1), BranchKind.of(rs.getString(2)).orElseThrow()));
    return found.isEmpty() ? null : found.get(0);
  }

  /** @return whether an existing entry changed (a new one is part of creating the branch) */
  boolean save(String branchId, String agencyId, BranchKind kind) {
    Entry entry = find(branchId);
    var values = Map.of("id", branchId, "agency", agencyId, "kind", kind.code());
    if (entry == null) {
      jdbc.update("insert into lt_branch (id, agency_id, kind) values (:id, :agency, :kind)", values);
      return false;
    }
    if (entry.equals(new Entry(agencyId, kind))) {
      return false;
    }
    jdbc.update("update lt_branch set agency_id = :agency, kind = :kind where id = :id", values);
    return true;
  }
}
