package cn.liutong.taskaction;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.notification.TaskMessages;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.Caller;
import cn.liutong.system.CleanText;
import cn.liutong.system.EngineReads;

/**
 * The office actions on an open task, decided by the organisation:
 * <ul>
 * <li>the agency's party committee (机关党委) over the tasks of its branches and members: 转办 and 委派 (to a
 * secretary of the branch for a branch's task, to a member of the branch for a member's task), 免办 with a
 * reason, 催办 (once a day), 抄送 to people of the agency, taking a delegation back (完成委派), and, once a
 * branch's task in 同部署 or 同落实 is overdue, 推进 with a reason: the stage stops waiting for that branch;</li>
 * <li>a branch secretary over the member tasks of their own branch: 转办, 委派 and taking it back, within the
 * branch; 抄送 of their branch's tasks to people of the agency;</li>
 * <li>the person a task is delegated to: 完成委派, giving it back;</li>
 * <li>nobody over another agency's tasks (404, as if they did not exist), nobody over the committee's or the
 * party group's own tasks (those are claimed and handed on within the unit, as Tasklist does).</li>
 * </ul>
 * Each action is one transaction: the ledger row ({@code lt_task_action}), a comment on the task (its history in
 * Tasklist), the engine's change and the messages; a refusal leaves nothing. Engine calls run without the
 * caller's authorizations, after these rules have decided (the engine REST API's own task calls stay limited
 * to the task's candidates by {@code ChangePolicy}).
 */
@Service
public class TaskActions {

  static final int MAX_REASON = 200;
  static final int MIN_WAIVE_REASON = 5;
  static final int MAX_COPIES = 20;

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final OrganisationDirectory organisation;
  private final TaskActionLedger ledger;
  private final TaskMessages messages;
  private final TaskReturns returns;
  private final Cosigns cosigns;
  private final TransactionTemplate transaction;

  TaskActions(TaskService tasks, RuntimeService runtime, IdentityService identity, OrganisationDirectory organisation,
      TaskActionLedger ledger, TaskMessages messages, TaskReturns returns, Cosigns cosigns,
      PlatformTransactionManager transactionManager) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
    this.organisation = organisation;
    this.ledger = ledger;
    this.messages = messages;
    this.returns = returns;
    this.cosigns = cosigns;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Whose work a task is: the agency's own (committee, party group), a branch's, or one member's; or a co-sign
   * task ({@link Cosigns}), whose branch is that of the task it belongs to.
   */
  enum Level { AGENCY, BRANCH, MEMBER, COSIGN }

  /** An open task with what the rules need. */
  record Work(Task task, String agencyId, String branchCode, Level level, List<String> candidateGroups) {
  }

  public record Person(String id, String name) {
  }

  /** An action the caller may take: whom it may go to ({@code people}), and whether a reason is required. */
  public record Offer(String action, String label, String target, boolean reasonRequired, List<Person> people) {
  }

  /**
   * The actions the caller may take on a task, in the order of {@link TaskAction}; its co-signers and their
   * answers ({@code cosigns}), or, for a co-sign task, what it was asked for ({@code cosignOf}).
   */
  public record Available(String taskId, String taskName, String assignee, String assigneeName, boolean delegated,
      List<Offer> actions, List<Cosigns.Cosign> cosigns, Cosigns.Request cosignOf) {
  }

  /** What the caller asks for: one person (转办, 委派), people (抄送), a reason. */
  public record Request(String userId, List<String> userIds, String reason) {
  }

  public record Done(String action, String message, int messages) {
  }

