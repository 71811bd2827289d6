package cn.liutong.system;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.BeanFactoryUtils;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * Liquibase owns the whole schema, Camunda's tables included, and the engine never creates tables
 * ({@code schema-update=false}). Without JPA nothing orders the two, so the engine would start on an
 * empty database (ENGINE-03057). Registered in {@code META-INF/spring.factories}.
 */
class ProcessEngineDependsOnLiquibase implements DependsOnDatabaseInitializationDetector {

  @Override
  public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
    return Arrays.stream(beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, true, false))
        .map(BeanFactoryUtils::transformedBeanName)
        .collect(Collectors.toSet());
  }
}
