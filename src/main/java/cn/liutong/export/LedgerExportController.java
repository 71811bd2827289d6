package cn.liutong.export;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.liutong.export.LedgerExport.Format;

/**
 * {@code GET /api/cycles/{id}/ledger.xlsx} and {@code …/ledger.pdf}, optionally {@code ?branch=}: the 台账
 * to download, HTTP Basic like the rest of {@code /api}; 404 for what the caller may not see.
 */
@RestController
@RequestMapping("/api/cycles/{id}")
class LedgerExportController {

  private final LedgerExport export;

  LedgerExportController(LedgerExport export) {
    this.export = export;
  }

  @GetMapping("/ledger.xlsx")
  ResponseEntity<byte[]> xlsx(@PathVariable String id, @RequestParam(required = false) String branch) {
    return send(id, branch, Format.XLSX);
  }

  @GetMapping("/ledger.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String id, @RequestParam(required = false) String branch) {
    return send(id, branch, Format.PDF);
  }

  private ResponseEntity<byte[]> send(String id, String branch, Format format) {
    LedgerExport.Download file = export.download(id, branch, format)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, LedgerExport.NOT_FOUND));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, file.contentType())
        .header(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(file.bytes());
  }
}