  public Available available(String taskId) {
    Caller caller = signedIn();
    Work work = work(taskId, caller);
    List<Offer> offers = new ArrayList<>();
    for (TaskAction action : TaskAction.values()) {
      if (refusal(action, caller, work) == null
          && (action != TaskAction.RETURN || engine(() -> returns.previous(work.task())) != null)) {
        List<Person> people = switch (action) {
          case REASSIGN, DELEGATE -> names(recipients(work));
          case COPY -> names(agencyPeople(work.agencyId()));
          case COSIGN -> names(cosigners(work, caller.userId()));
          default -> List.of();
        };
        if (action == TaskAction.COSIGN && people.isEmpty()) {
          continue;
        }
        boolean many = action == TaskAction.COPY || action == TaskAction.COSIGN;
        offers.add(new Offer(action.path(), action.label(), many ? "many" : people.isEmpty() ? "none" : "one",
            reasonRequired(action), people));
      }
    }
    String assignee = work.task().getAssignee();
    Cosigns.Request cosignOf = null;
    List<Cosigns.Cosign> cosigners = List.of();
    if (work.level() == Level.COSIGN) {
      Task original = engine(() -> tasks.createTaskQuery().taskId(work.task().getParentTaskId()).singleResult());
      String owner = work.task().getOwner();
      cosignOf = new Cosigns.Request(work.task().getParentTaskId(), original == null ? null : original.getName(), owner,
          owner == null ? null : name(owner), work.task().getDescription());
    } else {
      cosigners = engine(() -> cosigns.of(taskId, organisation.userNames(cosigns.people(taskId))));
    }
    return new Available(taskId, work.task().getName(), assignee, assignee == null ? null : name(assignee),
        work.task().getDelegationState() == DelegationState.PENDING, offers, cosigners, cosignOf);
  }

  private static boolean reasonRequired(TaskAction action) {
    return action == TaskAction.WAIVE || action == TaskAction.PROCEED || action == TaskAction.RETURN
        || action == TaskAction.DISAGREE;
  }

