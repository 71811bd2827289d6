package cn.liutong.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.liutong.demo.CycleScenario;
import cn.liutong.organisation.GroupIds;

/**
 * The people of the demo organisation ({@code demo/organisation.csv}), by agency and role, for tests that
 * act as them over HTTP (every demo password equals the user id).
 */
public final class DemoOrganisation {

  /** One agency: its first committee member, first party group member, branches (code → secretary), members. */
  public record Agency(String id, String committee, String partyGroup, Map<String, String> secretaries,
      Map<String, List<String>> members) {

    public List<String> branches() {
      return List.copyOf(secretaries.keySet());
    }

    /** The 责任人 of a sound decomposition: each branch's secretary, the party group's and the committee's first member. */
    public List<CycleScenario.Owner> owners() {
      List<CycleScenario.Owner> owners = new ArrayList<>();
      secretaries.forEach((branch, secretary) -> owners.add(new CycleScenario.Owner(branch, secretary)));
      owners.add(new CycleScenario.Owner(GroupIds.partyGroup(id), partyGroup));
      owners.add(new CycleScenario.Owner(GroupIds.committee(id), committee));
      return owners;
    }

    /** The people who act in a cycle: committee, party group, every secretary and member. */
    public Set<String> people() {
      Set<String> people = new LinkedHashSet<>(List.of(committee, partyGroup));
      people.addAll(secretaries.values());
      members.values().forEach(people::addAll);
      return people;
    }
  }

  private DemoOrganisation() {
  }

  /** The agencies' ids, in the file's order. */
  public static List<String> agencyIds() {
    return rows().stream().map(cells -> cells[0]).distinct().toList();
  }

  /**
   * Every row's cells (agency_id, agency_name, unit_type, unit_id, unit_name, user_id, user_name, role); a quoted
   * cell keeps its quotes.
   */
  public static List<String[]> rows() {
    return lines().stream().map(line -> line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).toList();
  }

  public static Agency agency(String id) {
    String committee = null;
    String partyGroup = null;
    Map<String, String> secretaries = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String[] cells : rows()) {
      if (!cells[0].equals(id)) {
        continue;
      }
      String unitType = cells[2];
      String unit = cells[3];
      String user = cells[5];
      String role = cells[7];
      if (unitType.equals("committee") && committee == null) {
        committee = user;
      } else if (unitType.equals("partyGroup") && partyGroup == null) {
        partyGroup = user;
      } else if (!unitType.equals("committee") && !unitType.equals("partyGroup")) {
        if (role.equals("secretary")) {
          secretaries.putIfAbsent(unit, user);
        }
        members.computeIfAbsent(unit, u -> new ArrayList<>()).add(user);
      }
    }
    if (committee == null || partyGroup == null || secretaries.isEmpty()) {
      throw new IllegalArgumentException("no agency " + id + " in the demo organisation");
    }
    return new Agency(id, committee, partyGroup, secretaries, members);
  }

  private static List<String> lines() {
    try (InputStream in = DemoOrganisation.class.getResourceAsStream("/demo/organisation.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
      return lines.subList(1, lines.size());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
