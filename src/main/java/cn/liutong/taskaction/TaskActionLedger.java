package cn.liutong.taskaction;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger of task actions ({@code lt_task_action}): who did what to whose task, to whom, why and when. */
@Repository
public class TaskActionLedger {

  private static final String COLUMNS = "id, agency_id, branch_code, process_instance_id, task_id, task_key, task_name, "
      + "action, actor, previous_assignee, targets, reason, acted_at";

  /** One action as recorded; {@code targets} comma-separated user ids. */
  public record Row(String id, String agencyId, String branchCode, String processInstanceId, String taskId,
      String taskKey, String taskName, String action, String actor, String previousAssignee, String targets,
      String reason, Timestamp actedAt) {
  }

  private final JdbcClient jdbc;

  TaskActionLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row row) {
    jdbc.sql("insert into lt_task_action (" + COLUMNS + ") values (:id, :agencyId, :branchCode, :processInstanceId, "
        + ":taskId, :taskKey, :taskName, :action, :actor, :previousAssignee, :targets, :reason, :actedAt)")
        .paramSource(row).update();
  }

  /**
   * Locks the task's row in the engine's table for the rest of the transaction; false when the task is gone
   * (completed meanwhile). A completion of the same task waits for the lock and then fails on its revision, so
   * an action that ends the task's scope and the person's completion cannot both succeed.
   */
  boolean lockOpenTask(String taskId) {
    return !jdbc.sql("select ID_ from ACT_RU_TASK where ID_ = :task for update").param("task", taskId).query(String.class)
        .list().isEmpty();
  }

  /** The actions of one kind on the tasks of a process instance (a cycle), oldest first. */
  public List<Row> ofInstance(String processInstanceId, TaskAction action) {
    return jdbc.sql("select " + COLUMNS + " from lt_task_action where process_instance_id = :instance and action = :action"
        + " order by acted_at, id").param("instance", processInstanceId).param("action", action.path()).query(Row.class).list();
  }

  /** Everything done to a task, oldest first. */
  public List<Row> ofTask(String taskId) {
    return jdbc.sql("select " + COLUMNS + " from lt_task_action where task_id = :task order by acted_at, id")
        .param("task", taskId).query(Row.class).list();
  }
}