  /** Does the action; the JSON body is read once the caller is known to be allowed (a refusal names no field). */
  public Done perform(String taskId, String actionPath, String body) {
    Caller caller = signedIn();
    TaskAction action = TaskAction.of(actionPath).orElseThrow(() -> TaskActionRefused.notFound());
    Work work = work(taskId, caller);
    String refused = refusal(action, caller, work);
    if (refused != null) {
      throw TaskActionRefused.forbidden(refused);
    }
    Request request = TaskActionRequests.parse(action, body);
    String reason = reason(action, request.reason());
    Task task = work.task();
    String actorName = name(caller.userId());
    return switch (action) {
      case REASSIGN, DELEGATE -> {
        String to = recipient(work, request.userId());
        String text = action.label() + "：" + actorName + "将任务" + (task.getAssignee() == null ? "" : "由" + name(task.getAssignee()))
            + (action == TaskAction.REASSIGN ? "转交" : "委派") + "给" + name(to) + suffix(reason);
        int sent = record(work, action, caller.userId(), List.of(to), reason, text, id -> {
          if (action == TaskAction.REASSIGN) {
            tasks.setAssignee(taskId, to);
            return messages.handedOver(task, to, id);
          }
          tasks.delegateTask(taskId, to);
          return messages.delegated(task, to, id);
        });
        yield new Done(action.path(), "已" + action.label() + "给" + name(to), sent);
      }
      case RESOLVE -> {
        String owner = task.getOwner();
        String text = "完成委派：" + actorName + "将任务交回" + (owner == null ? "原办理人" : name(owner)) + suffix(reason);
        record(work, action, caller.userId(), owner == null ? List.of() : List.of(owner), reason, text, id -> {
          tasks.resolveTask(taskId);
          return 0;
        });
        yield new Done(action.path(), "已交回" + (owner == null ? "原办理人" : name(owner)), 0);
      }
      case WAIVE -> {
        String text = "免办：" + actorName + "决定此项任务免于办理" + (task.getAssignee() == null ? "" : "（原办理人" + name(task.getAssignee()) + "）")
            + "，理由：" + reason;
        try {
          record(work, action, caller.userId(), List.of(), reason, text, id -> {
            cosigns.remove(taskId, "原任务已免办");
            Waiver.complete(tasks, taskId);
            return 0;
          });
        } catch (OptimisticLockingException e) {
          throw TaskActionRefused.conflict("该任务刚刚已被他人处理，请刷新后再试");
        } catch (ProcessEngineException e) {
          throw TaskActionRefused.conflict("此任务的后续步骤需要它的办理结果，不能免办");
        }
        yield new Done(action.path(), "已免办", 0);
      }
      case PROCEED -> {
        String stage = engine(() -> waitingStage(work));
        String branch = branchName(work);
        if (stage == null) {
          throw TaskActionRefused.conflict("该支部在本阶段的事项刚刚已办结，请刷新后再试");
        }
        String text = "推进：" + actorName + "决定不再等待" + branch + "，结束其在本阶段未办结的事项，记为逾期未完成，理由：" + reason;
        try {
          record(work, action, caller.userId(), List.of(), reason, text, id -> {
            if (!ledger.lockOpenTask(taskId)) {
              throw new ProcessEngineException("task " + taskId + " completed meanwhile");
            }
            cosigns.remove(taskId, "所在阶段已推进");
            runtime.messageEventReceived(CycleProcess.BRANCH_PROCEEDED, stage);
            return 0;
          });
        } catch (ProcessEngineException e) {
          throw TaskActionRefused.conflict("该支部在本阶段的事项刚刚已办结或已被推进，请刷新后再试");
        }
        yield new Done(action.path(), "已推进：不再等待" + branch, 0);
      }
      case URGE -> {
        if (messages.urgedToday(taskId)) {
          throw TaskActionRefused.conflict("今天已经催办过这项任务");
        }
        int sent = record(work, action, caller.userId(), List.of(), reason, "催办：" + actorName + "催办了此项任务" + suffix(reason),
            id -> messages.urge(task));
        yield new Done(action.path(), "已催办", sent);
      }
      case ESCALATE, HANDOVER, DETACH -> throw TaskActionRefused.forbidden(refused);
      case RETURN -> {
        var previous = engine(() -> returns.previous(task));
        if (previous == null) {
          throw TaskActionRefused.conflict("此任务没有可退回的上一步");
        }
        String text = "退回：" + actorName + "将任务退回“" + previous.getActivityName() + "”，理由：" + reason;
        try {
          record(work, action, caller.userId(), previous.getAssignee() == null ? List.of() : List.of(previous.getAssignee()),
              reason, text, id -> {
                cosigns.remove(taskId, "原任务已退回");
                String reopened = returns.sendBack(task, previous, text);
                tasks.createComment(reopened, task.getProcessInstanceId(), text);
                return 0;
              });
        } catch (ProcessEngineException e) {
          throw TaskActionRefused.conflict("该任务刚刚已被他人处理，或当前不能退回，请刷新后再试");
        }
        yield new Done(action.path(), "已退回“" + previous.getActivityName() + "”", 0);
      }
      case COPY -> {
        List<String> to = copies(work, request.userIds());
        String text = "抄送：" + actorName + "将此项任务抄送给" + String.join("、", to.stream().map(this::name).toList()) + suffix(reason);
        int sent = record(work, action, caller.userId(), to, reason, text, id -> messages.copied(task, to, id));
        yield new Done(action.path(), "已抄送" + to.size() + "人", sent);
      }
      case COSIGN -> {
        List<String> to = cosignerList(work, caller.userId(), request.userIds());
        String names = String.join("、", to.stream().map(this::name).toList());
        String text = "加签：" + actorName + "请" + names + "加签" + (reason == null ? "" : "，说明：" + reason);
        String description = actorName + "请您对“" + task.getName() + "”加签" + (reason == null ? "" : "：" + reason)
            + "。请在“办理操作”页签中选择同意或不同意，并填写意见。";
        int sent = record(work, action, caller.userId(), to, reason, text, id -> {
          int written = 0;
          for (String cosigner : to) {
            written += messages.cosignRequested(cosigns.create(task, caller.userId(), cosigner, description), cosigner, id);
          }
          return written;
        });
        yield new Done(action.path(), "已请" + to.size() + "人加签", sent);
      }
      case WITHDRAW -> {
        List<String> open = engine(() -> cosigns.pending(taskId)).stream().map(Task::getAssignee).toList();
        String text = "撤回加签：" + actorName + "撤回了对" + String.join("、", open.stream().map(this::name).toList())
            + "的加签请求" + suffix(reason);
        record(work, action, caller.userId(), open, reason, text, id -> {
          cosigns.remove(taskId, "加签已撤回");
          return 0;
        });
        yield new Done(action.path(), "已撤回" + open.size() + "人的加签", 0);
      }
      case AGREE, DISAGREE -> {
        Task original = engine(() -> tasks.createTaskQuery().taskId(task.getParentTaskId()).active().singleResult());
        if (original == null) {
          throw TaskActionRefused.notFound();
        }
        Work originalWork = classifyOpen(original);
        String text = "加签意见：" + actorName + action.label() + (reason == null ? "" : "，意见：" + reason);
        try {
          record(originalWork, action, caller.userId(), task.getOwner() == null ? List.of() : List.of(task.getOwner()),
              reason, text, id -> {
                cosigns.answer(task, action == TaskAction.AGREE, reason, text);
                return 0;
              });
        } catch (ProcessEngineException e) {
          throw TaskActionRefused.conflict("该加签任务刚刚已被撤回或已办结，请刷新后再试");
        }
        yield new Done(action.path(), "已提交加签意见：" + action.label(), 0);
      }
    };
  }

