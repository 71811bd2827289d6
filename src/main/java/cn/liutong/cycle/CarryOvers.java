package cn.liutong.cycle;

import static cn.liutong.cycle.CycleProcess.Var.CARRIED_OVER;
import static cn.liutong.cycle.CycleProcess.Var.CARRIED_OVER_SUMMARY;
import static cn.liutong.cycle.CycleProcess.Var.CYCLE_ID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.liutong.cycle.CarryOversArrived.When;
import cn.liutong.cycle.CycleLedger.CarryOver;
import cn.liutong.cycle.CycleProcess.CarriedItem;
import cn.liutong.system.CleanText;
import cn.liutong.system.EngineReads;
import cn.liutong.system.FormCheck;
import cn.liutong.system.JsonVariables;

/**
 * The loop closes on time: what a closing cycle leaves open (rows of {@code lt_carry_over}, written by their
 * owners on {@link CycleClosed}) goes into the agency's next cycle at once if that cycle already runs, else
 * into the next cycle to start ({@link InitCycleDelegate}). The rule for a running next cycle:
 * <ul>
 * <li>in 同规划 with the draft open: the items appear in the draft form ({@link CycleProcess.Var#CARRIED_OVER})
 * and the committee is told; the draft must answer each (a drafted goal, or an explanation);</li>
 * <li>in 同规划 with the draft at the party group: the same, and the party group cannot approve until the
 * committee has answered them (it returns the draft);</li>
 * <li>past 同规划: the items are carried all the same, shown unanswered in the cycle's ledger, and the
 * committee is told to follow them up in the running work; the goals are not reopened.</li>
 * </ul>
 * Each item is carried once: its id names its source (primary key), and the hand-over is one
 * {@code update … where to_cycle_id is null}. The hand-over to a running cycle happens after the close has
 * committed, in a transaction of its own that locks the receiving cycle's row; a cycle that starts hands
 * itself, after its start has committed, what a close committed meanwhile. So a close and a start at the same
 * moment still meet, whichever commits last.
 */
@Component
class CarryOvers {

  private static final Logger LOG = LoggerFactory.getLogger(CarryOvers.class);
  static final int EXPLANATION_MIN = 5;
  static final int EXPLANATION_MAX = 200;
  private static final int ATTEMPTS = 3;

  /** An answer of the draft to one carried item: a goal's name, or an explanation. */
  record Answer(String carryOverId, String goal, String explanation) {
  }

  private final CycleLedger ledger;
  private final JsonVariables json;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate newTransaction;

