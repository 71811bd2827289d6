package cn.liutong.notification;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each person's {@link Preferences} ({@code lt_notification_preference}); no row means the defaults. */
@Component
class PreferenceStore {

  private final JdbcClient jdbc;

  PreferenceStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  Preferences of(String userId) {
    return of(java.util.List.of(userId)).get(userId);
  }

  /** Everyone's preferences, defaults for those who never chose. */
  Map<String, Preferences> of(Collection<String> userIds) {
    Map<String, Preferences> result = new HashMap<>();
    if (!userIds.isEmpty()) {
      jdbc.sql("SELECT user_id, email, robot, digest FROM lt_notification_preference WHERE user_id IN (:ids)")
          .param("ids", userIds)
          .query((rs, n) -> result.put(rs.getString(1), new Preferences(rs.getBoolean(2), rs.getBoolean(3),
              rs.getBoolean(4))))
          .list();
    }
    userIds.forEach(id -> result.putIfAbsent(id, Preferences.DEFAULT));
    return result;
  }

  void save(String userId, Preferences preferences) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    int updated = jdbc.sql("UPDATE lt_notification_preference SET email = :email, robot = :robot, digest = :digest,"
        + " updated_at = :now WHERE user_id = :id")
        .param("email", preferences.email()).param("robot", preferences.robot()).param("digest", preferences.digest())
        .param("now", now).param("id", userId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO lt_notification_preference (user_id, email, robot, digest, updated_at)"
          + " VALUES (:id, :email, :robot, :digest, :now)")
          .param("email", preferences.email()).param("robot", preferences.robot()).param("digest", preferences.digest())
          .param("now", now).param("id", userId).update();
    }
  }
}