  /** Why the caller may not take the action on the task (Chinese), or null when they may. */
  String refusal(TaskAction action, Caller caller, Work work) {
    boolean holder = caller.userId().equals(work.task().getAssignee());
    if (work.level() == Level.COSIGN) {
      return action != TaskAction.AGREE && action != TaskAction.DISAGREE ? "加签任务只能由加签人选择同意或不同意"
          : holder ? null : "只有加签人本人可以给出加签意见";
    }
    boolean committee = caller.groupIds().contains(GroupIds.committee(work.agencyId()));
    boolean secretary = work.branchCode() != null
        && caller.groupIds().contains(GroupIds.branchSecretaries(work.branchCode()));
    boolean pending = work.task().getDelegationState() == DelegationState.PENDING;
    boolean agencyTask = work.level() == Level.AGENCY;
    return switch (action) {
      case REASSIGN, DELEGATE -> agencyTask ? "机关党委、党组的任务请在本单位内认领或指派"
          : action == TaskAction.DELEGATE && pending ? "该任务已在委派中，请先完成委派"
          : committee || secretary && work.level() == Level.MEMBER ? null
          : secretary ? "支部书记只能" + action.label() + "本支部党员的任务，支部的任务请由机关党委" + action.label()
          : "只有本机关党委或本支部书记可以" + action.label();
      case RESOLVE -> !pending ? "该任务不在委派中"
          : caller.userId().equals(work.task().getAssignee()) || caller.userId().equals(work.task().getOwner())
              || !agencyTask && (committee || secretary && work.level() == Level.MEMBER) ? null
          : "只有受委派人、委派人或本机关党委可以完成委派";
      case WAIVE -> !committee ? "只有本机关党委可以免办"
          : agencyTask ? "机关党委、党组自己的任务不能免办" : null;
      case PROCEED -> !committee ? "只有本机关党委可以决定推进"
          : agencyTask ? "机关党委、党组自己的任务不能推进"
          : !overdue(work.task()) ? "此任务尚未逾期，逾期后机关党委方可决定不再等待"
          : engine(() -> waitingStage(work)) == null ? "只有同部署（签收）和同落实阶段可以不再等待逾期的支部"
          : null;
      case URGE -> committee ? null : "只有本机关党委可以催办";
      case COPY -> committee || secretary && !agencyTask ? null : "只有本机关党委或本支部书记可以抄送";
      case ESCALATE -> "督办由系统在任务逾期后自动发出";
      case HANDOVER -> "人员离开或调出支部时，由系统自动交接其任务";
      case DETACH -> "支部撤销时，由系统结束或移交其任务";
      case RETURN -> caller.userId().equals(work.task().getAssignee()) || work.task().getAssignee() == null
          && caller.groupIds().stream().anyMatch(work.candidateGroups()::contains) ? null : "只有该任务的办理人可以退回";
      case COSIGN -> holder ? null
          : work.task().getAssignee() == null ? "请先认领该任务，再请他人加签" : "只有该任务的办理人可以请他人加签";
      case WITHDRAW -> !holder ? "只有该任务的办理人可以撤回加签"
          : engine(() -> cosigns.pending(work.task().getId())).isEmpty() ? "该任务没有待反馈的加签" : null;
      case AGREE, DISAGREE -> "此任务不是加签任务";
    };
  }

