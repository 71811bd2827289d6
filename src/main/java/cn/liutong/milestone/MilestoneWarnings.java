package cn.liutong.milestone;

import java.time.LocalDate;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.liutong.milestone.MilestoneLedger.ItemRow;
import cn.liutong.milestone.MilestoneLedger.Reported;
import cn.liutong.milestone.MilestoneLedger.RunningCycle;
import cn.liutong.system.EngineClock;

/**
 * The milestone warnings (重要节点预警): on the due scan's schedule, every item of a running cycle whose light is
 * yellow (临近) or red (逾期) is warned of once per kind: the warning is recorded by its primary key
 * ({@code lt_milestone_warning}), and only the transaction that recorded it publishes {@link MilestoneWarning}, so
 * a scan run twice, after a restart or on two nodes at once, warns once.
 */
@Component
class MilestoneWarnings {

  private static final Logger LOG = LoggerFactory.getLogger(MilestoneWarnings.class);

  private final MilestoneLedger ledger;
  private final Milestones milestones;
  private final EngineClock clock;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;

  MilestoneWarnings(MilestoneLedger ledger, Milestones milestones, EngineClock clock, ApplicationEventPublisher events,
      PlatformTransactionManager transactionManager) {
    this.ledger = ledger;
    this.milestones = milestones;
    this.clock = clock;
    this.events = events;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  @Scheduled(cron = "${liutong.milestones.scan-cron}", zone = "${liutong.time-zone}")
  void scheduled() {
    try {
      LOG.debug("Milestone scan: {} warnings", scan());
    } catch (RuntimeException e) {
      LOG.warn("Milestone scan failed: {}", e.toString());
    }
  }

  /** One scan; the number of warnings this scan was the first to record. */
  int scan() {
    LocalDate today = clock.today();
    int warned = 0;
    for (RunningCycle cycle : ledger.runningCycles()) {
      Map<String, Reported> latest = ledger.latest(cycle.id());
      for (ItemRow item : ledger.items(cycle.id())) {
        Light light = milestones.light(item, latest.get(item.id()), today).light();
        if ((light == Light.DUE_SOON || light == Light.OVERDUE) && warn(cycle, item, light)) {
          warned++;
        }
      }
    }
    return warned;
  }

  private boolean warn(RunningCycle cycle, ItemRow item, Light kind) {
    try {
      return Boolean.TRUE.equals(transaction.execute(status -> {
        if (!ledger.claimWarning(item, kind)) {
          return false;
        }
        events.publishEvent(new MilestoneWarning(kind, cycle.agencyId(), cycle.id(), cycle.name(), item.branchCode(),
            item.branchName(), item.id(), item.position(), item.goalName(), item.milestone(), item.milestoneDate(),
            item.ofAgency() ? item.ownerId() : null));
        return true;
      }));
    } catch (DuplicateKeyException e) { // another node recorded it between the check and the insert (H2)
      return false;
    }
  }
}
