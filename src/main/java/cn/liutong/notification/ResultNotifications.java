package cn.liutong.notification;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.liutong.assessment.AssessmentLedger.Assessment;
import cn.liutong.assessment.ResultsCirculated;
import cn.liutong.assessment.ResultsPublicized;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.EngineClock;

/**
 * The cycle's results reach every member of the agency's branches, by mail and in each branch's group: once on
 * 公示 (with the last day to appeal), once more when they are circulated (通报) with the appeals' outcome.
 */
@Component
class ResultNotifications {

  private final Notifier notifier;
  private final IdentityService identity;
  private final OrganisationDirectory directory;
  private final EngineClock clock;

  ResultNotifications(Notifier notifier, IdentityService identity, OrganisationDirectory directory, EngineClock clock) {
    this.notifier = notifier;
    this.identity = identity;
    this.directory = directory;
    this.clock = clock;
  }

  @EventListener
  void publicized(ResultsPublicized results) {
    SimpleDateFormat day = new SimpleDateFormat("yyyy年M月d日");
    day.setTimeZone(java.util.TimeZone.getTimeZone(clock.getZone()));
    announce(Kind.RESULT_PUBLISHED, results.agencyId(), results.cycleId(), results.cycleName() + "考核结果公示",
        "公示期至" + day.format(results.publicityEnds()) + "。\n" + table(results.results()));
  }

  @EventListener
  void circulated(ResultsCirculated results) {
    Map<String, String> names = results.results().stream()
        .collect(Collectors.toMap(Assessment::branchCode, Assessment::branchName));
    String appeals = results.appeals().isEmpty() ? "公示期内没有支部提出申诉。"
        : results.appeals().stream().map(a -> names.getOrDefault(a.branchCode(), a.branchCode()) + "申诉：" + a.reason()
            + "。复核结果：" + a.gradeAfter() + "（原" + a.gradeBefore() + "）").collect(Collectors.joining("\n"));
    announce(Kind.RESULT_CIRCULATED, results.agencyId(), results.cycleId(), results.cycleName() + "考核结果通报",
        table(results.results()) + "\n" + appeals);
  }

  private void announce(Kind kind, String agencyId, String cycleId, String title, String text) {
    Set<String> members = new LinkedHashSet<>();
    List<String> units = new ArrayList<>();
    units.add(agencyId);
    Notifier.unchecked(identity, () -> {
      directory.branches(agencyId).forEach(b -> {
        units.add(b.code());
        members.addAll(directory.memberIds(b.code()));
      });
      return null;
    });
    notifier.announce(kind, kind.name() + ":" + cycleId, agencyId, title, text, members, units, identity);
  }

  private static String table(List<Assessment> results) {
    return results.stream().map(a -> a.branchName() + "：" + a.grade() + "，综合得分 " + a.weightedScore().toPlainString())
        .collect(Collectors.joining("\n"));
  }
}
