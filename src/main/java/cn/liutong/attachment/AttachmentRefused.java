package cn.liutong.attachment;

/** An attachment request that cannot be carried out: the HTTP status and the reason in Chinese. */
public class AttachmentRefused extends RuntimeException {

  private final int status;

  AttachmentRefused(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static AttachmentRefused notFound() {
    return new AttachmentRefused(404, "附件不存在，或您无权查看");
  }
}
