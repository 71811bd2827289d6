package cn.liutong.taskaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 加签: the holder of a task asks colleagues to co-sign it. Each co-signer gets a Camunda sub-task of the task
 * ({@code parentTaskId}), assigned to them and owned by the holder:
 * <ul>
 * <li>the engine gives it the task's tenant (a sub-task cannot have another) and grants its assignee and owner,
 * and only them, READ/UPDATE on it (the default authorization provider), so Tasklist lists it for the co-signer,
 * and nobody else of the branch or of another one reaches it by id;</li>
 * <li>the engine deletes the sub-tasks still open whenever the task ends, whatever ends it (a boundary event,
 * a cancelled stage), so a co-sign request never outlives its task;</li>
 * <li>a sub-task's variables would resolve up to the task and its process instance: people never write them
 * ({@code ChangePolicy} refuses completing or changing a co-sign task), the answer is written here as the
 * sub-task's local variables, and read back from the ledger.</li>
 * </ul>
 * The task is not completed while a sub-task is open ({@code ChangePolicy}, 409).
 */
@Component
public class Cosigns {

  /** The co-sign task's local variables, written when the co-signer answers. */
  static final String VAR_AGREED = "cosignAgreed";
  static final String VAR_OPINION = "cosignOpinion";
  static final String NAME_PREFIX = "加签：";
  static final int MAX_COSIGNERS = 10;

  private final TaskService tasks;
  private final TaskActionLedger ledger;

  Cosigns(TaskService tasks, TaskActionLedger ledger) {
    this.tasks = tasks;
    this.ledger = ledger;
  }

  /** One co-signer of a task, as the ledger tells it: 待反馈, 同意, 不同意 or 已撤回, with the opinion. */
  public record Cosign(String userId, String name, String state, String opinion, String answeredAt) {
  }

  /** What a co-signer sees of the task they were asked to co-sign. */
  public record Request(String taskId, String taskName, String requester, String requesterName, String note) {
  }

  /** The open co-sign tasks of a task (engine reads: call without the caller's authorizations). */
  List<Task> pending(String taskId) {
    return tasks.getSubTasks(taskId);
  }

  /** Creates the co-sign task of one co-signer. */
  Task create(Task task, String requester, String cosigner, String description) {
    Task cosign = tasks.newTask();
    cosign.setParentTaskId(task.getId());
    cosign.setName(NAME_PREFIX + task.getName());
    cosign.setDescription(description);
    cosign.setOwner(requester);
    cosign.setAssignee(cosigner);
    cosign.setPriority(task.getPriority());
    // due with its task: the co-signer sees the date and is reminded (明日到期, 已逾期); the task itself is escalated
    cosign.setDueDate(task.getDueDate());
    tasks.saveTask(cosign);
    return cosign;
  }

  /** Records the co-signer's answer on their co-sign task and completes it. */
  void answer(Task cosign, boolean agreed, String opinion, String comment) {
    tasks.createComment(cosign.getId(), null, comment);
    tasks.setVariableLocal(cosign.getId(), VAR_AGREED, agreed);
    if (opinion != null) {
      tasks.setVariableLocal(cosign.getId(), VAR_OPINION, opinion);
    }
    tasks.complete(cosign.getId());
  }

  /** Removes the open co-sign tasks of a task (withdrawn, or the task ends); their co-signers. */
  List<String> remove(String taskId, String reason) {
    List<String> cosigners = new ArrayList<>();
    for (Task cosign : pending(taskId)) {
      cosigners.add(cosign.getAssignee());
      tasks.deleteTask(cosign.getId(), reason);
    }
    return cosigners;
  }

  /** The co-signers of a task and their answers, from the ledger (oldest request first). */
  List<Cosign> of(String taskId, Map<String, String> names) {
    Map<String, Cosign> cosigns = new LinkedHashMap<>();
    for (TaskActionLedger.Row row : ledger.ofTask(taskId)) {
      TaskAction action = TaskAction.of(row.action()).orElse(null);
      if (action == TaskAction.COSIGN || action == TaskAction.WITHDRAW) {
        for (String user : targets(row)) {
          cosigns.put(user, new Cosign(user, names.getOrDefault(user, user),
              action == TaskAction.COSIGN ? "待反馈" : "已撤回", null, null));
        }
      } else if (action == TaskAction.AGREE || action == TaskAction.DISAGREE) {
        cosigns.put(row.actor(), new Cosign(row.actor(), names.getOrDefault(row.actor(), row.actor()), action.label(),
            row.reason(), row.actedAt().toLocalDateTime().withNano(0).toString().replace('T', ' ')));
      }
    }
    return List.copyOf(cosigns.values());
  }

  /** Everyone a task's ledger names as a co-signer. */
  List<String> people(String taskId) {
    return ledger.ofTask(taskId).stream().filter(r -> TaskAction.COSIGN.path().equals(r.action()))
        .flatMap(r -> targets(r).stream()).distinct().toList();
  }

  private static Collection<String> targets(TaskActionLedger.Row row) {
    return row.targets() == null ? List.of() : List.of(row.targets().split(","));
  }
}
