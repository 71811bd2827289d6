package cn.liutong.vanguard;

import static cn.liutong.vanguard.VanguardProcess.*;
import static cn.liutong.vanguard.VanguardProcess.Var.*;

import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.liutong.organisation.GroupIds;
import cn.liutong.system.EngineClock;
import cn.liutong.system.FormCheck;
import cn.liutong.vanguard.VanguardForms.PostFields;

/** The service tasks of {@code vanguard-post}: each keeps the register (lt_vanguard_post) in step. */
@Configuration(proxyBeanMethods = false)
class VanguardDelegates {

  static final int REMINDED_PRIORITY = 80;

  /**
   * Checks the start form and who sent it: the applicant is the person who started (never a form field), and
   * the branch is the applicant's own branch in the agency. Anything wrong rolls the start back (400).
   */
  @Bean
  JavaDelegate registerVanguardApplicationDelegate(VanguardLedger ledger, IdentityService identity) {
    return execution -> {
      FormCheck check = FormCheck.of(execution);
      PostFields post = PostFields.read(check);
      String applicant = (String) execution.getVariable(APPLICANT_ID);
      Group branch = applicant == null ? null : identity.createGroupQuery().groupMember(applicant)
          .groupType(GroupIds.TYPE_BRANCH).memberOfTenant(execution.getTenantId()).list().stream()
          .min(Comparator.comparing(Group::getId)).orElse(null);
      check.require(branch != null, "只有本机关党支部的党员可以申请党员先锋岗、示范窗口");
      check.require(applicant == null || !ledger.hasOpenPost(applicant), "您已有在岗或正在审批的先锋岗，请勿重复申请");
      check.validate();
      User user = identity.createUserQuery().userId(applicant).singleResult();
      String memberName = user == null || user.getFirstName() == null ? applicant : user.getFirstName();
      post.write(execution);
      execution.setVariable(AGENCY_ID, execution.getTenantId());
      execution.setVariable(MEMBER_ID, applicant);
      execution.setVariable(MEMBER_NAME, memberName);
      execution.setVariable(BRANCH_CODE, branch.getId());
      execution.setVariable(BRANCH_NAME, branch.getName());
      ledger.apply(postId(execution), execution.getTenantId(), branch.getId(), branch.getName(), applicant, memberName,
          post.type(), post.name(), post.duties(), post.pledge());
    };
  }

  @Bean
  JavaDelegate refuseVanguardPostDelegate(VanguardLedger ledger) {
    return execution -> ledger.refuse(postId(execution), (String) execution.getVariable(REFUSAL_REASON));
  }

  /** Approved by both: the post is registered (挂牌) for its term; its end is the term timer's date. */
  @Bean
  JavaDelegate registerVanguardPostDelegate(VanguardLedger ledger, EngineClock clock) {
    return execution -> {
      Date termEnds = Date.from(ZonedDateTime.now(clock).plusMonths(TERM_MONTHS).toInstant());
      ledger.register(postId(execution), new Timestamp(termEnds.getTime()));
      execution.setVariable(TERM_ENDS, termEnds);
    };
  }

  /** The round's 践诺 report, once per post, cycle and round; the field is empty again for the next round. */
  @Bean
  JavaDelegate recordVanguardFulfilmentDelegate(VanguardLedger ledger) {
    return execution -> {
      ledger.recordFulfilment(postId(execution), (String) execution.getVariable(ROUND_CYCLE_ID),
          ((Number) execution.getVariable(INSPECTION_ROUND)).intValue(), (String) execution.getVariable(FULFILMENT),
          (String) execution.getVariable(MEMBER_ID));
      execution.setVariable(FULFILMENT, null);
    };
  }

  @Bean
  JavaDelegate endVanguardPostDelegate(VanguardLedger ledger) {
    return execution -> ledger.end(postId(execution));
  }

  /** A task past its due date moves up the lists of those who have it (优先). */
  @Bean
  JavaDelegate remindVanguardDelegate(TaskService tasks) {
    return execution -> tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
        .forEach(task -> tasks.setPriority(task.getId(), REMINDED_PRIORITY));
  }

  static String postId(DelegateExecution execution) {
    return execution.getProcessInstanceId();
  }
}
