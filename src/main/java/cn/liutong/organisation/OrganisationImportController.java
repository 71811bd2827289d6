package cn.liutong.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.http.HttpServletRequest;

import cn.liutong.system.Caller;

/**
 * Upload of a whole organisation as CSV, for administrators (HTTP Basic, group camunda-admin). People
 * created here cannot log in until an administrator sets their password in Camunda Admin.
 */
@RestController
class OrganisationImportController {

  private static final Logger LOG = LoggerFactory.getLogger(OrganisationImportController.class);

  private final OrganisationImport organisationImport;
  private final IdentityService identityService;
  private final DataSize maxUpload;

  OrganisationImportController(OrganisationImport organisationImport, IdentityService identityService,
      @Value("${liutong.organisation.max-upload}") DataSize maxUpload) {
    this.organisationImport = organisationImport;
    this.identityService = identityService;
    this.maxUpload = maxUpload;
  }

  /**
   * The body is read here, not bound by Spring, so that an oversized file is refused (413) from its
   * declared length before a byte is read, or as soon as it grows past the limit while streaming in (also
   * when no length is declared, as with chunked encoding). It is parsed as it arrives: only its rows are
   * kept, never the file itself.
   */
  @PostMapping(path = "/api/admin/organisation", consumes = "text/csv")
  ResponseEntity<Object> importOrganisation(HttpServletRequest request) throws IOException {
    if (!Caller.current(identityService).isAdministrator()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只有系统管理员可以导入组织"));
    }
    long max = maxUpload.toBytes();
    if (request.getContentLengthLong() > max) {
      return tooLarge();
    }
    ImportSummary summary;
    try (InputStream body = new LimitedInputStream(request.getInputStream(), max)) {
      summary = organisationImport.importCsv(body, OrganisationImport::unusablePassword);
    } catch (LimitedInputStream.LimitExceededException e) {
      return tooLarge();
    }
    LOG.info("Organisation imported by {}: {}", Caller.current(identityService).userId(), summary);
    return ResponseEntity.ok(summary);
  }

  private ResponseEntity<Object> tooLarge() {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
        .body(Map.of("message", "文件过大：最多" + maxUpload.toMegabytes() + "MB"));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> invalid(InvalidOrganisationException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.summary(), "errors", e.problems()));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> busy(OrganisationImport.ImportInProgressException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", "另一个组织导入正在进行，请稍后再试"));
  }

  /** Someone changed a user, group or agency in Camunda Admin while the import ran; nothing was imported. */
  @ExceptionHandler
  ResponseEntity<Map<String, Object>> changedMeanwhile(OptimisticLockingFailureException e) {
    LOG.warn("Organisation import rolled back: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(Map.of("message", "导入期间组织数据被他人修改，未导入任何内容，请重新上传"));
  }
}
