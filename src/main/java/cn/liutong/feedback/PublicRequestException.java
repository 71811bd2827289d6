package cn.liutong.feedback;

import org.springframework.http.HttpStatus;

/** Why a public request is refused: a status and a Chinese message, nothing about the inside. */
class PublicRequestException extends RuntimeException {

  static final String NOT_FOUND = "未找到与该查询码对应的群众意见，请核对查询码";

  private final HttpStatus status;
  private final long retryAfterSeconds;

  PublicRequestException(HttpStatus status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static PublicRequestException badRequest(String message) {
    return new PublicRequestException(HttpStatus.BAD_REQUEST, message, 0);
  }

  /** Unknown and malformed codes alike: whether a code exists is not revealed. */
  static PublicRequestException notFound() {
    return new PublicRequestException(HttpStatus.NOT_FOUND, NOT_FOUND, 0);
  }

  HttpStatus status() {
    return status;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
