package cn.liutong.meeting;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The branches' planned and held meetings (lt_branch_meeting). A meeting's id is its {@code branch-meeting}
 * process instance's id; each step writes its own state, in the engine's transaction.
 */
@Repository
public class MeetingLedger {

  public record Meeting(String id, String agencyId, String cycleId, String branchCode, String branchName,
      String meetingType, LocalDate plannedDate, String topic, String topicSource, String status, LocalDate heldDate,
      Integer attendanceCount, String attendance, String minutes, String recordedBy, Timestamp recordedAt) {

    /** How the meeting stands for people; a planned meeting past its date unrecorded already reads 未召开. */
    public String statusLabel(LocalDate today) {
      return switch (status) {
        case "held" -> "已召开";
        case "late" -> "逾期召开";
        case "missed" -> "未召开";
        default -> plannedDate.isBefore(today) ? "未召开（待记录）" : "待召开";
      };
    }

    public String typeLabel() {
      return MeetingProcess.TYPES.getOrDefault(meetingType, meetingType);
    }

    /** One line for the inspection and assessment forms: date, type, topic and how it stands. */
    public String line(LocalDate today) {
      String held = heldDate == null ? "" : "（" + heldDate + "召开，参会" + attendanceCount + "人）";
      return plannedDate + " " + typeLabel() + "“" + topic + "”：" + statusLabel(today) + held;
    }
  }

  private final JdbcClient jdbc;

  MeetingLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void plan(String id, String agencyId, String cycleId, String branchCode, String branchName, String type,
      LocalDate plannedDate, String topic, String topicSource) {
    jdbc.sql("""
        insert into lt_branch_meeting (id, agency_id, cycle_id, branch_code, branch_name, meeting_type, planned_date,
          topic, topic_source, status)
        values (:id, :agency, :cycle, :branch, :branchName, :type, :planned, :topic, :topicSource, 'planned')""")
        .param("id", id).param("agency", agencyId).param("cycle", cycleId).param("branch", branchCode)
        .param("branchName", branchName).param("type", type).param("planned", plannedDate).param("topic", topic)
        .param("topicSource", topicSource).update();
  }

  void record(String id, boolean late, LocalDate heldDate, List<String> attendance, String minutes,
      String recordedBy) {
    jdbc.sql("""
        update lt_branch_meeting set status = :status, held_date = :held, attendance_count = :count,
          attendance = :attendance, minutes = :minutes, recorded_by = :by, recorded_at = :at where id = :id""")
        .param("status", late ? "late" : "held").param("held", heldDate).param("count", attendance.size())
        .param("attendance", String.join(",", attendance)).param("minutes", minutes).param("by", recordedBy)
        .param("at", new Timestamp(ClockUtil.getCurrentTime().getTime())).param("id", id).update();
  }

  void miss(String id) {
    jdbc.sql("update lt_branch_meeting set status = 'missed' where id = :id and status = 'planned'")
        .param("id", id).update();
  }

  public Meeting meeting(String id) {
    return jdbc.sql("select * from lt_branch_meeting where id = :id").param("id", id).query(Meeting.class)
        .optional().orElse(null);
  }

  public List<Meeting> ofAgencies(Collection<String> agencyIds) {
    return jdbc.sql("select * from lt_branch_meeting where agency_id in (:agencies) order by planned_date, id")
        .param("agencies", agencyIds).query(Meeting.class).list();
  }

  /** One branch's meetings in one cycle, by planned date (for the 六同看板 and the inspection and assessment forms). */
  public List<Meeting> ofBranch(String cycleId, String branchCode) {
    return jdbc.sql("select * from lt_branch_meeting where cycle_id = :cycle and branch_code = :branch order by planned_date, id")
        .param("cycle", cycleId).param("branch", branchCode).query(Meeting.class).list();
  }
}
