package cn.liutong.notification;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.liutong.organisation.GroupIds;
import cn.liutong.system.EngineReads;

/**
 * 催办: the agency's party committee urges the people of an open task, at most once a day per task (409
 * after). Another agency's task answers 404, as if it did not exist; anyone else of the agency gets 403.
 */
@RestController
class UrgeController {

  private final TaskService tasks;
  private final IdentityService identity;
  private final TaskReminders reminders;
  private final Outbox outbox;

  UrgeController(TaskService tasks, IdentityService identity, TaskReminders reminders, Outbox outbox) {
    this.tasks = tasks;
    this.identity = identity;
    this.reminders = reminders;
    this.outbox = outbox;
  }

  @PostMapping(path = "/api/tasks/{taskId}/urge", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> urge(@PathVariable String taskId) {
    var caller = identity.getCurrentAuthentication();
    if (caller == null) {
      return Callers.error(HttpStatus.UNAUTHORIZED, "请先登录");
    }
    Task task = EngineReads.withoutCaller(identity, () -> tasks.createTaskQuery().taskId(taskId).active().singleResult());
    if (task == null || task.getTenantId() == null || caller.getTenantIds() == null
        || !caller.getTenantIds().contains(task.getTenantId())) {
      return Callers.error(HttpStatus.NOT_FOUND, "没有这项待办任务");
    }
    if (!Callers.groups(identity).contains(GroupIds.committee(task.getTenantId()))) {
      return Callers.error(HttpStatus.FORBIDDEN, "只有本机关党委可以催办");
    }
    if (outbox.hasEvent(reminders.urgeEvent(taskId))) {
      return Callers.error(HttpStatus.CONFLICT, "今天已经催办过这项任务");
    }
    User urger = EngineReads.withoutCaller(identity,
        () -> identity.createUserQuery().userId(caller.getUserId()).singleResult());
    int messages = reminders.urge(task, urger == null ? caller.getUserId() : urger.getFirstName());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("messages", messages));
  }
}
