package cn.liutong.organisation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
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

  /** Every branch ever imported, detached ones too, with the agency it was imported for. */
  Map<String, String> agencies() {
    Map<String, String> agencies = new HashMap<>();
    jdbc.query("select id, agency_id from lt_branch", rs -> {
      agencies.put(rs.getString(1), rs.getString(2));
    });
    return agencies;
  }

  /**
   * Registers the agency's branches: two queries and two batches whatever their number.
   *
   * @return how many existing entries changed (a new one is part of creating the branch)
   */
  int saveAll(String agencyId, List<Organisation.Branch> branches) {
    Map<String, Entry> existing = new HashMap<>();
    List<String> ids = branches.stream().map(Organisation.Branch::id).toList();
    for (int i = 0; i < ids.size(); i += 1000) {
      jdbc.query("select id, agency_id, kind from lt_branch where id in (:ids)",
          Map.of("ids", ids.subList(i, Math.min(ids.size(), i + 1000))), rs -> {
            existing.put(rs.getString(1), new Entry(rs.getString(2), BranchKind.of(rs.getString(3)).orElseThrow()));
          });
    }
    List<Map<String, ?>> inserts = new ArrayList<>();
    List<Map<String, ?>> updates = new ArrayList<>();
    for (Organisation.Branch branch : branches) {
      Entry entry = existing.get(branch.id());
      var values = Map.of("id", branch.id(), "agency", agencyId, "kind", branch.kind().code());
      if (entry == null) {
        inserts.add(values);
      } else if (!entry.equals(new Entry(agencyId, branch.kind()))) {
        updates.add(values);
      }
    }
    jdbc.batchUpdate("insert into lt_branch (id, agency_id, kind) values (:id, :agency, :kind)",
        SqlParameterSourceUtils.createBatch(inserts));
    jdbc.batchUpdate("update lt_branch set agency_id = :agency, kind = :kind where id = :id",
        SqlParameterSourceUtils.createBatch(updates));
    return updates.size();
  }
}
