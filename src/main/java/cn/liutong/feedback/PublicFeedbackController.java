package cn.liutong.feedback;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The public feedback channel (群众意见), outside the authenticated {@code /api} and {@code /engine-rest}:
 * submit, follow with the tracking code, rate the reply. Every call is rate-limited per client.
 */
@RestController
@RequestMapping(path = "/public/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
class PublicFeedbackController {

  private static final List<String> SUBMISSION_FIELDS = List.of("agencyId", "subject", "text", "contact");
  private static final List<String> RATING_FIELDS = List.of("satisfaction", "comment");
  private static final Pattern AGENCY_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  /** A mainland mobile or landline number, or an e-mail address. */
  private static final Pattern CONTACT = Pattern.compile(
      "(\\+?86[- ]?)?1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private final FeedbackChannel channel;
  private final PublicRateLimiter limiter;

  PublicFeedbackController(FeedbackChannel channel, PublicRateLimiter limiter) {
    this.channel = channel;
    this.limiter = limiter;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> submit(HttpServletRequest request) {
    limiter.countSubmission(request.getRemoteAddr());
    PublicForm form = PublicForm.read(request, SUBMISSION_FIELDS);
    String agencyId = form.text("agencyId", "机关单位", 1, 64, false);
    String subject = form.text("subject", "标题", 2, 50, false);
    String text = form.text("text", "意见内容", 10, 1000, true);
    String contact = form.optionalText("contact", "联系方式", 50, false);
    form.require(contact == null || CONTACT.matcher(contact).matches(), "联系方式应为手机号码、固定电话或电子邮箱");
    form.require(agencyId == null || AGENCY_ID.matcher(agencyId).matches() && channel.agencyExists(agencyId),
        "所选机关单位不存在");
    form.validate();
    String code = channel.submit(agencyId, subject, text, contact);
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("trackingCode", code));
  }

  @GetMapping("/{code}")
  FeedbackChannel.Tracking track(@PathVariable String code, HttpServletRequest request) {
    limiter.countLookup(request.getRemoteAddr());
    return channel.track(code).orElseThrow(PublicRequestException::notFound);
  }

  @PostMapping(path = "/{code}/rating", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> rate(@PathVariable String code, HttpServletRequest request) {
    limiter.countLookup(request.getRemoteAddr());
    PublicForm form = PublicForm.read(request, RATING_FIELDS);
    Integer satisfaction = form.wholeNumber("satisfaction", "满意度", 1, 5);
    String comment = form.optionalText("comment", "评价意见", 200, true);
    form.validate();
    return switch (channel.rate(code, satisfaction, comment)) {
      case RATED -> ResponseEntity.noContent().build();
      case UNKNOWN_CODE -> throw PublicRequestException.notFound();
      case NOT_RATEABLE -> throw new PublicRequestException(HttpStatus.CONFLICT,
          "该意见目前不能评价：答复尚未公开，或已经评价、已经办结", 0);
    };
  }

  @ExceptionHandler(PublicRequestException.class)
  ResponseEntity<Map<String, String>> refused(PublicRequestException e) {
    return PublicRequestException.answer(e);
  }
}
