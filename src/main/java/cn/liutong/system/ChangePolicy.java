package cn.liutong.system;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one policy for what a person (an authenticated user who is not in {@code camunda-admin}) may change.
 * Two doors lead to a change, and both pass here:
 * <ol>
 * <li>HTTP: every operation of every JAX-RS application (engine REST API, the webapps' APIs, plugins) is
 * refused by default ({@link #mayCall}); reads, queries sent as POST and the operations of {@link #ALLOWED}
 * pass. {@link ChangePolicyRestFilter} asks before the resource method runs, so an endpoint nobody thought
 * of is refused. A task's sub-resources ({@code /task/{id}/...}) are reached only for a task the person may
 * see (engine query with authorization and tenant checks), closing by-id calls that check neither.</li>
 * <li>Engine commands behind the allowed operations ({@link Guard}): a task's and a start form's variables
 * only within the form ({@link FormFields}), clean text only ({@link CleanText}), a task claimed only for
 * oneself and given only to someone who could have claimed it, and a task's variables read only as far as
 * its form shows them.</li>
 * </ol>
 * Administrators and engine-internal code (job executor, delegates, the demo) are not concerned.
 */
@Component
public class ChangePolicy extends AbstractProcessEnginePlugin {

  static final String REFUSED = "无权执行此操作";
  static final String TASK_GONE = "该任务不存在，或刚刚已被他人办理";
  /** A task with open co-sign tasks (加签, sub-tasks) is not completed: answered 409 ({@link ApiErrors}). */
  static final String COSIGN_PENDING = "该任务尚有加签意见未反馈，请待全部加签人反馈或撤回加签后再办理";
  static final String COSIGN_TASK = "加签任务请在“办理操作”页签中选择同意或不同意，并填写意见";

  /**
   * The changes a person may ask for, as {@code METHOD /template} relative to the engine (the webapps'
   * {@code /engine/{name}} prefix removed). Everything else that is not a read is refused.
   */
  static final Map<String, String> ALLOWED = Map.ofEntries(
      Map.entry("POST /task/{id}/claim", "for oneself only"),
      Map.entry("POST /task/{id}/unclaim", "gives the task back to its candidates"),
      Map.entry("POST /task/{id}/assignee", "to someone who could have claimed it"),
      Map.entry("POST /task/{id}/delegate", "to someone who could have claimed it"),
      Map.entry("POST /task/{id}/complete", "form fields only"),
      Map.entry("POST /task/{id}/submit-form", "form fields only"),
      Map.entry("POST /task/{id}/resolve", "form fields only"),
      Map.entry("PUT /task/{id}/variables/{varId}", "a form field, saved as a draft"),
      Map.entry("POST /task/{id}/variables", "form fields, saved as a draft"),
      Map.entry("DELETE /task/{id}/variables/{varId}", "a form field"),
      Map.entry("POST /task/{id}/comment/create", "evidence of the work (留痕)"),
      Map.entry("POST /plugin/liutong-attachments/{engine}/task/{taskId}", "a file for the work (留痕), checked by Attachments"),
      Map.entry("DELETE /plugin/liutong-attachments/{engine}/attachment/{attachmentId}", "one's own file, while one's task is open"),
      Map.entry("POST /plugin/liutong-task-actions/{engine}/task/{taskId}/{action}", "转办, 委派, 免办…: checked by TaskActions"),
      Map.entry("POST /process-definition/{id}/submit-form", "start form fields only"),
      Map.entry("POST /process-definition/key/{key}/submit-form", "start form fields only"),
      Map.entry("POST /process-definition/key/{key}/tenant-id/{tenantId}/submit-form", "start form fields only"),
      Map.entry("PUT /user/{id}/credentials", "one's own password; Camunda asks for the current one"),
      Map.entry("POST /identity/password-policy", "checks a candidate password, writes nothing"),
      Map.entry("POST /auth/user/{processEngineName}/login/{appName}", "webapp login"),
      Map.entry("POST /auth/user/{processEngineName}/logout", "webapp logout"));

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String TASK_SUB_RESOURCE = "/task/{id}/";

  private final ObjectProvider<ProcessEngine> engine;
  private final FormFields forms;

  ChangePolicy(ObjectProvider<ProcessEngine> engine, FormFields forms) {
    this.engine = engine;
    this.forms = forms;
  }

  /** The engine's services, known from its start on (the engine bean is not, while it is being built). */
  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    ApiErrors.addOutsideTransaction(configuration, new Guard());
  }

  /** {@code METHOD /path/template}, with regular expressions and the webapps' engine prefix removed. */
  static String operation(String httpMethod, String template) {
    String path = ("/" + template).replaceAll("\\{([^}:]+?)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
    if (path.startsWith("/engine/{name}")) {
      path = path.substring("/engine/{name}".length());
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return httpMethod + " " + (path.isEmpty() ? "/" : path);
  }

  /** Whether a REST operation may go ahead for a person. */
  static boolean allowed(String operation, String javaMethod) {
    String httpMethod = operation.substring(0, operation.indexOf(' '));
    return READS.contains(httpMethod)
        // Camunda names its queries sent as POST (long filter bodies) query*: they read, like GET
        || "POST".equals(httpMethod) && javaMethod.startsWith("query")
        || ALLOWED.containsKey(operation);
  }

  /** What the REST filter does with a request: go ahead, refuse (403) or not found (404). */
  enum Verdict { PASS, REFUSE, NOT_FOUND }

  Verdict decide(String operation, String javaMethod, String taskId) {
    if (!isPerson()) {
      return Verdict.PASS;
    }
    if (!allowed(operation, javaMethod)) {
      return Verdict.REFUSE;
    }
    if (operation.contains(TASK_SUB_RESOURCE) && taskId != null && !mayReadTask(taskId)) {
      return Verdict.NOT_FOUND;
    }
    return Verdict.PASS;
  }

  private boolean mayReadTask(String taskId) {
    return engine.getObject().getTaskService().createTaskQuery().taskId(taskId).count() == 1;
  }

  boolean isPerson() {
    if (configuration == null || configuration.getIdentityService() == null) {
      return false;
    }
    return Caller.current(configuration.getIdentityService()).isPerson();
  }

  private String caller() {
    return Caller.current(engine.getObject().getIdentityService()).userId();
  }

  /** The engine side of the policy, around every command, outside its transaction. */
  final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!isPerson()) {
        return next.execute(command);
      }
      check(command);
      T result;
      try {
        result = next.execute(command);
      } catch (AuthorizationException refused) {
        throw goneMeanwhile(command, refused);
      }
      return readable(command, result);
    }
  }

  /**
   * Camunda's own attachments (engine REST {@code /task/{id}/attachment…}, TaskService) know neither branch
   * nor file type: people attach and read files through the attachments tab ({@code cn.liutong.attachment}),
   * which applies the work's visibility and the type and size limits.
   */
  static final String ATTACHMENTS_ELSEWHERE = "附件请在任务的“附件”页签中上传和查看";
  private static final Set<Class<?>> ENGINE_ATTACHMENT_COMMANDS = Set.of(CreateAttachmentCmd.class,
      SaveAttachmentCmd.class, DeleteAttachmentCmd.class, GetAttachmentCmd.class, GetAttachmentContentCmd.class,
      GetTaskAttachmentCmd.class, GetTaskAttachmentContentCmd.class, GetTaskAttachmentsCmd.class,
      GetProcessInstanceAttachmentsCmd.class);

  private void check(Command<?> command) {
    if (ENGINE_ATTACHMENT_COMMANDS.contains(command.getClass())) {
      throw new AuthorizationException(ATTACHMENTS_ELSEWHERE);
    }
    FormFieldGuard.StartForm start = FormFieldGuard.startForm(command);
    if (start != null) {
      forms.checkStart(start.processDefinitionId(), start.values());
      return;
    }
    FormFieldGuard.Handover handover = FormFieldGuard.handover(command);
    if (handover != null) {
      refuseCosignTask(handover.taskId());
    }
    if (handover != null && handover.kind() == FormFieldGuard.Handover.Kind.CLAIM) {
      requireTask(handover.taskId());
      if (handover.userId() != null && !handover.userId().equals(caller())) {
        throw new AuthorizationException("只能为自己认领任务；交给他人请使用“指派”");
      }
      requireOffered(handover.taskId());
      return;
    }
    if (handover != null) {
      checkRecipient(handover.taskId(), handover.userId(), handover.kind() == FormFieldGuard.Handover.Kind.ASSIGN);
      return;
    }
    FormFields.Change change = FormFieldGuard.change(command);
    if (change != null) {
      requireTask(change.taskId());
      refuseCosignTask(change.taskId());
      if (command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd && !(command instanceof ResolveTaskCmd)) {
        requireNoPendingCosign(change.taskId());
      }
      if (command instanceof ResolveTaskCmd) {
        requireDelegated(change.taskId());
      } else {
        requireNotSomeoneElses(change.taskId());
      }
      forms.checkTask(change);
    } else if (Context.getCommandContext() == null && FormFieldGuard.writesVariables(command)) {
      throw new AuthorizationException(REFUSED); // a person's own call (not one inside an allowed step)
    }
  }

  /**
   * A task is given only to someone who exists and could have claimed it: a member of a candidate group. Taking it
   * for oneself is the same (the committee hands a member's task on through its recorded 转办, never by taking it),
   * and giving it back (no one) only where there are candidates to take it up again.
   */
  private void checkRecipient(String taskId, String userId, boolean assign) {
    requireTask(taskId);
    var services = engine.getObject();
    var links = FormFields.asEngine(services, () -> services.getTaskService().getIdentityLinksForTask(taskId));
    List<String> candidateGroups = links.stream().filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
        .map(l -> l.getGroupId()).toList();
    boolean pool = links.stream().anyMatch(l -> "candidate".equals(l.getType()));
    if (userId == null) {
      if (!pool) {
        throw new AuthorizationException("该任务只由指定的人办理，不能退回");
      }
      return;
    }
    boolean already = assign && links.stream().anyMatch(l -> "assignee".equals(l.getType()) && userId.equals(l.getUserId()));
    boolean candidateUser = links.stream().anyMatch(l -> "candidate".equals(l.getType()) && userId.equals(l.getUserId()));
    boolean candidate = already || candidateUser || candidateGroups.stream().anyMatch(group ->
        services.getIdentityService().createUserQuery().userId(userId).memberOfGroup(group).count() == 1);
    if (!candidate) {
      throw new AuthorizationException("只能将任务交给可办理该任务的本单位人员");
    }
  }

  /**
   * A co-sign task (加签: a sub-task, the only ones there are) is answered through the recorded task actions, never
   * completed, handed on or given variables by a person: its variables would resolve up to its task's process.
   */
  private void refuseCosignTask(String taskId) {
    var services = engine.getObject();
    var task = FormFields.asEngine(services, () -> services.getTaskService().createTaskQuery().taskId(taskId).singleResult());
    if (task != null && task.getParentTaskId() != null) {
      throw new AuthorizationException(COSIGN_TASK);
    }
  }

  /** A task is not completed while its co-signers have not all answered (or been withdrawn). */
  private void requireNoPendingCosign(String taskId) {
    var services = engine.getObject();
    if (!FormFields.asEngine(services, () -> services.getTaskService().getSubTasks(taskId)).isEmpty()) {
      throw new CosignPendingException();
    }
  }

  /** Completing a task whose co-signers have not all answered: 409 with {@link #COSIGN_PENDING}. */
  static final class CosignPendingException extends org.camunda.bpm.engine.ProcessEngineException {
    CosignPendingException() {
      super(COSIGN_PENDING);
    }
  }

  /** Resolving gives a task back to its owner: an undelegated task would be left with no one (its owner is none). */
  private void requireDelegated(String taskId) {
    var services = engine.getObject();
    var task = FormFields.asEngine(services, () -> services.getTaskService().createTaskQuery().taskId(taskId).singleResult());
    if (task == null || task.getDelegationState() != DelegationState.PENDING) {
      throw new AuthorizationException("该任务不在委派中，无需交回");
    }
  }

  /** Shown when a person completes a task given to someone else (the committee's way is 免办 or 转办). */
  static final String SOMEONE_ELSES = "此任务已交由他人办理，不能代为完成；如需免办或转办，请在“办理操作”中进行";

  /**
   * A person completes a task that is theirs or still in a pool they belong to, never one given to someone else:
   * an agency-wide grant (the committee's) would otherwise let a supervisor fill in a member's form in the
   * member's name. Handing it on or waiving it is done through the recorded task actions.
   */
  private void requireNotSomeoneElses(String taskId) {
    var services = engine.getObject();
    var task = FormFields.asEngine(services, () -> services.getTaskService().createTaskQuery().taskId(taskId).singleResult());
    if (task != null && task.getAssignee() != null && !task.getAssignee().equals(caller())) {
      throw new AuthorizationException(SOMEONE_ELSES);
    }
    if (task != null && task.getAssignee() == null) {
      requireOffered(taskId);
    }
  }

  static final String NOT_OFFERED = "此任务不由您办理，请由负责的组织认领办理；机关党委如需代办，请在“办理操作”中转办或免办";

  /**
   * An unassigned task is taken or completed only by those it is offered to (a candidate user or a member of a
   * candidate group). The committee sees every task of its agency and hands them on (转办, 免办), but it does not
   * sign for a branch or approve for the party group.
   */
  private void requireOffered(String taskId) {
    var services = engine.getObject();
    var links = FormFields.asEngine(services, () -> services.getTaskService().getIdentityLinksForTask(taskId)).stream()
        .filter(l -> "candidate".equals(l.getType())).toList();
    if (links.isEmpty()) {
      return; // offered to no one: the engine's grants decide
    }
    Caller caller = Caller.current(services.getIdentityService());
    boolean offered = links.stream().anyMatch(l -> caller.userId().equals(l.getUserId())
        || l.getGroupId() != null && caller.groupIds().contains(l.getGroupId()));
    if (!offered) {
      throw new AuthorizationException(NOT_OFFERED);
    }
  }

  /**
   * A task completed or ended by someone else while this command ran takes its grants with it; the engine's
   * check then refuses as if the person had no right. They did: the task is gone (404), not forbidden.
   */
  private RuntimeException goneMeanwhile(Command<?> command, AuthorizationException refused) {
    FormFields.Change change = FormFieldGuard.change(command);
    String taskId = change != null ? change.taskId() : null;
    if (taskId != null) {
      var services = engine.getObject();
      boolean exists = FormFields.asEngine(services, () -> services.getTaskService().createTaskQuery().taskId(taskId).count()) > 0;
      if (!exists) {
        return new NotFoundException(TASK_GONE);
      }
    }
    return refused;
  }

  private void requireTask(String taskId) {
    if (taskId == null || !mayReadTask(taskId)) {
      throw new NotFoundException(TASK_GONE);
    }
  }

  /** A person reads a task's variables only as far as the task's form shows them. */
  @SuppressWarnings("unchecked")
  private <T> T readable(Command<T> command, T result) {
    FormFieldGuard.VariableRead read = FormFieldGuard.variableRead(command);
    if (read == null) {
      return result;
    }
    if (read.name() != null) {
      return forms.shownFields(read.taskId()).contains(read.name()) ? result : null;
    }
    if (result instanceof VariableMap variables) {
      Set<String> shown = forms.shownFields(read.taskId());
      variables.keySet().retainAll(shown);
    }
    return result;
  }
}
