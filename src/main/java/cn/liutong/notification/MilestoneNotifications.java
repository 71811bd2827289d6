package cn.liutong.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.liutong.milestone.Light;
import cn.liutong.milestone.MilestoneWarning;
import cn.liutong.organisation.GroupIds;

/**
 * A milestone turned yellow (临近) or red (逾期): the branch's secretaries hear it, by mail and in the branch's
 * group (a party group's or committee's item: its 责任人, by mail), in the transaction that recorded the warning (one per item, kind and date; the outbox's event key
 * keeps it to one message each as well).
 */
@Component
class MilestoneNotifications {

  private final Notifier notifier;
  private final IdentityService identity;

  MilestoneNotifications(Notifier notifier, IdentityService identity) {
    this.notifier = notifier;
    this.identity = identity;
  }

  @EventListener
  void warned(MilestoneWarning warning) {
    Kind kind = warning.kind() == Light.OVERDUE ? Kind.MILESTONE_OVERDUE : Kind.MILESTONE_DUE_SOON;
    Set<String> recipients = new LinkedHashSet<>();
    if (warning.ownerId() != null) { // the party group's or the committee's item: its 责任人
      recipients.add(warning.ownerId());
    } else {
      Notifier.unchecked(identity, () -> identity.createUserQuery()
          .memberOfGroup(GroupIds.branchSecretaries(warning.branchCode())).list())
          .stream().map(User::getId).forEach(recipients::add);
    }
    String item = "第" + warning.itemNo() + "项责任事项（" + warning.goalName() + "）的重要节点“" + warning.milestone() + "”";
    String text = warning.cycleName() + "：" + warning.branchName() + item + "，节点日期" + warning.milestoneDate()
        + (warning.kind() == Light.OVERDUE ? "，已逾期。" : "，即将到期。");
    notifier.announce(kind, kind.name() + ":" + warning.itemId() + ":" + warning.milestoneDate(), warning.agencyId(),
        warning.branchName() + "：" + warning.milestone(), text, recipients,
        warning.ownerId() != null ? List.of() : List.of(warning.branchCode()), identity);
  }
}
