package cn.liutong.taskaction;

/** A task action that may not or cannot be carried out: the HTTP status and the reason in Chinese. */
public class TaskActionRefused extends RuntimeException {

  private final int status;

  TaskActionRefused(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static TaskActionRefused notFound() {
    return new TaskActionRefused(404, "没有这项待办任务");
  }

  static TaskActionRefused forbidden(String reason) {
    return new TaskActionRefused(403, reason);
  }

  static TaskActionRefused badRequest(String reason) {
    return new TaskActionRefused(400, reason);
  }

  static TaskActionRefused conflict(String reason) {
    return new TaskActionRefused(409, reason);
  }
}
