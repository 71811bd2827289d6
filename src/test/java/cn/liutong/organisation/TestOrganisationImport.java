package cn.liutong.organisation;

import org.springframework.context.ApplicationContext;

/**
 * The application's own import of an organisation file, for test fixtures outside this package: the same
 * checks and writes as the upload and the demo organisation, with every password equal to the user id (as
 * the demo organisation's).
 */
public final class TestOrganisationImport {

  private TestOrganisationImport() {
  }

  public static ImportSummary importCsv(ApplicationContext context, byte[] csv) {
    return context.getBean(OrganisationImport.class).importCsv(csv, Organisation.Person::id);
  }
}