  private Caller signedIn() {
    Caller caller = Caller.current(identity);
    if (!caller.signedIn()) {
      throw new TaskActionRefused(401, "请先登录");
    }
    return caller;
  }

  /**
   * The open task, if it is of one of the caller's agencies; else 404, naming nothing. A co-sign task is
   * only its co-signer's and its requester's: anyone else is answered 404 too.
   */
  private Work work(String taskId, Caller caller) {
    Task task = engine(() -> tasks.createTaskQuery().taskId(taskId).active().singleResult());
    if (task == null || task.getTenantId() == null || !caller.tenantIds().contains(task.getTenantId())
        || task.getParentTaskId() != null && !caller.userId().equals(task.getAssignee())
            && !caller.userId().equals(task.getOwner())) {
      throw TaskActionRefused.notFound();
    }
    Work work = classifyOpen(task);
    // completed while it was read: its variables (the branch) may already be gone, so the class would be wrong
    if (engine(() -> tasks.createTaskQuery().taskId(taskId).count()) == 0) {
      throw TaskActionRefused.notFound();
    }
    return work;
  }

  /**
   * {@link #classify} of a task just found open; 404 when it is completed while its links and variables are read
   * (the engine then finds the task but not its execution: a NullValueException, or a NullPointerException in its
   * authorization check). Any other trouble of a task still there is rethrown.
   */
  private Work classifyOpen(Task task) {
    try {
      return engine(() -> classify(task));
    } catch (RuntimeException e) {
      if (e instanceof NullValueException || engine(() -> tasks.createTaskQuery().taskId(task.getId()).count()) == 0) {
        throw TaskActionRefused.notFound();
      }
      throw e;
    }
  }

  /** Whose work an open task of an agency is (engine reads as the caller is). */
  Work classify(Task task) {
    if (task.getParentTaskId() != null) {
      Task original = tasks.createTaskQuery().taskId(task.getParentTaskId()).singleResult();
      String branchCode = original == null ? null : classify(original).branchCode();
      return new Work(task, task.getTenantId(), branchCode, Level.COSIGN, List.of());
    }
    String taskId = task.getId();
    List<String> groups = tasks.getIdentityLinksForTask(taskId).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(l -> l.getGroupId()).toList();
    String agency = task.getTenantId();
    Object branch = task.getProcessInstanceId() == null ? null : tasks.getVariable(taskId, CycleProcess.Var.BRANCH_CODE);
    String branchCode = branch == null ? null : branch.toString();
    Level level;
    if (groups.contains(GroupIds.committee(agency)) || groups.contains(GroupIds.partyGroup(agency))) {
      level = Level.AGENCY;
    } else if (branchCode != null && groups.contains(GroupIds.branchSecretaries(branchCode))) {
      level = Level.BRANCH;
    } else if (branchCode != null && groups.isEmpty() && task.getAssignee() != null
        && !leaderOutside(agency, branchCode, task.getAssignee())) {
      level = Level.MEMBER;
    } else {
      level = Level.AGENCY; // a task of no branch, or of an unexpected shape: nobody acts on it from outside
    }
    if (branchCode != null && !branchOf(agency, branchCode)) {
      level = Level.AGENCY;
    }
    return new Work(task, agency, branchCode, level, groups);
  }

  /**
   * A branch's task the model gives to someone of the agency's party group or committee who is not of the branch
   * (执行措施并记录, assigned to the measure's executor) is the agency's work: its assignee has not left the branch.
   */
  private boolean leaderOutside(String agency, String branchCode, String person) {
    return !inGroup(person, GroupIds.branchMembers(branchCode))
        && (inGroup(person, GroupIds.partyGroup(agency)) || inGroup(person, GroupIds.committee(agency)));
  }

  private boolean inGroup(String person, String group) {
    return identity.createUserQuery().userId(person).memberOfGroup(group).count() > 0;
  }

  private static boolean overdue(Task task) {
    return task.getDueDate() != null && task.getDueDate().before(ClockUtil.getCurrentTime());
  }

