package cn.liutong.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.cycle.CycleDriver;
import cn.liutong.cycle.StageModel;
import cn.liutong.support.TestAgency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Two scrapes at once (Prometheus servers in a pair): while one recomputes the snapshot, the other is
 * answered at once from the previous one instead of waiting behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class MetricsConcurrentScrapeTest {

  /** The class's own agency, a copy of the demo agency. */
  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @Autowired
  ProcessEngine engine;

  @Autowired
  StageModel stageModel;

  @Test
  void aScrapeDoesNotWaitForAnotherScrapesRefresh() throws Exception {
    new CycleDriver(engine, agency).start(); // at least one open task of the cycle, so that a refresh reads its stage
    var inRefresh = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var slow = new AtomicBoolean();
    // a refresh that takes as long as the test wants: it stops while reading the stages of the open tasks
    TaskStages stages = new TaskStages(stageModel) {
      @Override
      Definition of(String processDefinitionId) {
        if (slow.get()) {
          inRefresh.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.of(processDefinitionId);
      }
    };
    var registry = new SimpleMeterRegistry();
    new OperationsMetrics(registry, engine, stages, Duration.ZERO).registerAgencies();
    double first = plan(registry);
    assertThat(first).isGreaterThanOrEqualTo(1);

    slow.set(true);
    ExecutorService scrapers = Executors.newFixedThreadPool(2);
    try {
      Future<Double> refreshing = scrapers.submit(() -> plan(registry));
      assertThat(inRefresh.await(30, TimeUnit.SECONDS)).as("the first scrape is refreshing").isTrue();
      Future<Double> second = scrapers.submit(() -> plan(registry));
      // answered while the refresh still waits: from the previous snapshot
      assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first);
      assertThat(refreshing.isDone()).isFalse();
      release.countDown();
      assertThat(refreshing.get(30, TimeUnit.SECONDS)).as("the refresh completes once let go").isGreaterThanOrEqualTo(1);
    } finally {
      release.countDown();
      scrapers.shutdownNow();
    }
  }

  private static double plan(SimpleMeterRegistry registry) {
    return registry.get("liutong.tasks.open").tags("stage", "plan", "agency", agency.id()).gauge().value();
  }
}
