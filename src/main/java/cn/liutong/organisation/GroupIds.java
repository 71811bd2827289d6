package cn.liutong.organisation;

/**
 * How an organisation maps onto Camunda: an agency is a tenant, its units are groups whose type says
 * what they are. One place for the naming, so routing expressions and authorizations agree.
 */
public final class GroupIds {

  public static final String TYPE_COMMITTEE = "committee";
  public static final String TYPE_PARTY_GROUP = "partyGroup";
  public static final String TYPE_BRANCH = "branch";
  public static final String TYPE_BRANCH_SECRETARIES = "branchSecretaries";
  /** The party group's secretary (党组书记), 第一责任人 of the agency's responsibility list; also a party group member. */
  public static final String TYPE_PARTY_GROUP_SECRETARY = "partyGroupSecretary";
  /**
   * The city's agency work committee (机关工委): above the agencies, in no agency's tenant. It reads every
   * agency's 六同看板 and the city overview, and is granted nothing on tasks or process instances.
   */
  public static final String TYPE_CITY_COMMITTEE = "cityCommittee";

  private static final String CITY_COMMITTEE_SUFFIX = "WorkCommittee";

  private static final String SECRETARIES_SUFFIX = "Secretaries";

  private GroupIds() {
  }

  public static String committee(String agencyId) {
    return agencyId + "Committee";
  }

  /** The work committee's group; its id is the import file's {@code agency_id} column of its rows. */
  public static String cityCommittee(String committeeId) {
    return committeeId + CITY_COMMITTEE_SUFFIX;
  }

  public static String partyGroup(String agencyId) {
    return agencyId + "PartyGroup";
  }

  public static String partyGroupSecretary(String agencyId) {
    return agencyId + "PartyGroupSecretary";
  }

  /** The branch's members, secretaries included; the group id is the branch id. */
  public static String branchMembers(String branchId) {
    return branchId;
  }

  public static String branchSecretaries(String branchId) {
    return branchId + SECRETARIES_SUFFIX;
  }

  /** The branch a secretaries group acts for. */
  public static String branchOfSecretaries(String secretariesGroupId) {
    return secretariesGroupId.substring(0, secretariesGroupId.length() - SECRETARIES_SUFFIX.length());
  }
}