  /** The task's branch's instance of a stage that may stop waiting for it; null when there is none. */
  private String waitingStage(Work work) {
    return waitingStage(runtime, work.task().getProcessInstanceId(), work.branchCode());
  }

  /**
   * The execution of a branch in a stage that may stop waiting for it (同部署's sign-for, 同落实): the one listening
   * for {@link CycleProcess#BRANCH_PROCEEDED} with the branch's code; null when there is none.
   */
  static String waitingStage(RuntimeService runtime, String processInstanceId, String branchCode) {
    for (EventSubscription listening : runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
        .eventType("message").eventName(CycleProcess.BRANCH_PROCEEDED).list()) {
      if (branchCode.equals(runtime.getVariable(listening.getExecutionId(), CycleProcess.Var.BRANCH_CODE))) {
        return listening.getExecutionId();
      }
    }
    return null;
  }

  private String branchName(Work work) {
    return engine(() -> organisation.branches(work.agencyId())).stream().filter(b -> b.code().equals(work.branchCode()))
        .map(b -> b.name()).findFirst().orElse(work.branchCode());
  }

  private boolean branchOf(String agencyId, String branchCode) {
    return organisation.branches(agencyId).stream().anyMatch(b -> b.code().equals(branchCode));
  }

  /** Whom a branch's or a member's task may go to: the branch's secretaries, or its members; not the assignee. */
  private List<String> recipients(Work work) {
    List<String> people = work.level() == Level.BRANCH
        ? engine(() -> identity.createUserQuery().memberOfGroup(GroupIds.branchSecretaries(work.branchCode()))
            .orderByUserId().asc().list()).stream().map(User::getId).toList()
        : engine(() -> organisation.memberIds(work.branchCode()));
    return people.stream().filter(p -> !p.equals(work.task().getAssignee())).toList();
  }

  private String recipient(Work work, String userId) {
    if (userId == null || userId.isBlank()) {
      throw TaskActionRefused.badRequest("请选择接收人");
    }
    if (userId.equals(work.task().getAssignee())) {
      throw TaskActionRefused.badRequest("接收人已经是该任务的办理人");
    }
    if (!recipients(work).contains(userId)) {
      throw TaskActionRefused.badRequest(work.level() == Level.BRANCH
          ? "支部的任务只能交给本支部的书记或委员" : "党员的任务只能交给本支部的党员");
    }
    return userId;
  }

  /** Everyone of the agency: its committee, its party group, its branches' members. */
  private Set<String> agencyPeople(String agencyId) {
    return engine(() -> {
      Set<String> people = new LinkedHashSet<>();
      for (String group : List.of(GroupIds.committee(agencyId), GroupIds.partyGroup(agencyId))) {
        identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().forEach(u -> people.add(u.getId()));
      }
      organisation.branches(agencyId).forEach(b -> people.addAll(organisation.memberIds(b.code())));
      return people;
    });
  }

  private List<String> copies(Work work, List<String> userIds) {
    if (userIds == null || userIds.isEmpty()) {
      throw TaskActionRefused.badRequest("请选择抄送对象");
    }
    List<String> distinct = userIds.stream().distinct().toList();
    if (distinct.size() > MAX_COPIES) {
      throw TaskActionRefused.badRequest("一次最多抄送" + MAX_COPIES + "人");
    }
    Set<String> allowed = agencyPeople(work.agencyId());
    if (!allowed.containsAll(distinct)) {
      throw TaskActionRefused.badRequest("只能抄送给本机关的人员");
    }
    return distinct;
  }

  /** Who may co-sign the task besides its holder: its branch's people, or the agency unit whose task it is. */
  private List<String> cosigners(Work work, String holder) {
    String agency = work.agencyId();
    List<String> groups = switch (work.level()) {
      case MEMBER, BRANCH -> List.of(GroupIds.branchMembers(work.branchCode()), GroupIds.branchSecretaries(work.branchCode()));
      case AGENCY -> work.candidateGroups().stream()
          .filter(g -> g.equals(GroupIds.committee(agency)) || g.equals(GroupIds.partyGroup(agency))).toList();
      case COSIGN -> List.of();
    };
    Set<String> people = new LinkedHashSet<>();
    for (String group : groups) {
      engine(() -> identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list())
          .forEach(u -> people.add(u.getId()));
    }
    people.remove(holder);
    return List.copyOf(people);
  }

