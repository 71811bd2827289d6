package cn.liutong.attachment;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Attachments in {@code /api} (HTTP Basic, read-only, like the rest of the ledger): a cycle's attachment
 * ledger (who attached what, when, and removals) with the ledger's visibility, and a file by id with the
 * work's visibility. Another agency's or branch's file answers 404, exactly as a missing one.
 */
@RestController
@RequestMapping("/api")
class AttachmentController {

  private final Attachments attachments;

  AttachmentController(Attachments attachments) {
    this.attachments = attachments;
  }

  @GetMapping("/cycles/{id}/attachments")
  List<AttachmentLedger.Row> ofCycle(@PathVariable String id) {
    return attachments.ledgerOfCycle(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "未找到该融合工作周期：" + id));
  }

  @GetMapping("/attachments/{id}")
  ResponseEntity<byte[]> data(@PathVariable String id) {
    Attachments.Download download = attachments.open(id);
    var response = ResponseEntity.ok();
    DownloadHeaders.of(download, false).forEach(response::header);
    return response.body(download.content());
  }

  @ExceptionHandler(AttachmentRefused.class)
  ResponseEntity<org.springframework.http.ProblemDetail> refused(AttachmentRefused refused) {
    return ResponseEntity.status(refused.status())
        .body(org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refused.status()), refused.getMessage()));
  }
}
