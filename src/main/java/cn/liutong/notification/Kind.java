package cn.liutong.notification;

/** What a message tells its recipient; the label heads the subject line ({@code 【新任务】…}). */
enum Kind {
  NEW_TASK("新任务", "您有一项新的待办任务"),
  DUE_TOMORROW("明日到期", "您的待办任务明天到期，请及时办理"),
  OVERDUE("已逾期", "您的待办任务已经逾期，请尽快办理"),
  ESCALATED("督办", "有一项督办任务交给您，请及时督促"),
  RETURNED("退回", "您提交的材料被退回，请修改后重新提交"),
  URGED("催办", "机关党委催办您的待办任务，请尽快办理"),
  HANDED_OVER("转办", "有一项待办任务转交给您办理"),
  DELEGATED("委派", "有一项待办任务委派给您办理，办完后请点“完成委派”交回"),
  COPIED("抄送", "有一项任务抄送给您，供您知悉，无需办理"),
  COSIGN("加签", "同事请您对一项任务加签，请在该任务的“办理操作”页签中选择同意或不同意，并填写意见"),
  RESULT_PUBLISHED("结果公示", "考核结果已经党组审定，现予公示；对本支部结果有异议的，支部书记可在公示期满前在待办任务中提出申诉"),
  RESULT_CIRCULATED("结果通报", "考核结果公示期满，申诉已办结，现予通报"),
  MILESTONE_DUE_SOON("节点临近", "本支部一项责任事项的重要节点即将到期，请抓紧推进，并在进展报告中如实报告"),
  MILESTONE_OVERDUE("节点逾期", "本支部一项责任事项的重要节点已过期仍未完成，请尽快推进，并在进展报告中说明原因"),
  CARRIED_OVER("遗留问题结转", "上一周期的遗留问题已结转到本机关正在进行的周期"),
  BULLETIN("督查通报", "机关党委发布了本轮督查通报，请阅知并对照落实"),
  ADJUSTMENT("周期调整", "周期中调整目标和责任清单的申请已经党组审批");

  final String label;
  final String lead;

  Kind(String label, String lead) {
    this.label = label;
    this.lead = lead;
  }
}