  CarryOvers(CycleLedger ledger, JsonVariables json, RuntimeService runtime, TaskService tasks, IdentityService identity,
      ApplicationEventPublisher events, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.json = json;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.events = events;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  // ------------------------------------------------------------------ hand-over

  /** After the close has committed (the owners' rows with it): into the agency's running next cycle, if any. */
  @TransactionalEventListener(fallbackExecution = true)
  @Order(Ordered.LOWEST_PRECEDENCE)
  void closed(CycleClosed closed) {
    carryIntoRunningCycles(closed.agencyId());
  }

  /**
   * A cycle starts: it takes what the agency's closed cycles left to no cycle, and, once its start has
   * committed, what a close committed meanwhile. Sets the draft's variables.
   */
  void started(VariableScope execution, String agencyId, String cycleId) {
    ledger.takeCarryOvers(agencyId, cycleId);
    setVariables(execution, cycleId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          carryIntoRunningCycles(agencyId);
        }
      });
    }
  }

  /** Hands every item of the agency that no cycle took to the running cycle that follows its own, if any. */
  void carryIntoRunningCycles(String agencyId) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        EngineReads.withoutCaller(identity, () -> {
          newTransaction.executeWithoutResult(status -> carryNow(agencyId));
          return null;
        });
        return;
      } catch (OptimisticLockingException | ConcurrencyFailureException e) {
        LOG.info("Carry-over of agency {} met a concurrent change (attempt {}): {}", agencyId, attempt, e.getMessage());
      } catch (RuntimeException e) {
        // the close (or start) has committed: its caller must not see a failure; the items wait for the next start
        LOG.error("Carry-over of agency {} failed; the next cycle to start takes the items", agencyId, e);
        return;
      }
    }
    LOG.warn("Carry-over of agency {} gave up after {} attempts; the next cycle to start takes the items", agencyId,
        ATTEMPTS);
  }

  private void carryNow(String agencyId) {
    for (String from : ledger.pendingCarryOverSources(agencyId)) {
      String next = ledger.nextRunningCycleId(from);
      if (next == null) {
        continue; // no later cycle runs: the next one to start takes them (InitCycleDelegate)
      }
      ledger.lockCycle(next);
      if (ledger.carryInto(from, next) > 0 && runtime.createProcessInstanceQuery().processInstanceId(next).count() > 0) {
        arrived(agencyId, next);
      }
    }
  }

  private void arrived(String agencyId, String cycleId) {
    List<CarryOver> carried = ledger.carryOvers(cycleId);
    runtime.setVariables(cycleId, Map.of(CARRIED_OVER, json.json(rows(carried)), CARRIED_OVER_SUMMARY, summary(carried)));
    Task plan = tasks.createTaskQuery().processInstanceId(cycleId)
        .taskDefinitionKeyIn(CycleProcess.Activity.DRAFT_GOALS, CycleProcess.Activity.APPROVE_GOALS).list().stream()
        .findFirst().orElse(null);
    When when = plan == null ? When.PAST_PLANNING
        : CycleProcess.Activity.DRAFT_GOALS.equals(plan.getTaskDefinitionKey()) ? When.DRAFTING : When.APPROVING;
    String cycleName = (String) runtime.getVariable(cycleId, CycleProcess.Var.CYCLE_NAME);
    events.publishEvent(new CarryOversArrived(agencyId, cycleId, cycleName, when,
        plan == null ? null : plan.getId(), carried.stream().filter(c -> !c.answered()).map(CarryOver::problem).toList()));
  }

  private void setVariables(VariableScope scope, String cycleId) {
    List<CarryOver> carried = ledger.carryOvers(cycleId);
    scope.setVariable(CARRIED_OVER, carried.isEmpty() ? null : json.json(rows(carried)));
    scope.setVariable(CARRIED_OVER_SUMMARY, summary(carried));
  }

  /** The draft form's rows: each item with the answer recorded so far (none before the first draft). */
  static List<Map<String, Object>> rows(List<CarryOver> carried) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CarryOver c : carried) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(CarriedItem.ID, c.id());
      row.put(CarriedItem.PROBLEM, c.problem());
      row.put(CarriedItem.ANSWER, c.answerGoal() != null ? CarriedItem.BY_GOAL
          : c.answerExplanation() != null ? CarriedItem.EXPLAINED : null);
      row.put(CarriedItem.GOAL, c.answerGoal());
      row.put(CarriedItem.EXPLANATION, c.answerExplanation());
      rows.add(row);
    }
    return rows;
  }

  private static String summary(List<CarryOver> carried) {
    String summary = carried.stream().map(CarryOver::problem).collect(Collectors.joining("\n"));
    return summary.isEmpty() ? null : summary;
  }

  // ------------------------------------------------------------------ the draft's answers

  /**
   * The draft's answers to the cycle's carried items (from the ledger, not from what the form was shown):
   * each answered exactly once, by a goal among {@code goalNames} or by an explanation. Problems go to
   * {@code check}; nothing is written.
   */
  List<Answer> answers(DelegateTask task, Set<String> goalNames, FormCheck check) {
    List<CarryOver> carried = ledger.carryOvers((String) task.getVariable(CYCLE_ID));
    Map<String, CarryOver> byId = carried.stream().collect(Collectors.toMap(CarryOver::id, c -> c));
    Map<String, Answer> answers = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    JsonNode rows = json.read(task, CARRIED_OVER);
    int position = 0;
    for (JsonNode row : rows.isArray() ? rows : json.tree(List.of())) {
      String at = "第" + (++position) + "个遗留问题：";
      CarryOver item = byId.get(row.path(CarriedItem.ID).asText(""));
      if (item == null) {
        check.require(false, at + "不是本周期结转的遗留问题");
        continue;
      }
      if (seen.merge(item.id(), 1, Integer::sum) > 1) {
        check.require(false, at + "“" + item.problem() + "”已经回应过，每个遗留问题只能回应一次");
        continue;
      }
      String answer = row.path(CarriedItem.ANSWER).asText("");
      String goal = row.path(CarriedItem.GOAL).asText("").strip();
      String explanation = row.path(CarriedItem.EXPLANATION).asText("").strip();
      if (CarriedItem.BY_GOAL.equals(answer)) {
        check.require(!goal.isEmpty(), at + "请选择回应该问题的目标");
        check.require(goal.isEmpty() || goalNames.contains(goal), at + "所选目标“" + goal + "”不在本次拟定的目标中");
        answers.put(item.id(), new Answer(item.id(), goal, null));
      } else if (CarriedItem.EXPLAINED.equals(answer)) {
        int length = CleanText.length(explanation);
        check.require(length >= EXPLANATION_MIN && length <= EXPLANATION_MAX,
            at + "说明应为" + EXPLANATION_MIN + "至" + EXPLANATION_MAX + "个字，当前" + length + "个字");
        answers.put(item.id(), new Answer(item.id(), null, explanation));
      } else {
        check.require(false, at + "请选择回应方式");
        answers.put(item.id(), null);
      }
    }
    for (CarryOver item : carried) {
      check.require(answers.containsKey(item.id()),
          "上一周期遗留问题“" + item.problem() + "”尚未回应：请将其纳入一个目标，或说明不纳入的理由");
    }
    return answers.values().stream().filter(a -> a != null).toList();
  }

  /** Records the checked answers and shows them back in the draft (as a returned draft reopens it). */
  void record(DelegateTask task, List<Answer> answers) {
    String cycleId = (String) task.getVariable(CYCLE_ID);
    String by = FormCheck.submitter(task);
    answers.forEach(a -> ledger.answerCarryOver(cycleId, a.carryOverId(), a.goal(), a.explanation(), by));
    List<CarryOver> carried = ledger.carryOvers(cycleId);
    task.setVariable(CARRIED_OVER, carried.isEmpty() ? null : json.json(rows(carried)));
  }

  /** How many of the cycle's carried items no draft has answered yet. */
  long unanswered(String cycleId) {
    return ledger.carryOvers(cycleId).stream().filter(c -> !c.answered()).count();
  }
}
