package cn.liutong.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.CycleAdjusted;
import cn.liutong.organisation.OrganisationDirectory;

/**
 * The party group decided on a mid-cycle adjustment: approved, the committee and the secretaries of each branch
 * whose items changed hear what changed (the branch sees its new list in its running tasks); refused, the committee
 * member who asked hears why. Written in the decision's transaction.
 */
@Component
class AdjustmentNotifications {

  private final Notifier notifier;
  private final OrganisationDirectory organisation;
  private final IdentityService identity;

  AdjustmentNotifications(Notifier notifier, OrganisationDirectory organisation, IdentityService identity) {
    this.notifier = notifier;
    this.organisation = organisation;
    this.identity = identity;
  }

  @EventListener
  void adjusted(CycleAdjusted adjusted) {
    Set<String> people = new LinkedHashSet<>();
    String text;
    if (adjusted.approved()) {
      people.addAll(members(organisation.committee(adjusted.agencyId())));
      adjusted.branchCodes().forEach(branch -> people.addAll(members(organisation.branchSecretaries(branch))));
      text = adjusted.cycleName() + "的目标体系和责任清单经党组批准已调整，请按调整后的版本落实。\n" + adjusted.summary();
    } else {
      people.add(adjusted.requesterId());
      text = adjusted.cycleName() + "的调整申请党组不同意，维持原目标和责任清单。\n理由：" + adjusted.note();
    }
    notifier.announce(Kind.ADJUSTMENT, Kind.ADJUSTMENT.name() + ":" + adjusted.cycleId() + ":" + adjusted.summary().hashCode()
        + ":" + adjusted.approved(), adjusted.agencyId(), adjusted.cycleName() + (adjusted.approved() ? "调整生效" : "调整未获批准"),
        text, people, List.of(adjusted.agencyId()), identity);
  }

  private List<String> members(String groupId) {
    return Notifier.unchecked(identity,
        () -> identity.createUserQuery().memberOfGroup(groupId).list().stream().map(u -> u.getId()).toList());
  }
}
