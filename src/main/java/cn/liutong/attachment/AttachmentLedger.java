package cn.liutong.attachment;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger of attachments ({@code lt_attachment}): who attached which file to which branch's work, on
 * which task, when; and who removed it, when (the row stays, the bytes go).
 */
@Repository
public class AttachmentLedger {

  private static final String COLUMNS = "id, agency_id, branch_code, cycle_id, process_instance_id, task_id, form_key, "
      + "task_name, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at, deleted_by, deleted_at";

  /** One attachment as recorded; {@code deletedAt} set once its uploader removed it. */
  public record Row(String id, String agencyId, String branchCode, String cycleId, String processInstanceId,
      String taskId, String formKey, String taskName, String fileName, String contentType, long sizeBytes,
      String sha256, String uploadedBy, Timestamp uploadedAt, String deletedBy, Timestamp deletedAt) {

    public boolean deleted() {
      return deletedAt != null;
    }
  }

  private final JdbcClient jdbc;

  AttachmentLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row row) {
    jdbc.sql("insert into lt_attachment (" + COLUMNS + ") values (:id, :agencyId, :branchCode, :cycleId, "
        + ":processInstanceId, :taskId, :formKey, :taskName, :fileName, :contentType, :sizeBytes, :sha256, "
        + ":uploadedBy, :uploadedAt, :deletedBy, :deletedAt)").paramSource(row).update();
  }

  Optional<Row> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from lt_attachment where id = :id").param("id", id).query(Row.class).optional();
  }

  /** The work's attachments still present: one process instance, one branch (or none, for agency-level work). */
  List<Row> ofWork(String processInstanceId, String branchCode) {
    var statement = jdbc.sql("select " + COLUMNS + " from lt_attachment where process_instance_id = :instance"
        + " and deleted_at is null and " + (branchCode == null ? "branch_code is null" : "branch_code = :branch")
        + " order by uploaded_at, id").param("instance", processInstanceId);
    return (branchCode == null ? statement : statement.param("branch", branchCode)).query(Row.class).list();
  }

  /** Everything recorded for a cycle (its own instance and its rectifications), removed ones included. */
  public List<Row> ofCycle(String cycleId) {
    return jdbc.sql("select " + COLUMNS + " from lt_attachment where cycle_id = :cycle order by uploaded_at, id")
        .param("cycle", cycleId).query(Row.class).list();
  }

  boolean markDeleted(String id, String userId, Timestamp at) {
    return jdbc.sql("update lt_attachment set deleted_by = :by, deleted_at = :at where id = :id and deleted_at is null")
        .param("id", id).param("by", userId).param("at", at).update() == 1;
  }
}
