package cn.liutong.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.liutong.attachment.AttachmentLedger.Row;
import cn.liutong.cycle.CycleLedger;
import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.organisation.Visibility;
import cn.liutong.system.CleanText;
import cn.liutong.system.EngineReads;

/**
 * Attachments (留痕) follow the work they evidence: a branch's work in one process instance. The person
 * doing an evidence task ({@link EvidenceTasks}; its assignee) attaches and removes their own files while
 * the task is open; whoever sees the branch's rows of the ledger ({@link Visibility}: the committee, the
 * party group, the branch's secretaries) or has an open task in the same instance for the same branch
 * reads them, from their own task or the 六同看板, also after the uploader's task is done. Everyone else
 * gets 404, as for a file that does not exist.
 */
@Service
public class Attachments {

  static final String BRANCH_VARIABLE = "branchCode";
  static final String CYCLE_VARIABLE = "cycleId";
  static final String CLAIM_FIRST = "请先认领该任务，再上传附件";
  static final String TASK_GONE = "该任务不存在、已办结，或您无权办理";

  private final ProcessEngine engine;
  private final Visibility visibility;
  private final CycleLedger cycles;
  private final AttachmentLedger ledger;
  private final AttachmentStore store;
  private final DataSize maxSize;

  Attachments(ProcessEngine engine, Visibility visibility, CycleLedger cycles, AttachmentLedger ledger,
      AttachmentStore store, @Value("${liutong.attachment.max-size:20MB}") DataSize maxSize) {
    this.engine = engine;
    this.visibility = visibility;
    this.cycles = cycles;
    this.ledger = ledger;
    this.store = store;
    this.maxSize = maxSize;
  }

  /** An attachment as people see it; {@code mayDelete} for its uploader while their task is open. */
  public record Summary(String id, String fileName, String contentType, long sizeBytes, String taskName,
      String uploadedBy, String uploadedByName, Timestamp uploadedAt, boolean image, boolean mayDelete) {
  }

  /** A task's attachments tab: the work's files and whether (or why not) the caller may add some. */
  public record TaskAttachments(boolean mayUpload, String uploadRefusal, String purpose, long maxBytes,
      String allowedTypes, List<Summary> attachments) {
  }

  /** A file to send: name, stored content type, bytes. */
  public record Download(String fileName, String contentType, byte[] content, boolean image) {
  }

  /** The work a task belongs to. */
  private record Work(Task task, String formKey, String agencyId, String branchCode, String cycleId) {
  }

  public long maxBytes() {
    return maxSize.toBytes();
  }

  public TaskAttachments ofTask(String taskId) {
    Work work = work(taskId);
    String refusal = uploadRefusal(work);
    String caller = caller();
    List<Summary> files = ledger.ofWork(work.task().getProcessInstanceId(), work.branchCode()).stream()
        .map(row -> summary(row, row.uploadedBy().equals(caller) && row.taskId().equals(taskId) && caller.equals(work.task().getAssignee())))
        .toList();
    return new TaskAttachments(refusal == null, refusal, EvidenceTasks.FORMS.get(work.formKey()), maxBytes(),
        FileType.ALLOWED, files);
  }

  /**
   * Attaches a file to the task's work. The size is checked before reading beyond the limit (413), the
   * name cleaned, the kind recognised from the content (415); ledger row and bytes commit together.
   */
  @Transactional
  public Summary upload(String taskId, String rawName, long declaredLength, InputStream body) {
    Work work = work(taskId);
    String refusal = uploadRefusal(work);
    if (refusal != null) {
      throw new AttachmentRefused(403, refusal);
    }
    String fileName = fileName(rawName);
    if (declaredLength > maxBytes()) {
      throw tooLarge();
    }
    byte[] content = readAtMost(body, maxBytes());
    if (content.length == 0) {
      throw new AttachmentRefused(400, "文件为空，请选择要上传的文件");
    }
    FileType type = FileType.byName(fileName)
        .orElseThrow(() -> new AttachmentRefused(415, "不支持该文件类型，仅接受" + FileType.ALLOWED));
    if (!type.matches(content)) {
      throw new AttachmentRefused(415, "文件内容与扩展名不符，不是有效的" + type.extensions.get(0).toUpperCase()
          + "文件；仅接受" + FileType.ALLOWED);
    }
    Row row = new Row(UUID.randomUUID().toString(), work.agencyId(), work.branchCode(), work.cycleId(),
        work.task().getProcessInstanceId(), taskId, work.formKey(), work.task().getName(), fileName, type.contentType,
        content.length, sha256(content), caller(), now(), null, null);
    ledger.insert(row);
    store.put(row.id(), content);
    return summary(row, true);
  }

  /** Removes one's own attachment while its task is open and one is doing it; the ledger row stays. */
  @Transactional
  public void delete(String attachmentId) {
    Row row = readable(attachmentId);
    String caller = caller();
    if (!row.uploadedBy().equals(caller)) {
      throw new AttachmentRefused(403, "只能删除自己上传的附件");
    }
    Task task = engine.getTaskService().createTaskQuery().taskId(row.taskId()).singleResult();
    if (task == null || !caller.equals(task.getAssignee())) {
      throw new AttachmentRefused(403, "该附件所属任务已办结或不在您名下，附件不能再删除");
    }
    if (ledger.markDeleted(row.id(), caller, now())) {
      store.delete(row.id());
    }
  }

  public Download open(String attachmentId) {
    Row row = readable(attachmentId);
    byte[] content = store.get(row.id()).orElseThrow(AttachmentRefused::notFound);
    FileType type = FileType.byContentType(row.contentType()).orElseThrow(AttachmentRefused::notFound);
    return new Download(row.fileName(), type.contentType, content, type.images());
  }

