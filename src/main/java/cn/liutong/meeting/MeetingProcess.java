package cn.liutong.meeting;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.liutong.system.CodeOnly;
import cn.liutong.system.TenantFromContextProvider;

/** Ids and variable names of the {@code branch-meeting} model (三会一课 and 主题党日, one instance per planned meeting). */
public final class MeetingProcess {

  public static final String KEY = "branch-meeting";

  /** The kinds of meeting a branch plans, as the plan form offers them. */
  public static final Map<String, String> TYPES = types();

  /** A meeting held more than this many days after its planned date counts as held late (逾期召开). */
  static final int GRACE_DAYS = 7;

  private MeetingProcess() {
  }

  private static Map<String, String> types() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("memberAssembly", "支部党员大会");
    types.put("committeeMeeting", "支委会");
    types.put("groupMeeting", "党小组会");
    types.put("partyLecture", "党课");
    types.put("themeDay", "主题党日");
    return Map.copyOf(types);
  }

  /** Fields of one row of the plan form's {@link Var#MEETINGS} list. */
  public static final class Row {
    public static final String TYPE = "type";
    public static final String PLANNED_DATE = "plannedDate";
    public static final String TOPIC = "topic";
    /** A planned meeting's choice of where its topic comes from: one of {@link Var#MEETING_TOPIC_OPTIONS}' values. */
    public static final String TOPIC_SOURCE = "topicSource";

    private Row() {
    }
  }

  public static final class Activity {
    public static final String RECORD_MEETING = "Task_RecordMeeting";
    public static final String MEETING_DUE = "TimerEvent_MeetingDue";
    public static final String RECORD_OVERDUE = "BoundaryEvent_RecordOverdue";

    private Activity() {
    }
  }

  public static final class Var {
    /** The plan form's list of meetings (a Json array of {type, plannedDate, topic}). */
    public static final String MEETINGS = "meetings";
    /** The agency (tenant) the instance runs for: one name for every process, read by {@link TenantFromContextProvider}. */
    public static final String AGENCY_ID = TenantFromContextProvider.AGENCY_ID;
    public static final String CYCLE_ID = "cycleId";
    public static final String CYCLE_NAME = "cycleName";
    public static final String BRANCH_CODE = "branchCode";
    public static final String BRANCH_NAME = "branchName";
    @CodeOnly
    public static final String MEETING_TYPE = "meetingType";
    public static final String MEETING_TYPE_LABEL = "meetingTypeLabel";
    public static final String PLANNED_DATE = "plannedDate";
    /** The planned date as a Date, for the timer. */
    public static final String PLANNED_AT = "plannedAt";
    public static final String TOPIC = "topic";
    /** Where the topic comes from, in people's words (e.g. 责任清单：…), on the meeting and in the ledger. */
    public static final String TOPIC_SOURCE_LABEL = "topicSourceLabel";
    /**
     * The plan form's choices of topic source ({label, value}): the branch's responsibility items, the
     * business difficulties the plan lists, or another topic. Set on the branch's stage, checked on submit.
     */
    public static final String MEETING_TOPIC_OPTIONS = "meetingTopicOptions";
    /** The progress report's list of meetings on the difficulties it states (a Json array of {type, plannedDate, topic}). */
    public static final String DIFFICULTY_MEETINGS = "difficultyMeetings";
    /** The progress report's 存在的困难: meetings on difficulties need them written down. */
    public static final String DIFFICULTIES = "difficulties";
    public static final String INSPECTION_ROUND = "inspectionRound";
    /** The branch's members as checklist options ({label, value}), set when the meeting is registered. */
    public static final String MEMBER_OPTIONS = "memberOptions";
    public static final String HELD_DATE = "heldDate";
    public static final String ATTENDANCE = "attendance";
    public static final String MINUTES = "minutes";
    /** The branch's meetings as lines of text, on the cycle's inspection and scoring tasks. */
    public static final String MEETING_RECORD = "meetingRecord";

    private Var() {
    }
  }

  /** Keys of the Camunda Forms the model's tasks show (files in {@code forms/}). */
  public static final class Form {
    public static final String RECORD_MEETING = "record-meeting";

    private Form() {
    }
  }
}
