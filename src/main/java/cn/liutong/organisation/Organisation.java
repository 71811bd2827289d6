package cn.liutong.organisation;

import java.util.List;

/** An organisation as imported: agencies (tenants) with their committee, party group and branches. */
public record Organisation(List<Agency> agencies) {

  public record Agency(String id, String name, Unit committee, Unit partyGroup, List<Branch> branches) {
  }

  /** The agency party committee (机关党委) or the party group (党组): a named group of people. */
  public record Unit(String name, List<Person> people) {
  }

  /** A branch (党支部): its secretaries (支部委员会) act for it; every one of them is a member too. */
  public record Branch(String id, String name, List<Person> secretaries, List<Person> members) {
  }

  public record Person(String id, String name) {
  }
}
