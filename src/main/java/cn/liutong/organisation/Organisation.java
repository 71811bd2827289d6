package cn.liutong.organisation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An organisation as imported: agencies (tenants) with their committee, party group and branches, and the
 * city's work committees (机关工委) above them, which belong to no agency.
 */
public record Organisation(List<Agency> agencies, List<CityCommittee> cityCommittees) {

  public Organisation(List<Agency> agencies) {
    this(agencies, List.of());
  }

  /** The city's agency work committee (机关工委): supervises every agency, reads their dashboards only. */
  public record CityCommittee(String id, Unit unit) {
  }

  public record Agency(String id, String name, Unit committee, Unit partyGroup, List<Branch> branches) {
  }

  /**
   * The agency party committee (机关党委) or the party group (党组): a named group of people; the party group's
   * secretary (党组书记, 第一责任人), one of its people, is also in {@code secretaries}.
   */
  public record Unit(String name, List<Person> people, List<Person> secretaries) {

    public Unit(String name, List<Person> people) {
      this(name, people, List.of());
    }
  }

  /** A branch of any kind: its secretaries (支部委员会) act for it; every one of them is a member too. */
  public record Branch(String id, String name, BranchKind kind, List<Person> secretaries, List<Person> members) {
  }

  public record Person(String id, String name) {
  }

  /**
   * The kinds of branch. The processes treat them alike (Camunda group type {@link GroupIds#TYPE_BRANCH});
   * the kind is kept beside the group in {@code lt_branch}.
   */
  public enum BranchKind {
    BRANCH("branch", "党支部"),
    JOINT_BRANCH("jointBranch", "联合党支部"),
    TEMPORARY_BRANCH("temporaryBranch", "临时党组织");

    private final String code;
    private final String label;

    BranchKind(String code, String label) {
      this.code = code;
      this.label = label;
    }

    /** As written in the import file and in {@code lt_branch.kind}. */
    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static Optional<BranchKind> of(String code) {
      return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
  }
}
