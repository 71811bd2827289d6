package cn.liutong.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.organisation.OrganisationDirectory;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * 践诺 scored in assessment: on 述职 the secretary rates each member's pledge of the cycle (好/较好/一般/差).
 * The ratings are kept in lt_pledge.fulfilment; the share of 好 and 较好 ({@code pledgeShare}, 0..100, null
 * without pledges) is an input of {@code assessment-grade}, where the yearly rule lives.
 */
@Configuration(proxyBeanMethods = false)
class PledgeRatings {

  static final String PLEDGE_RATINGS = AssessmentProcess.PLEDGE_RATINGS;
  static final String PLEDGE_SHARE = AssessmentProcess.PLEDGE_SHARE;

  record Pledge(String id, String memberId, String pledge) {
  }

  static List<Pledge> pledges(JdbcClient jdbc, DelegateTask task) {
    return jdbc.sql("select id, member_id, pledge from lt_pledge where cycle_id = :cycle and branch_code = :branch order by member_id, id")
        .param("cycle", task.getVariable(AssessmentProcess.CYCLE_ID))
        .param("branch", task.getVariable(AssessmentProcess.BRANCH_CODE)).query(Pledge.class).list();
  }

  /** When 述职 opens, the form's list shows every member's pledge of the cycle, to be rated. */
  @Bean
  TaskListener pledgeRatingsList(JdbcClient jdbc, OrganisationDirectory organisation, JsonVariables json) {
    return task -> {
      List<Pledge> pledges = pledges(jdbc, task);
      Map<String, String> names = organisation.userNames(pledges.stream().map(Pledge::memberId).toList());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Pledge pledge : pledges) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("memberName", names.getOrDefault(pledge.memberId(), pledge.memberId()));
        row.put("pledge", pledge.pledge());
        rows.add(row);
      }
      task.setVariableLocal(PLEDGE_RATINGS, json.json(rows));
    };
  }

  /**
   * Every pledge rated, in the order shown (the rows are matched by position to the ledger's pledges; names and
   * pledges sent back are not read). The ratings are written and the share of 好/较好 set for the grade.
   */
  @Bean
  TaskListener pledgeRatingForm(JdbcClient jdbc, JsonVariables json) {
    return task -> {
      FormCheck check = FormCheck.of(task); // with the form's own rules: the reports, each rating given
      List<Pledge> pledges = pledges(jdbc, task);
      JsonNode rows = json.read(task, PLEDGE_RATINGS);
      List<String> ratings = new ArrayList<>();
      if (rows.isArray()) {
        rows.forEach(row -> ratings.add(row.path(AssessmentProcess.RATING).asText("")));
      }
      check.require(ratings.size() == pledges.size(), "请对本支部每名党员的践诺情况逐一评定（共" + pledges.size() + "人）");
      check.validate();
      long good = 0;
      for (int i = 0; i < pledges.size(); i++) {
        jdbc.sql("update lt_pledge set fulfilment = :rating where id = :id").param("rating", ratings.get(i))
            .param("id", pledges.get(i).id()).update();
        good += ratings.get(i).equals("good") || ratings.get(i).equals("fairlyGood") ? 1 : 0;
      }
      task.setVariable(PLEDGE_SHARE, pledges.isEmpty() ? null : good * 100.0 / pledges.size());
    };
  }
}
