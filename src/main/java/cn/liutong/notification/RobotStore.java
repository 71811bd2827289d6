package cn.liutong.notification;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The group robots ({@code lt_notification_robot}) of agencies and branches. A robot's address is a
 * secret (whoever has it can post to the group): only administrators read it, logs show {@link #masked}.
 */
@Component
class RobotStore {

  record Robot(String unitId, Channel kind, String url, String secret) {
  }

  private final JdbcClient jdbc;

  RobotStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  List<Robot> all() {
    return jdbc.sql("SELECT unit_id, kind, url, secret FROM lt_notification_robot ORDER BY unit_id, kind")
        .query(RobotStore::robot).list();
  }

  List<Robot> of(String unitId) {
    return jdbc.sql("SELECT unit_id, kind, url, secret FROM lt_notification_robot WHERE unit_id = :unit ORDER BY kind")
        .param("unit", unitId).query(RobotStore::robot).list();
  }

  Optional<Robot> find(String unitId, Channel kind) {
    return of(unitId).stream().filter(r -> r.kind() == kind).findFirst();
  }

  void save(Robot robot) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    int updated = jdbc.sql("UPDATE lt_notification_robot SET url = :url, secret = :secret, updated_at = :now"
        + " WHERE unit_id = :unit AND kind = :kind")
        .param("url", robot.url()).param("secret", robot.secret(), java.sql.Types.VARCHAR).param("now", now)
        .param("unit", robot.unitId()).param("kind", robot.kind().name()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO lt_notification_robot (unit_id, kind, url, secret, updated_at)"
          + " VALUES (:unit, :kind, :url, :secret, :now)")
          .param("url", robot.url()).param("secret", robot.secret(), java.sql.Types.VARCHAR).param("now", now)
          .param("unit", robot.unitId()).param("kind", robot.kind().name()).update();
    }
  }

  boolean delete(String unitId, Channel kind) {
    return jdbc.sql("DELETE FROM lt_notification_robot WHERE unit_id = :unit AND kind = :kind")
        .param("unit", unitId).param("kind", kind.name()).update() > 0;
  }

  /** Scheme and host only: enough to tell robots apart in a log, useless for posting. */
  static String masked(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getScheme() + "://" + uri.getHost() + "/…";
    } catch (RuntimeException e) {
      return "…";
    }
  }

  private static Robot robot(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Robot(rs.getString(1), Channel.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
  }
}
