package cn.liutong.feedback;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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

  /** The answer to the client: the status, the reason as {@code message}, and Retry-After when limited. */
  static ResponseEntity<Map<String, String>> answer(PublicRequestException e) {
    var response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
    if (e.retryAfterSeconds() > 0) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    return response.body(Map.of("message", e.getMessage()));
  }

  HttpStatus status() {
    return status;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
