package cn.liutong.organisation;

/**
 * The 20,000-row import on H2 (in memory, as the tests' profile has it), in a context of its own so that
 * the shared test context does not carry 20,000 extra people.
 */
class OrganisationImportH2IT extends LargeOrganisationImportChecks {

  @Override
  String database() {
    return "H2";
  }
}