  /** A branch's attachments in a cycle (its own work and its rectifications), for the 六同看板's branch page. */
  public Optional<List<Summary>> ofBranch(String cycleId, String branchCode) {
    Scope scope = visibility.scope();
    var cycle = cycleId == null ? null : cycles.cycle(cycleId);
    if (cycle == null || branchCode == null || !scope.seesBranch(cycle.agencyId(), branchCode)) {
      return Optional.empty();
    }
    return Optional.of(ledger.ofCycle(cycleId).stream()
        .filter(row -> !row.deleted() && branchCode.equals(row.branchCode()) && cycle.agencyId().equals(row.agencyId()))
        .map(row -> summary(row, false)).toList());
  }

  /** The ledger of a cycle's attachments (removals included) as far as the caller sees branches' rows. */
  public Optional<List<Row>> ledgerOfCycle(String cycleId) {
    Scope scope = visibility.scope();
    var cycle = cycleId == null ? null : cycles.cycle(cycleId);
    if (cycle == null || !scope.seesCycleOf(cycle.agencyId())) {
      return Optional.empty();
    }
    return Optional.of(ledger.ofCycle(cycleId).stream()
        .filter(row -> cycle.agencyId().equals(row.agencyId()) && sees(scope, row)).toList());
  }

  // ------------------------------------------------------------------ visibility

  /** The attachment if the caller may read it, else 404 (the same answer as for one that does not exist). */
  private Row readable(String attachmentId) {
    Row row = attachmentId == null ? null : ledger.find(attachmentId).orElse(null);
    if (row == null || row.deleted() || !mayRead(row)) {
      throw AttachmentRefused.notFound();
    }
    return row;
  }

  private boolean mayRead(Row row) {
    Scope scope = visibility.scope();
    if (!scope.seesCycleOf(row.agencyId())) {
      return false;
    }
    if (sees(scope, row)) {
      return true;
    }
    // someone working on the same branch's work now (e.g. a reviewer who is a candidate of its task)
    return engine.getTaskService().createTaskQuery().processInstanceId(row.processInstanceId()).list().stream()
        .anyMatch(task -> java.util.Objects.equals(row.branchCode(), branchOf(task)));
  }

  private static boolean sees(Scope scope, Row row) {
    return row.branchCode() == null ? scope.seesWholeAgency(row.agencyId()) : scope.seesBranch(row.agencyId(), row.branchCode());
  }

  // ------------------------------------------------------------------ the work of a task

  /** The task as the caller sees it (engine query with their authorizations and tenants), or 404. */
  private Work work(String taskId) {
    Task visible = taskId == null ? null : engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    if (visible == null) {
      throw new AttachmentRefused(404, TASK_GONE);
    }
    Task task = asEngine(() -> engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    CamundaFormRef form = task.getCamundaFormRef();
    String formKey = form != null ? form.getKey() : task.getFormKey();
    String branch = branchOf(task);
    Object cycleVariable = asEngine(() -> engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CYCLE_VARIABLE));
    String cycleId = cycleVariable instanceof String id ? id
        : cycles.cycle(task.getProcessInstanceId()) != null ? task.getProcessInstanceId() : null;
    if (task.getTenantId() == null) {
      throw new AttachmentRefused(404, TASK_GONE);
    }
    return new Work(task, formKey, task.getTenantId(), branch, cycleId);
  }

  private String branchOf(Task task) {
    Object branch = asEngine(() -> engine.getRuntimeService().getVariable(task.getExecutionId(), BRANCH_VARIABLE));
    return branch instanceof String code && !code.isBlank() ? code : null;
  }

  private String uploadRefusal(Work work) {
    if (!EvidenceTasks.acceptsUploads(work.formKey())) {
      return EvidenceTasks.REFUSED;
    }
    return caller().equals(work.task().getAssignee()) ? null : CLAIM_FIRST;
  }

  // ------------------------------------------------------------------ helpers

  /** The last part of what the browser sent (no folders), clean text, 1–200 characters. */
  static String fileName(String raw) {
    String name = raw == null ? "" : raw.strip();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new AttachmentRefused(400, "缺少文件名");
    }
    String problem = CleanText.problem(name);
    if (problem != null) {
      throw new AttachmentRefused(400, "文件名" + problem);
    }
    if (name.codePointCount(0, name.length()) > 200) {
      throw new AttachmentRefused(400, "文件名过长（最多200个字）");
    }
    return name;
  }

  private AttachmentRefused tooLarge() {
    return new AttachmentRefused(413, "文件超过大小上限" + human(maxBytes()) + "，请压缩或拆分后再上传");
  }

  private static String human(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MB" : bytes / 1024 + "KB";
  }

  /** Reads at most {@code limit} bytes; one byte more means the file is too large (the rest is never read). */
  private byte[] readAtMost(InputStream body, long limit) {
    try {
      byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (content.length > limit) {
        throw tooLarge();
      }
      return content;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Summary summary(Row row, boolean mayDelete) {
    var user = asEngine(() -> engine.getIdentityService().createUserQuery().userId(row.uploadedBy()).singleResult());
    String name = user == null ? row.uploadedBy() : (user.getFirstName() + (user.getLastName() == null ? "" : user.getLastName())).strip();
    boolean image = FileType.byContentType(row.contentType()).map(FileType::images).orElse(false);
    return new Summary(row.id(), row.fileName(), row.contentType(), row.sizeBytes(), row.taskName(), row.uploadedBy(),
        name, row.uploadedAt(), image, mayDelete);
  }

  private String caller() {
    var authentication = engine.getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new AttachmentRefused(401, "请先登录");
    }
    return authentication.getUserId();
  }

  private <T> T asEngine(java.util.function.Supplier<T> read) {
    return EngineReads.withoutCaller(engine.getIdentityService(), read);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
