package cn.liutong.organisation;

import java.io.IOException;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import cn.liutong.organisation.Organisation.Person;

/**
 * Demo profile only: imports the demo organisation (two agencies) at every start, every new user's
 * password equal to its user id. The same import as the upload, so a restart changes nothing, and it
 * puts the demo agencies back as the file has them.
 */
@Component
@Profile("demo")
class DemoOrganisation {

  private final OrganisationImport organisationImport;
  private final Resource definition;

  DemoOrganisation(OrganisationImport organisationImport, @Value("${liutong.demo.organisation}") Resource definition) {
    this.organisationImport = organisationImport;
    this.definition = definition;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(0)
  void load() throws IOException {
    try {
      organisationImport.importCsv(definition.getContentAsByteArray(), Person::id);
    } catch (OrganisationImport.ImportInProgressException e) {
      // another node starting at the same moment imports the same file
      LoggerFactory.getLogger(DemoOrganisation.class).info("Demo organisation is being imported by another node");
    }
  }
}
