package cn.liutong.cycle;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The people who own the party group's and the committee's items of a cycle (三级责任清单: 党组书记 as 第一责任人,
 * the party group's members for their 分管 items, the committee's owners): the multi-instance steps of the owners
 * fan out over {@code ${responsibilityOwners.ids(execution)}}, each instance assigned to its owner. A branch's
 * items are the branch's, reported and signed by it.
 */
@Component("responsibilityOwners")
public class ResponsibilityOwners {

  private final CycleLedger ledger;

  ResponsibilityOwners(CycleLedger ledger) {
    this.ledger = ledger;
  }

  /** Each owner of an agency-level item of the cycle once, in the order of the list. */
  public List<String> ids(DelegateExecution execution) {
    return ledger.items((String) execution.getVariable(CycleProcess.Var.CYCLE_ID)).stream()
        .filter(item -> !item.ofBranch()).map(CycleLedger.Item::ownerId).filter(Objects::nonNull).distinct().toList();
  }
}
