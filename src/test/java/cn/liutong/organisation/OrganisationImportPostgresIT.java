package cn.liutong.organisation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.liutong.support.PostgresDatabase;

/** The 20,000-row import on PostgreSQL (a database of its own, dropped when the JVM ends). */
class OrganisationImportPostgresIT extends LargeOrganisationImportChecks {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.register(registry);
  }

  @Override
  String database() {
    return "PostgreSQL";
  }
}
