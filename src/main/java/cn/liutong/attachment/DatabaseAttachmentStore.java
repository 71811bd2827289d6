package cn.liutong.attachment;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attachment bytes in {@code lt_attachment_content} (bytea on PostgreSQL, BLOB on H2): in every backup. */
@Repository
class DatabaseAttachmentStore implements AttachmentStore {

  private final JdbcClient jdbc;

  DatabaseAttachmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void put(String attachmentId, byte[] content) {
    jdbc.sql("insert into lt_attachment_content (attachment_id, content) values (:id, :content)")
        .param("id", attachmentId).param("content", content).update();
  }

  @Override
  public Optional<byte[]> get(String attachmentId) {
    return jdbc.sql("select content from lt_attachment_content where attachment_id = :id").param("id", attachmentId)
        .query((rs, row) -> rs.getBytes(1)).optional();
  }

  @Override
  public void delete(String attachmentId) {
    jdbc.sql("delete from lt_attachment_content where attachment_id = :id").param("id", attachmentId).update();
  }
}
