package cn.liutong.feedback;

import static cn.liutong.feedback.FeedbackProcess.Var.*;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/** The service tasks of {@code public-feedback}: each keeps the ledger row in step with the process. */
@Configuration(proxyBeanMethods = false)
class FeedbackDelegates {

  static final int MAX_PROBLEM_LENGTH = 1000;

  /**
   * Opens the ledger row (id = business key) and offers the committee the agency's branches. The public
   * channel hands over the tracking code's hash; an instance started without one (from the engine's REST
   * API, say) could never be followed or rated, and is refused.
   */
  @Bean
  JavaDelegate registerFeedbackDelegate(FeedbackLedger ledger, OrganisationDirectory organisation, JsonVariables json) {
    return execution -> {
      Object hash = execution.getVariable(TRACKING_HASH);
      FormCheck check = FormCheck.of(execution);
      check.require(hash instanceof String h && TrackingCode.isHash(h), "群众意见只能通过公开渠道提交");
      check.validate();
      String agencyId = execution.getTenantId();
      ledger.register(feedbackId(execution), agencyId, text(execution, SUBJECT), text(execution, FEEDBACK_TEXT),
          text(execution, CONTACT), (String) hash, execution.getProcessInstanceId());
      execution.setVariable(BRANCH_OPTIONS, json.json(organisation.branchOptions(agencyId)));
    };
  }

  @Bean
  JavaDelegate rejectFeedbackDelegate(FeedbackLedger ledger) {
    return execution -> ledger.reject(feedbackId(execution), text(execution, REJECT_REASON));
  }

  @Bean
  JavaDelegate assignFeedbackBranchDelegate(FeedbackLedger ledger) {
    return execution -> ledger.assign(feedbackId(execution), text(execution, BRANCH_CODE), text(execution, BRANCH_NAME));
  }

  /** The approved draft becomes the public reply; from now on the submitter may rate it. */
  @Bean
  JavaDelegate publishReplyDelegate(FeedbackLedger ledger) {
    return execution -> {
      ledger.publishReply(feedbackId(execution), text(execution, REPLY_DRAFT));
      execution.setVariable(SATISFACTION, null);
    };
  }

  /** Closing: at the end, and earlier when the rating period has passed (nothing more to ask). */
  @Bean
  JavaDelegate closeFeedbackDelegate(FeedbackLedger ledger) {
    return execution -> ledger.close(feedbackId(execution));
  }

  /** What the branch is to rectify: the problem it confirmed and what the submitter said of the reply. */
  @Bean
  JavaDelegate describeFeedbackProblemDelegate() {
    return execution -> {
      List<String> lines = new ArrayList<>();
      lines.add("【群众意见】" + text(execution, SUBJECT));
      if (Boolean.TRUE.equals(execution.getVariable(SUBSTANTIVE_PROBLEM))) {
        lines.add("经核实存在的问题：" + text(execution, PROBLEM_DESCRIPTION));
      }
      if (execution.getVariable(SATISFACTION) != null) {
        String comment = text(execution, RATING_COMMENT);
        lines.add("群众满意度评价：" + execution.getVariable(SATISFACTION) + "分（满分5分）"
            + (comment == null ? "" : "，评价意见：" + comment));
      }
      String problem = String.join("\n", lines);
      execution.setVariable(RECTIFICATION_PROBLEM, shorten(problem, MAX_PROBLEM_LENGTH));
    };
  }

  /** At most {@code max} chars, never ending in half a surrogate pair. */
  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  static String feedbackId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  static String text(DelegateExecution execution, String name) {
    return (String) execution.getVariable(name);
  }
}
