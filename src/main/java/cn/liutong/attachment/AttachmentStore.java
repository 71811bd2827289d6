package cn.liutong.attachment;

import java.util.Optional;

/**
 * Where the bytes of attachments live. The default ({@link DatabaseAttachmentStore}) is the application
 * database, in the transaction that writes the attachment's ledger row; an object store (S3, MinIO, OSS)
 * would implement the same three operations keyed by the attachment id.
 */
public interface AttachmentStore {

  void put(String attachmentId, byte[] content);

  Optional<byte[]> get(String attachmentId);

  void delete(String attachmentId);
}
