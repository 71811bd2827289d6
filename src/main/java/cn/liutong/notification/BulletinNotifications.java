package cn.liutong.notification;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.InspectionBulletinPublished;
import cn.liutong.organisation.GroupIds;

/** A round's 督查通报 reaches every branch of the round: its secretaries by mail, its robot in its group. */
@Component
class BulletinNotifications {

  private final Notifier notifier;
  private final IdentityService identity;

  BulletinNotifications(Notifier notifier, IdentityService identity) {
    this.notifier = notifier;
    this.identity = identity;
  }

  @EventListener
  void published(InspectionBulletinPublished bulletin) {
    Set<String> secretaries = Notifier.unchecked(identity, () -> {
      Set<String> ids = new LinkedHashSet<>();
      bulletin.branchCodes().forEach(code -> identity.createUserQuery().memberOfGroup(GroupIds.branchSecretaries(code))
          .list().stream().map(User::getId).forEach(ids::add));
      return ids;
    });
    String title = bulletin.cycleName() + "第" + bulletin.round() + "轮督查通报";
    notifier.announce(Kind.BULLETIN, Kind.BULLETIN.name() + ":" + bulletin.cycleId() + ":" + bulletin.round(),
        bulletin.agencyId(), title, title + "：\n" + bulletin.summary(), secretaries, bulletin.branchCodes(), identity);
  }
}
