package cn.liutong.cycle;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Every parallel multi-instance of {@code integrated-cycle} (per branch, per member) is
 * {@code camunda:asyncAfter} on its loop characteristics: the transaction of the person who completes
 * a branch's or member's last step ends before the stage's shared counters ({@code nrOfCompletedInstances},
 * {@code nrOfActiveInstances} of the multi-instance body) are touched. The job executor then does the join
 * and retries it on an optimistic-locking conflict; {@code camunda:exclusive} keeps one cycle's joins in
 * sequence on a node, so they rarely conflict at all. People never see the conflict.
 *
 * <p>Where no job executor runs (demo data set up with the clock set back, process tests), the caller
 * runs these continuations itself, right after the completion, as the job executor would.
 */
public final class CycleContinuations {

  private CycleContinuations() {
  }

  /** Executes the process instance's due non-timer jobs until none is left (a job may create the next). */
  public static void run(ProcessEngine engine, String processInstanceId) {
    ManagementService management = engine.getManagementService();
    for (int round = 0; round < 10_000; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).messages().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("asynchronous continuations of " + processInstanceId + " do not come to an end");
  }
}
