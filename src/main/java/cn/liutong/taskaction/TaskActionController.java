package cn.liutong.taskaction;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.liutong.notification.Callers;

/**
 * The task actions over HTTP Basic ({@code /api}): {@code GET /api/tasks/{id}/actions} lists what the caller may
 * do; {@code POST /api/tasks/{id}/actions/{action}} does it ({@link TaskActions}), with a JSON body
 * ({@code userId}, {@code userIds}, {@code reason} as the action takes them).
 */
@RestController
class TaskActionController {

  private final TaskActions actions;

  TaskActionController(TaskActions actions) {
    this.actions = actions;
  }

  @GetMapping(path = "/api/tasks/{taskId}/actions", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> available(@PathVariable String taskId) {
    try {
      return ResponseEntity.ok(actions.available(taskId));
    } catch (TaskActionRefused refused) {
      return Callers.error(HttpStatus.valueOf(refused.status()), refused.getMessage());
    }
  }

  @PostMapping(path = "/api/tasks/{taskId}/actions/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> perform(@PathVariable String taskId, @PathVariable String action,
      @RequestBody(required = false) String body) {
    try {
      return ResponseEntity.ok(actions.perform(taskId, action, body));
    } catch (TaskActionRefused refused) {
      return Callers.error(HttpStatus.valueOf(refused.status()), refused.getMessage());
    }
  }
}
