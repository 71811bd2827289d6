package cn.liutong.organisation;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Upload of a whole organisation as CSV, for administrators (HTTP Basic, group camunda-admin). People
 * created here cannot log in until an administrator sets their password in Camunda Admin.
 */
@RestController
class OrganisationImportController {

  private static final Logger LOG = LoggerFactory.getLogger(OrganisationImportController.class);

  private final OrganisationImport organisationImport;
  private final IdentityService identityService;

  OrganisationImportController(OrganisationImport organisationImport, IdentityService identityService) {
    this.organisationImport = organisationImport;
    this.identityService = identityService;
  }

  @PostMapping(path = "/api/admin/organisation", consumes = "text/csv")
  ResponseEntity<Object> importOrganisation(@RequestBody(required = false) byte[] csv) {
    var authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getGroupIds() == null
        || !authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只有系统管理员可以导入组织"));
    }
    ImportSummary summary = organisationImport.importCsv(csv == null ? new byte[0] : csv,
        OrganisationImport::unusablePassword);
    LOG.info("Organisation imported by {}: {}", authentication.getUserId(), summary);
    return ResponseEntity.ok(summary);
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> invalid(InvalidOrganisationException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.summary(), "errors", e.problems()));
  }
}
