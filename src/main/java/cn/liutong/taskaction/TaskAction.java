package cn.liutong.taskaction;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Chinese office actions on an open task, as named in the path ({@code /api/tasks/{id}/actions/{path}}) and
 * recorded in {@code lt_task_action.action}.
 */
public enum TaskAction {
  REASSIGN("reassign", "转办"),
  DELEGATE("delegate", "委派"),
  RESOLVE("resolve", "完成委派"),
  WAIVE("waive", "免办"),
  URGE("urge", "催办"),
  COPY("copy", "抄送"),
  RETURN("return", "退回"),
  /**
   * 推进: the committee stops waiting for a late branch in 同部署 or 同落实; the branch's open work in the stage
   * ends and the branch is recorded as late (the task acted on names the stage and the branch).
   */
  PROCEED("proceed", "推进"),
  /** Asks colleagues to co-sign: each gets a co-sign task of their own ({@link Cosigns}). */
  COSIGN("cosign", "加签"),
  /** The holder withdraws the co-sign requests not yet answered. */
  WITHDRAW("withdraw", "撤回加签"),
  /** A co-signer's answers on their co-sign task. */
  AGREE("agree", "同意"),
  DISAGREE("disagree", "不同意"),
  /** Not a person's action: the system's escalation of an overdue task up the organisation ({@link TaskEscalations}). */
  ESCALATE("escalate", "督办"),
  /** Not a person's action: the system hands a task on when its person left the unit ({@link TaskHandovers}). */
  HANDOVER("handover", "交接"),
  /** Not a person's action: a branch detached from the agency leaves the running cycle ({@link BranchChanges}). */
  DETACH("detach", "撤销支部");

  private final String path;
  private final String label;

  TaskAction(String path, String label) {
    this.path = path;
    this.label = label;
  }

  public String path() {
    return path;
  }

  public String label() {
    return label;
  }

  public static Optional<TaskAction> of(String path) {
    return Arrays.stream(values()).filter(a -> a.path.equals(path)).findFirst();
  }
}
