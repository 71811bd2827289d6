package cn.liutong.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import cn.liutong.demo.CycleScenario;
import cn.liutong.organisation.GroupIds;

/**
 * A generated agency of many branches, for load: committee {@code <a>Com}, party group {@code <a>Lead},
 * branches {@code <a>B<i>} each with secretary {@code <a>S<i>} and members {@code <a>M<i>x<j>}.
 * Ids are letters and digits, as the import requires.
 */
public record LargeAgency(String id, int branches, int membersPerBranch) {

  public static final String HEADER = "agency_id,agency_name,unit_type,unit_id,unit_name,user_id,user_name,role";

  public String committee() {
    return id + "Com";
  }

  public String partyGroup() {
    return id + "Lead";
  }

  public String branch(int i) {
    return id + "B" + i;
  }

  public String secretary(int i) {
    return id + "S" + i;
  }

  public String member(int i, int j) {
    return id + "M" + i + "x" + j;
  }

  public List<String> branchCodes() {
    return IntStream.range(0, branches).mapToObj(this::branch).toList();
  }

  /** The 责任人 of a sound decomposition: each branch's secretary, the party group's and the committee's member. */
  public List<CycleScenario.Owner> owners() {
    List<CycleScenario.Owner> owners = new ArrayList<>();
    IntStream.range(0, branches).forEach(i -> owners.add(new CycleScenario.Owner(branch(i), secretary(i))));
    owners.add(new CycleScenario.Owner(GroupIds.partyGroup(id), partyGroup()));
    owners.add(new CycleScenario.Owner(GroupIds.committee(id), committee()));
    return owners;
  }

  /** Every user of the agency. */
  public List<String> users() {
    List<String> users = new ArrayList<>(List.of(committee(), partyGroup()));
    for (int i = 0; i < branches; i++) {
      users.add(secretary(i));
      for (int j = 0; j < membersPerBranch; j++) {
        users.add(member(i, j));
      }
    }
    return users;
  }

  /** The organisation file, for {@code POST /api/admin/organisation}. */
  public byte[] csv() {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    String name = "压测局" + id;
    csv.append(id).append(',').append(name).append(",committee,,").append(name).append("机关党委,")
        .append(committee()).append(",委员甲,member\n");
    csv.append(id).append(',').append(name).append(",partyGroup,,").append(name).append("党组,")
        .append(partyGroup()).append(",党组书记,member\n");
    for (int i = 0; i < branches; i++) {
      String unit = "," + branch(i) + ",第" + (i + 1) + "党支部,";
      csv.append(id).append(',').append(name).append(",branch").append(unit).append(secretary(i)).append(",书记")
          .append(i + 1).append(",secretary\n");
      for (int j = 0; j < membersPerBranch; j++) {
        csv.append(id).append(',').append(name).append(",branch").append(unit).append(member(i, j)).append(",党员")
            .append(i + 1).append('-').append(j + 1).append(",member\n");
      }
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Imports the agency as an administrator does ({@code POST /api/admin/organisation} as the demo admin),
   * then gives everyone their user id as password, as an administrator would in Camunda Admin.
   */
  public LargeAgency importWith(Rest rest, IdentityService identity) {
    var imported = rest.post("/api/admin/organisation", "text/csv", csv(), "admin", "admin");
    if (imported.status() != 200) {
      throw new IllegalStateException("import refused: " + imported.status() + " " + imported.body());
    }
    for (String userId : users()) {
      User user = identity.createUserQuery().userId(userId).singleResult();
      user.setPassword(userId);
      identity.saveUser(user);
    }
    return this;
  }
}
