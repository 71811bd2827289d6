package cn.liutong.rectification;

import java.time.Duration;
import java.time.Instant;

import cn.liutong.rectification.RectificationLedger.Rectification;

/**
 * A rectification was verified (销号). Published inside the engine's transaction: a listener that must
 * not count a verification that is rolled back listens with {@code @TransactionalEventListener}.
 */
public record RectificationVerified(String rectificationId, String agencyId, Instant openedAt, Instant verifiedAt) {

  static RectificationVerified of(Rectification row) {
    return new RectificationVerified(row.id(), row.agencyId(), row.openedAt().toInstant(), row.verifiedAt().toInstant());
  }

  /** From the finding to its verification. */
  public Duration leadTime() {
    return Duration.between(openedAt, verifiedAt);
  }
}
