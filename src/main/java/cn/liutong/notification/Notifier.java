package cn.liutong.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.system.EngineClock;
import cn.liutong.system.EngineReads;

/**
 * Turns an event into outbox rows, in the caller's transaction: one e-mail per person who wants e-mail
 * (the address is looked up when it is sent; held for the daily digest if they chose it) and one post per robot of the unit concerned, if anyone
 * concerned wants robot messages. Texts are in Chinese, with the task's title, due date and a link to it.
 */
@Component
class Notifier {

  /** What a message about a task says about it. */
  record TaskRef(String id, String title, Date due, String agencyId, String branchCode) {
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final int MAX_SUBJECT = 300;

  private final Outbox outbox;
  private final PreferenceStore preferences;
  private final RobotStore robots;
  private final String baseUrl;
  private final ZoneId zone;
  private final LocalTime digestTime;

  Notifier(Outbox outbox, PreferenceStore preferences, RobotStore robots,
      @Value("${liutong.notifications.base-url}") String baseUrl, EngineClock clock,
      @Value("${liutong.notifications.digest-time}") String digestTime) {
    this.outbox = outbox;
    this.preferences = preferences;
    this.robots = robots;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.zone = clock.getZone();
    this.digestTime = LocalTime.parse(digestTime);
  }

  /** Messages about a task to the given people; the robot of the task's branch, else of its agency. */
  int aboutTask(Kind kind, String event, TaskRef task, Collection<String> userIds, IdentityService identity) {
    String subject = "【" + kind.label + "】" + task.title();
    String body = kind.lead + "\n任务：" + task.title()
        + (task.due() == null ? "" : "\n办理期限：" + DAY.format(task.due().toInstant().atZone(zone)))
        + "\n办理：" + taskLink(task.id());
    List<String> units = robotUnit(task.branchCode(), task.agencyId());
    return write(kind, event, task.agencyId(), task.id(), subject, body, userIds, units, identity);
  }

  /** Messages about an open task (read outside the engine's listeners) to its assignee or candidates. */
  int aboutOpenTask(Kind kind, String event, Task task, TaskService tasks, IdentityService identity) {
    Object branch = task.getProcessInstanceId() == null ? null
        : tasks.getVariable(task.getId(), CycleProcess.Var.BRANCH_CODE);
    var ref = new TaskRef(task.getId(), task.getName(), task.getDueDate(), task.getTenantId(),
        branch == null ? null : branch.toString());
    return aboutTask(kind, event, ref, people(tasks.getIdentityLinksForTask(task.getId()), task.getAssignee(), identity),
        identity);
  }

  /** A message not about one task (a result published) to people and the robots of the given units. */
  int announce(Kind kind, String event, String agencyId, String title, String text, Collection<String> userIds,
      List<String> robotUnits, IdentityService identity) {
    String body = kind.lead + "\n" + text + "\n查看：" + baseUrl + "/camunda/app/tasklist/default/";
    return write(kind, event, agencyId, null, "【" + kind.label + "】" + title, body, userIds, robotUnits, identity);
  }

  String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** The people behind a task: its assignee, else its candidate users and the members of its candidate groups. */
  static Set<String> people(Collection<? extends IdentityLink> links, String assignee, IdentityService identity) {
    Set<String> people = new LinkedHashSet<>();
    if (assignee != null) {
      people.add(assignee);
      return people;
    }
    for (IdentityLink link : links) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        people.add(link.getUserId());
      } else if (link.getGroupId() != null) {
        unchecked(identity, () -> identity.createUserQuery().memberOfGroup(link.getGroupId()).list())
            .forEach(u -> people.add(u.getId()));
      }
    }
    return people;
  }

  /** Engine reads without the caller's authorizations: inside a command through it, outside with none. */
  @SuppressWarnings("unchecked")
  static <T> T unchecked(IdentityService identity, Supplier<T> read) {
    var command = Context.getCommandContext();
    if (command != null) {
      return command.runWithoutAuthorization((Callable<T>) read::get);
    }
    return EngineReads.withoutCaller(identity, read);
  }

  private int write(Kind kind, String event, String agencyId, String taskId, String subject, String body,
      Collection<String> userIds, List<String> robotUnits, IdentityService identity) {
    Date now = ClockUtil.getCurrentTime();
    String title = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    Map<String, Preferences> chosen = preferences.of(new LinkedHashSet<>(userIds));
    int added = 0;
    for (var person : chosen.entrySet()) {
      Preferences choice = person.getValue();
      if (choice.email()) {
        added += add(new Message(event, kind, Channel.EMAIL, person.getKey(), agencyId, taskId, title, body,
            choice.digest(), choice.digest() ? nextDigest(now) : null), now);
      }
    }
    if (chosen.values().stream().anyMatch(Preferences::robot)) {
      for (String unit : robotUnits) {
        for (RobotStore.Robot robot : robots.of(unit)) {
          added += add(new Message(event, kind, robot.kind(), unit, agencyId, taskId, title, body, false, null), now);
        }
      }
    }
    return added;
  }

  private int add(Message message, Date now) {
    return outbox.add(message, now) ? 1 : 0;
  }

  /** The first unit that has a robot: the branch, else the agency. */
  private List<String> robotUnit(String branchCode, String agencyId) {
    for (String unit : new String[] {branchCode, agencyId}) {
      if (unit != null && !robots.of(unit).isEmpty()) {
        return List.of(unit);
      }
    }
    return List.of();
  }

  /** When the digest holding a message written now goes out: the next digest time of day. */
  Date nextDigest(Date now) {
    ZonedDateTime at = now.toInstant().atZone(zone);
    ZonedDateTime digest = at.toLocalDate().atTime(digestTime).atZone(zone);
    if (!digest.isAfter(at)) {
      digest = digest.plusDays(1);
    }
    return Date.from(Instant.from(digest));
  }
}
