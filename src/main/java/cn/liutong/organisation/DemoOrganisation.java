package cn.liutong.organisation;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Demo profile only: the demo organisation, every password equal to its user id. */
@Component
@Profile("demo")
class DemoOrganisation {

  private final OrganisationWriter writer;
  private final Resource definition;

  DemoOrganisation(OrganisationWriter writer, @Value("${liutong.demo.organisation}") Resource definition) {
    this.writer = writer;
    this.definition = definition;
  }

  @EventListener(ApplicationStartedEvent.class)
  void load() throws IOException {
    writer.apply(read(definition), Organisation.Person::id);
  }

  static Organisation read(Resource resource) throws IOException {
    var yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = resource.getInputStream()) {
      return yaml.readValue(in, Organisation.class);
    }
  }
}
