package cn.liutong.attachment;

import java.util.Map;

/**
 * The one place that says on which tasks a person attaches files (留痕): the steps where work is
 * evidenced, by the Camunda Form the task shows. Every other task refuses uploads; its attachments list
 * (the work's evidence from earlier steps) is still shown.
 */
public final class EvidenceTasks {

  /** Form key → what the files evidence (shown in the attachments tab). */
  static final Map<String, String> FORMS = Map.of(
      "report-progress", "进展报告（同述）的佐证材料",
      "duty-report", "述职的佐证材料",
      "inspect-branch", "督查发现的记录和照片",
      "rectification-evidence", "整改佐证材料",
      "verify-rectification", "销号审核的记录",
      "handle-feedback", "群众反馈办理的佐证材料",
      "record-meeting", "会议记录、签到表和照片");

  static final String REFUSED = "该任务不需要上传附件（仅进展报告、述职、督查、整改佐证、销号审核、群众反馈办理和会议记录可上传）";

  private EvidenceTasks() {
  }

  public static boolean acceptsUploads(String formKey) {
    return formKey != null && FORMS.containsKey(formKey);
  }
}
