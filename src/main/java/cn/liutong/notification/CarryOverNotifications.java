package cn.liutong.notification;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.CarryOversArrived;
import cn.liutong.organisation.OrganisationDirectory;

/**
 * The committee hears when a closed cycle's open problems arrive in its running cycle: while drafting, that
 * the draft must answer each; while the party group holds the draft, that it comes back to answer them;
 * later, that they are in the ledger to follow up. Written in the hand-over's transaction; the event names the
 * items, so the same hand-over never writes twice.
 */
@Component
class CarryOverNotifications {

  private final Notifier notifier;
  private final OrganisationDirectory organisation;
  private final IdentityService identity;

  CarryOverNotifications(Notifier notifier, OrganisationDirectory organisation, IdentityService identity) {
    this.notifier = notifier;
    this.organisation = organisation;
    this.identity = identity;
  }

  @EventListener
  void arrived(CarryOversArrived arrived) {
    String committee = organisation.committee(arrived.agencyId());
    List<String> drafters = Notifier.unchecked(identity,
        () -> identity.createUserQuery().memberOfGroup(committee).list().stream().map(u -> u.getId()).toList());
    String items = String.join("\n", arrived.unanswered());
    String what = switch (arrived.when()) {
      case DRAFTING -> "请在“拟定党建与业务目标体系”中逐项回应：纳入一个目标，或说明不纳入的理由。";
      case APPROVING -> "目标体系正待党组审批：党组须退回，由机关党委逐项回应后重新提交。";
      case PAST_PLANNING -> "本周期已过同规划阶段，遗留问题已记入本周期台账，请在落实和督查中跟进。";
    };
    String text = arrived.cycleName() + "收到上一周期结转的遗留问题。" + what + (items.isEmpty() ? "" : "\n" + items)
        + (arrived.planTaskId() == null ? "" : "\n办理：" + notifier.taskLink(arrived.planTaskId()));
    notifier.announce(Kind.CARRIED_OVER, Kind.CARRIED_OVER.name() + ":" + arrived.cycleId() + ":" + items.hashCode(),
        arrived.agencyId(), arrived.cycleName() + "结转遗留问题", text, drafters, List.of(arrived.agencyId()), identity);
  }
}
