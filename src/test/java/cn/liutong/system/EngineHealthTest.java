package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class EngineHealthTest {

  @Test
  void downWhenTheEngineCannotQueryItsDatabase() {
    RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
    when(repository.createDeploymentQuery().count()).thenThrow(new ProcessEngineException("Database is already closed"));
    assertThat(new EngineHealth(repository).health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void upWhenItCan() {
    RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
    when(repository.createDeploymentQuery().count()).thenReturn(3L);
    assertThat(new EngineHealth(repository).health().getStatus()).isEqualTo(Status.UP);
  }
}
