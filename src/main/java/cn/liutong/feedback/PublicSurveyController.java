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

import cn.liutong.organisation.OrganisationDirectory;
import jakarta.servlet.http.HttpServletRequest;

/**
 * 社会评价: each agency's survey link ({@code /ui/survey.html?agency=…}) asks the public to rate its party-building
 * and its business work (1..5); the answers count for every branch of the agency in 同考核. Anonymous, outside the
 * authenticated API, limited per client like the feedback channel.
 */
@RestController
@RequestMapping(path = "/public/survey", produces = MediaType.APPLICATION_JSON_VALUE)
class PublicSurveyController {

  static final String UNKNOWN_AGENCY = "未找到该机关单位，请核对评价链接";
  static final String THANKS = "感谢您的评价！您的意见将计入本单位年度考核的社会评价。";
  private static final List<String> FIELDS = List.of("agencyId", "partySatisfaction", "businessSatisfaction", "comment");
  private static final Pattern AGENCY_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  private final FeedbackChannel channel;
  private final FeedbackLedger ledger;
  private final OrganisationDirectory organisation;
  private final PublicRateLimiter limiter;

  PublicSurveyController(FeedbackChannel channel, FeedbackLedger ledger, OrganisationDirectory organisation,
      PublicRateLimiter limiter) {
    this.channel = channel;
    this.ledger = ledger;
    this.organisation = organisation;
    this.limiter = limiter;
  }

  /** The agency the link is for, by name, as the survey page shows it. */
  @GetMapping("/{agencyId}")
  Map<String, String> agency(@PathVariable String agencyId, HttpServletRequest request) {
    limiter.countLookup(request.getRemoteAddr());
    if (!known(agencyId)) {
      throw new PublicRequestException(HttpStatus.NOT_FOUND, UNKNOWN_AGENCY, 0);
    }
    return Map.of("agencyId", agencyId, "agencyName", organisation.agencyNames(List.of(agencyId)).get(agencyId));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> answer(HttpServletRequest request) {
    limiter.countSubmission(request.getRemoteAddr());
    PublicForm form = PublicForm.read(request, FIELDS);
    String agencyId = form.text("agencyId", "机关单位", 1, 64, false);
    Integer party = form.wholeNumber("partySatisfaction", "对党建工作的满意度", 1, 5);
    Integer business = form.wholeNumber("businessSatisfaction", "对业务工作的满意度", 1, 5);
    String comment = form.optionalText("comment", "意见建议", 200, true);
    form.require(agencyId == null || known(agencyId), "所选机关单位不存在");
    form.validate();
    ledger.recordSurvey(agencyId, party, business, comment);
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("message", THANKS));
  }

  private boolean known(String agencyId) {
    return AGENCY_ID.matcher(agencyId).matches() && channel.agencyExists(agencyId);
  }

  @ExceptionHandler(PublicRequestException.class)
  ResponseEntity<Map<String, String>> refused(PublicRequestException e) {
    return PublicRequestException.answer(e);
  }
}
