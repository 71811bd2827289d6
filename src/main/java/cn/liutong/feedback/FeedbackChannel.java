package cn.liutong.feedback;

import static cn.liutong.feedback.FeedbackProcess.Var.*;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.liutong.feedback.FeedbackLedger.Feedback;
import cn.liutong.feedback.FeedbackLedger.Status;

/**
 * The public side of {@code public-feedback}, and the only unauthenticated writer in the system: starts
 * an instance per submission (tenant = the agency), shows a submitter their own item and hands their
 * rating to the waiting instance. A submitter is known by their tracking code and nothing else.
 */
@Service
class FeedbackChannel {

  private static final Map<Status, String> LABELS = Map.of(
      Status.RECEIVED, "已收到，等待受理", Status.REJECTED, "不予受理", Status.ASSIGNED, "办理中",
      Status.REPLIED, "已答复，等待评价", Status.RATED, "已评价", Status.CLOSED, "已办结");

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final FeedbackLedger ledger;
  private final TransactionTemplate transaction;

  FeedbackChannel(RuntimeService runtimeService, IdentityService identityService, FeedbackLedger ledger,
      PlatformTransactionManager transactionManager) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** What the tracking page shows: no branch, no official, no process internals. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Tracking(String status, String statusLabel, String subject, LocalDate submittedOn, String reply,
      String rejectReason, boolean ratingPossible) {
  }

  enum Rating {
    RATED, UNKNOWN_CODE, NOT_RATEABLE
  }

  boolean agencyExists(String agencyId) {
    return identityService.createTenantQuery().tenantId(agencyId).count() == 1;
  }

  /** Starts the instance; the code's hash travels as a transient variable, straight into the ledger. */
  String submit(String agencyId, String subject, String text, String contact) {
    String code = TrackingCode.generate();
    String hash = TrackingCode.hashOf(code).orElseThrow();
    runtimeService.createProcessInstanceByKey(FeedbackProcess.KEY)
        .businessKey(UUID.randomUUID().toString())
        .setVariables(Variables.createVariables()
            .putValue(AGENCY_ID, agencyId)
            .putValue(SUBJECT, subject)
            .putValue(FEEDBACK_TEXT, text)
            .putValue(CONTACT, contact)
            .putValueTyped(TRACKING_HASH, Variables.stringValue(hash, true)))
        .execute();
    return code;
  }

  Optional<Tracking> track(String code) {
    return find(code).map(f -> new Tracking(f.status().code(), LABELS.get(f.status()), f.subject(),
        f.createdAt().toLocalDateTime().toLocalDate(), f.reply(),
        f.status() == Status.REJECTED ? f.rejectReason() : null, f.status() == Status.REPLIED));
  }

  /**
   * Records the rating and lets the instance go on, in one transaction: a second rating, or one after
   * the rating period, finds nothing to rate and changes nothing.
   */
  Rating rate(String code, int satisfaction, String comment) {
    Feedback feedback = find(code).orElse(null);
    if (feedback == null) {
      return Rating.UNKNOWN_CODE;
    }
    try {
      return transaction.execute(status -> {
        if (!ledger.rate(feedback.id(), satisfaction, comment)) {
          return Rating.NOT_RATEABLE;
        }
        runtimeService.createMessageCorrelation(FeedbackProcess.MESSAGE_RATED)
            .processInstanceId(feedback.processInstanceId())
            .setVariable(SATISFACTION, satisfaction)
            .setVariable(RATING_COMMENT, comment)
            .correlate();
        return Rating.RATED;
      });
    } catch (MismatchingMessageCorrelationException | OptimisticLockingException e) {
      return Rating.NOT_RATEABLE; // the rating period ended meanwhile; the transaction rolled back
    }
  }

  private Optional<Feedback> find(String code) {
    return TrackingCode.hashOf(code).map(ledger::byTrackingHash);
  }
}