  private List<String> cosignerList(Work work, String holder, List<String> userIds) {
    if (userIds == null || userIds.isEmpty()) {
      throw TaskActionRefused.badRequest("请选择加签人");
    }
    List<String> distinct = userIds.stream().distinct().toList();
    if (distinct.size() > Cosigns.MAX_COSIGNERS) {
      throw TaskActionRefused.badRequest("一次最多请" + Cosigns.MAX_COSIGNERS + "人加签");
    }
    if (distinct.contains(holder)) {
      throw TaskActionRefused.badRequest("不能请自己加签");
    }
    if (!cosigners(work, holder).containsAll(distinct)) {
      throw TaskActionRefused.badRequest(work.level() == Level.AGENCY
          ? (work.candidateGroups().contains(GroupIds.committee(work.agencyId())) ? "加签人只能是本机关党委的委员"
              : "加签人只能是本单位党组的成员")
          : "加签人只能是本支部的党员");
    }
    List<String> waiting = engine(() -> cosigns.pending(work.task().getId())).stream().map(Task::getAssignee)
        .filter(distinct::contains).toList();
    if (!waiting.isEmpty()) {
      throw TaskActionRefused.conflict(String.join("、", waiting.stream().map(this::name).toList()) + "的加签尚未反馈，请勿重复请求");
    }
    return distinct;
  }

  private String reason(TaskAction action, String reason) {
    String text = reason == null ? null : reason.strip();
    if (text == null || text.isEmpty()) {
      if (reasonRequired(action)) {
        throw TaskActionRefused.badRequest(action.label() + "须填写理由");
      }
      return null;
    }
    String problem = CleanText.problem(text);
    if (problem != null) {
      throw TaskActionRefused.badRequest("理由" + problem);
    }
    int length = CleanText.length(text);
    boolean required = reasonRequired(action);
    if (length > MAX_REASON || required && length < MIN_WAIVE_REASON) {
      throw TaskActionRefused.badRequest("理由应为" + (required ? MIN_WAIVE_REASON : 1) + "至"
          + MAX_REASON + "个字，当前" + length + "个字");
    }
    return text;
  }

  private static String suffix(String reason) {
    return reason == null ? "" : "，理由：" + reason;
  }

  /** The engine's step of an action, given the ledger row's id; the messages it wrote. */
  interface Step {
    int run(String actionId);
  }

  /** Ledger row, comment, engine step and messages, in one transaction, without the caller's authorizations. */
  int record(Work work, TaskAction action, String actor, List<String> targets, String reason, String comment,
      Step step) {
    Task task = work.task();
    String id = UUID.randomUUID().toString();
    Integer sent = transaction.execute(status -> engine(() -> {
      // the task's row first: one completing it meanwhile waits for this action (or this one finds it gone)
      if (!ledger.lockOpenTask(task.getId())) {
        throw TaskActionRefused.notFound();
      }
      ledger.insert(new TaskActionLedger.Row(id, work.agencyId(), work.branchCode(), task.getProcessInstanceId(),
          task.getId(), task.getTaskDefinitionKey(), task.getName(), action.path(), actor, task.getAssignee(),
          targets.isEmpty() ? null : String.join(",", targets), reason, new Timestamp(ClockUtil.getCurrentTime().getTime())));
      tasks.createComment(task.getId(), task.getProcessInstanceId(), comment);
      return step.run(id);
    }));
    return sent == null ? 0 : sent;
  }

  private List<Person> names(java.util.Collection<String> userIds) {
    Map<String, String> names = engine(() -> organisation.userNames(userIds));
    return userIds.stream().map(id -> new Person(id, names.getOrDefault(id, id))).toList();
  }

  private String name(String userId) {
    return engine(() -> organisation.userNames(List.of(userId))).getOrDefault(userId, userId);
  }

  private <T> T engine(Supplier<T> read) {
    return EngineReads.withoutCaller(identity, read);
  }
}
