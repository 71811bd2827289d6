package cn.liutong.system;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health is DOWN when the engine cannot use its database: a pool that still hands out connections is not
 * enough (H2 closed its database under load and health said UP while every call failed). One small query
 * through the engine, as every request would make it; no details are shown.
 */
@Component("engine")
class EngineHealth implements HealthIndicator {

  private final RepositoryService repositoryService;

  EngineHealth(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  @Override
  public Health health() {
    try {
      repositoryService.createDeploymentQuery().count();
      return Health.up().build();
    } catch (RuntimeException e) {
      return Health.down().build();
    }
  }
}
