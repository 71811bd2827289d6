package cn.liutong.organisation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.Select;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Before every authorization check the engine reads which groups hold any authorization at all
 * ({@code selectAuthorizedGroupIds}: {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, once per
 * command, so twice per Tasklist list or count). The engine grants each task to its candidate group and its
 * assignee, so that table holds one or two rows per open task, and PostgreSQL answers the distinct by reading
 * all of them: 56 ms at 50,000 open tasks, for every non-administrator request. On PostgreSQL the same
 * statement is answered here by walking the group index from one group to the next (one index probe per
 * distinct group: about 130 groups for 76,000 rows). Same rows, same use: the engine still intersects them with
 * the caller's groups. Other databases keep the engine's statement.
 */
@Component
class AuthorizedGroupIds extends AbstractProcessEnginePlugin {

  static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
  static final String STATEMENT = Statements.class.getName() + ".selectByIndexWalk";

  /**
   * Registered in the engine's MyBatis configuration; the statement id is this type's name and the method's
   * (a name of its own: the same short name as the engine's would make MyBatis refuse the engine's short one).
   */
  interface Statements {
    /** Distinct non-null group ids by a loose index scan over {@code ACT_IDX_AUTH_GROUP_ID}. */
    @Select("with recursive g(id) as ("
        + " select min(GROUP_ID_) from ACT_RU_AUTHORIZATION"
        + " union all"
        + " select (select min(A.GROUP_ID_) from ACT_RU_AUTHORIZATION A where A.GROUP_ID_ > g.id) from g where g.id is not null"
        + ") select id from g where id is not null")
    List<String> selectByIndexWalk();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())
        || configuration.getDatabaseTablePrefix() != null && !configuration.getDatabaseTablePrefix().isEmpty()) {
      return;
    }
    var mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.hasMapper(Statements.class)) { // engines sharing one SQL session factory register it once
      mybatis.addMapper(Statements.class);
    }
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    // the engine's mappings are shared by every engine on PostgreSQL in this JVM: this engine gets its own copy
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.put(ENGINE_STATEMENT, STATEMENT);
    sessions.setStatementMappings(mappings);
  }
}
