package cn.liutong.cycle;

import java.util.Map;

import cn.liutong.rectification.RectificationProcess;
import cn.liutong.system.CodeOnly;
import cn.liutong.system.TenantFromContextProvider;

/** Ids and variable names of the {@code integrated-cycle} model: one place, so no literal is written twice. */
public final class CycleProcess {

  public static final String KEY = "integrated-cycle";

  /** Goal categories of 同规划: key as the goals form stores it → its Chinese label. */
  public static final Map<String, String> GOAL_CATEGORIES = Map.of(
      "partyBasic", "党建基础工作目标", "partyKey", "党建重点工作目标",
      "partyInnovation", "党建创新工作目标", "business", "业务工作目标");

  /**
   * 推进: the committee stops waiting for one late branch in 同部署 or 同落实. Delivered to that branch's
   * instance of the stage, it ends the branch's open work there (an interrupting event sub-process), so the
   * stage goes on when the others are done; the branch is recorded as late ({@code taskaction.TaskActions}).
   */
  public static final String BRANCH_PROCEEDED = "branchProceeded";

  private CycleProcess() {
  }

  /** Variables of the whole cycle (process scope). */
  public static final class Var {
    /** The agency (tenant) the instance runs for: one name for every process, read by {@link TenantFromContextProvider}. */
    public static final String AGENCY_ID = TenantFromContextProvider.AGENCY_ID;
    public static final String CYCLE_ID = "cycleId";
    public static final String INITIATOR = "initiator";
    public static final String CYCLE_NAME = "cycleName";
    public static final String PERIOD_START = "periodStart";
    public static final String PERIOD_END = "periodEnd";
    public static final String MIN_PARTY_SHARE = "minPartyShare";
    public static final String INSPECTION_ROUNDS = "inspectionRounds";
    public static final String SIGN_FOR_DAYS = "signForDays";
    public static final String SIGN_FOR_REMINDER_DURATION = "signForReminderDuration";
    public static final String SIGN_FOR_ESCALATION_DURATION = "signForEscalationDuration";
    public static final String RECTIFICATION_DAYS = "rectificationDays";
    /** The same as one text (【branch】problem per line), for Cockpit's variables; the form shows {@link #CARRIED_OVER}. */
    @CodeOnly
    public static final String CARRIED_OVER_SUMMARY = "carriedOverSummary";
    /** The problems carried over from the agency's previous cycle, one row each, with the draft's answer. */
    public static final String CARRIED_OVER = "carriedOver";
    public static final String GOALS = "goals";
    public static final String GOALS_DECISION = "goalsDecision";
    public static final String GOALS_RETURN_REASON = "goalsReturnReason";
    public static final String GOAL_OPTIONS = "goalOptions";
    public static final String BRANCH_OPTIONS = "branchOptions";
    /** The units an item may belong to (party group, committee, branches) and the agency's people who may own one. */
    public static final String UNIT_OPTIONS = "unitOptions";
    public static final String OWNER_OPTIONS = "ownerOptions";
    public static final String ITEMS = "items";
    public static final String RESULTS_DECISION = "resultsDecision";
    public static final String RESULTS_RETURN_REASON = "resultsReturnReason";

    /** Per-branch variables, local to each branch's instance of a stage. */
    public static final String BRANCH_CODE = "branchCode";
    public static final String BRANCH_NAME = "branchName";
    public static final String MEMBER_ID = "memberId";
    /** The 责任人 of a multi-instance over the owners of the party group's and the committee's items. */
    public static final String OWNER_ID = "ownerId";
    public static final String SIGN_FOR_DECISION = "signForDecision";
    public static final String OBJECTION = "objection";
    public static final String OBJECTION_ANSWER = "objectionAnswer";
    /** The branch's items as its stage's forms show them (the branch's part of {@link #ITEMS}). */
    public static final String BRANCH_ITEMS = "branchItems";
    /** 答复支部异议: whether the committee changes the branch's items, and the changed list. */
    public static final String ADJUST_ITEMS = "adjustItems";
    public static final String REVISED_ITEMS = "revisedItems";
    public static final String SUPERVISION_NOTE = "supervisionNote";
    public static final String PARTY_TOPICS = "partyTopics";
    public static final String IMPLEMENTATION_PLAN = "implementationPlan";
    public static final String PIONEER_POSTS = "pioneerPosts";
    public static final String PLEDGE = "pledge";
    public static final String PIONEER_POST = "pioneerPost";
    public static final String INSPECTION_ROUND = "inspectionRound";
    public static final String PARTY_PROGRESS = "partyProgress";
    public static final String BUSINESS_PROGRESS = "businessProgress";
    public static final String DIFFICULTIES = "difficulties";
    public static final String FINDINGS = "findings";
    public static final String PROBLEMS_FOUND = "problemsFound";
    public static final String PROBLEM_DESCRIPTION = "problemDescription";
    /** The round's 督查通报: the findings per branch the form shows, and the committee's summary. */
    public static final String BULLETIN_FINDINGS = "bulletinFindings";
    public static final String BULLETIN_SUMMARY = "bulletinSummary";
    public static final String RECTIFICATION_SOURCE = RectificationProcess.Caller.SOURCE;
    public static final String RECTIFICATION_PROBLEM = RectificationProcess.Caller.PROBLEM;

    private Var() {
    }
  }

  /** Fields of one row of the {@link Var#GOALS} list (draft-goals form). */
  public static final class Goal {
    public static final String CATEGORY = "category";
    public static final String NAME = "name";
    public static final String INDICATOR = "indicator";
    public static final String TARGET = "target";
    public static final String WEIGHT = "weight";

    private Goal() {
    }
  }

  /** Fields of one row of the {@link Var#CARRIED_OVER} list (draft-goals form), and the values of its answer. */
  public static final class CarriedItem {
    public static final String ID = "id";
    public static final String PROBLEM = "problem";
    public static final String ANSWER = "answer";
    public static final String GOAL = "goal";
    public static final String EXPLANATION = "explanation";
    /** {@link #ANSWER}: addressed by one of the drafted goals, named in {@link #GOAL}. */
    public static final String BY_GOAL = "goal";
    /** {@link #ANSWER}: not taken up as a goal, for the reason in {@link #EXPLANATION}. */
    public static final String EXPLAINED = "explained";

    private CarriedItem() {
    }
  }

  /** Fields of one row of the {@link Var#ITEMS} list, the three-level responsibility list (decompose-goals form). */
  public static final class Item {
    public static final String GOAL_NAME = "goalName";
    /** The item's unit: a branch's code, or the group id of the agency's party group or committee. */
    public static final String BRANCH_CODE = "branchCode";
    /** The item's 责任人, a person of its unit. */
    public static final String OWNER_ID = "ownerId";
    public static final String MEASURES = "measures";
    public static final String MILESTONE = "milestone";
    public static final String MILESTONE_DATE = "milestoneDate";

    private Item() {
    }
  }

  /**
   * The per-item list of the progress report (report-progress form): one row per responsibility item of the
   * branch, the item named by its position in the cycle's list, with the status and a note the branch reports.
   */
  public static final class ItemProgress {
    public static final String LIST = "itemProgress";
    public static final String ITEM_NO = "itemNo";
    public static final String STATUS = "status";
    public static final String NOTE = "note";
    public static final String NOT_STARTED = "notStarted";
    public static final String IN_PROGRESS = "inProgress";
    public static final String DONE = "done";

    private ItemProgress() {
    }
  }

  /** Fields of one row of {@link Var#BULLETIN_FINDINGS}, the round's findings per branch (publish-bulletin form). */
  public static final class BulletinRow {
    public static final String BRANCH_NAME = "branchName";
    public static final String FINDINGS = "findings";
    public static final String PROBLEM = "problem";

    private BulletinRow() {
    }
  }

  /** Values of the decision fields, as the forms offer them and the gateways test them. */
  public static final class Decision {
    public static final String APPROVED = "approved";
    public static final String RETURNED = "returned";
    public static final String SIGNED = "signed";
    public static final String OBJECTION = "objection";

    private Decision() {
    }
  }

  /** Activity ids that code refers to (tests, reminders, supervision records, the dashboard). */
  public static final class Activity {
    public static final String DRAFT_GOALS = "Task_DraftGoals";
    public static final String APPROVE_GOALS = "Task_ApproveGoals";
    public static final String DECOMPOSE_GOALS = "Task_DecomposeGoals";
    public static final String ANSWER_OBJECTION = "Task_AnswerObjection";
    public static final String PLAN_IMPLEMENTATION = "Task_PlanImplementation";
    public static final String PLEDGE = "Task_Pledge";
    public static final String INSPECTION_DUE = "TimerEvent_InspectionDue";
    public static final String DUTY_REPORT = "Task_DutyReport";
    public static final String EVALUATE_BRANCH = "Task_EvaluateBranch";
    public static final String SCORE_BRANCH = "Task_ScoreBranch";
    public static final String DECIDE_MEASURE = "Task_DecideMeasure";
    public static final String CARRY_OUT_MEASURE = "Task_CarryOutMeasure";
    public static final String SUPERVISE_SIGN_FOR = "Task_SuperviseSignFor";
    public static final String SIGN_FOR = "Task_SignFor";
    public static final String REPORT_PROGRESS = "Task_ReportProgress";
    /** Each round, each owner of a party group or committee item reports on their own items (逐项报告). */
    public static final String REPORT_OWN_ITEMS = "Task_ReportOwnItems";
    public static final String INSPECT = "Task_Inspect";
    public static final String START_INSPECTION_RECTIFICATION = "Task_StartInspectionRectification";
    public static final String PUBLISH_BULLETIN = "Task_PublishBulletin";
    public static final String MORE_ROUNDS = "Gateway_MoreRounds";
    /** 同考核 of the agency's own levels: each owner of a party group or committee item reports on them (述职). */
    public static final String OWNER_DUTY_REPORT = "Task_OwnerDutyReport";
    /** The committee scores the agency on the party group's and committee's items, goal by goal. */
    public static final String SCORE_AGENCY = "Task_ScoreAgency";
    /** The party group returned the agency-level score: the committee scores the agency again. */
    public static final String RESCORE_AGENCY = "Task_RescoreAgency";
    public static final String APPROVE_RESULTS = "Task_ApproveResults";
    /** The party group's return: the committee scores the returned branches again. */
    public static final String RESCORE_BRANCH = "Task_RescoreBranch";
    public static final String PUBLICIZE_RESULTS = "Task_PublicizeResults";
    /** 公示: each branch's secretary accepts the result or appeals, once, before the period ends. */
    public static final String CONFIRM_RESULT = "Task_ConfirmResult";
    public static final String REVIEW_APPEAL = "Task_ReviewAppeal";
    public static final String APPROVE_REVIEW = "Task_ApproveReview";
    public static final String PUBLICITY_ENDED = "BoundaryEvent_PublicityEnded";
    public static final String CIRCULATE_RESULTS = "Task_CirculateResults";

    /** The stages: agency-wide sub-processes and the per-branch (multi-instance) ones. */
    public static final String PLAN = "SubProcess_Plan";
    public static final String DEPLOY = "SubProcess_Deploy";
    public static final String BRANCH_SIGN_FOR = "SubProcess_SignFor";
    public static final String BRANCH_IMPLEMENT = "SubProcess_Implement";
    /** 同检查: the committee's calendar rounds over all branches, beside 同落实. */
    public static final String SUPERVISE = "SubProcess_Supervise";
    /** One branch's part of a round: its progress report and its inspection. */
    public static final String BRANCH_INSPECT = "SubProcess_InspectBranch";
    public static final String BRANCH_ASSESS = "SubProcess_Assess";
    /** 同考核 of the party group's and committee's items, beside the branches' ({@link #OWNER_DUTY_REPORT}). */
    public static final String AGENCY_ASSESS = "SubProcess_AssessAgency";
    public static final String BRANCH_ACCOUNTABILITY = "SubProcess_Accountability";
    /** Where a branch's part of a stage ends when the committee stopped waiting for it ({@link #BRANCH_PROCEEDED}). */
    public static final String SIGN_FOR_BRANCH_LATE = "EndEvent_SignForBranchLate";
    public static final String IMPLEMENT_BRANCH_LATE = "EndEvent_ImplementBranchLate";

    private Activity() {
    }
  }

  /** Keys of the Camunda Forms the model's tasks show (files in {@code forms/}). */
  public static final class Form {
    public static final String CYCLE_START = "cycle-start";
    public static final String DRAFT_GOALS = "draft-goals";
    public static final String APPROVE_GOALS = "approve-goals";
    public static final String DECOMPOSE_GOALS = "decompose-goals";
    public static final String ANSWER_OBJECTION = "answer-objection";
    public static final String SIGN_FOR = "sign-for";
    public static final String SUPERVISE_SIGN_FOR = "supervise-sign-for";
    public static final String PLAN_IMPLEMENTATION = "plan-implementation";
    public static final String MEMBER_PLEDGE = "member-pledge";
    public static final String REPORT_PROGRESS = "report-progress";
    public static final String REPORT_OWN_ITEMS = "report-own-items";
    public static final String INSPECT_BRANCH = "inspect-branch";
    public static final String PUBLISH_BULLETIN = "publish-bulletin";

    private Form() {
    }
  }

  /** Beans of other capabilities the model calls by name (its own are in {@code cycle} and {@code assessment}). */
  public static final class Bean {
    /** {@code meeting.MeetingPlans}: checks the plan's meetings and starts one {@code branch-meeting} each. */
    public static final String MEETING_PLAN_FORM = "meetingPlanForm";
    /** {@code meeting.MeetingPlans}: checks the progress report, and the meetings it plans on its difficulties. */
    public static final String PROGRESS_REPORT_MEETINGS_FORM = "progressReportMeetingsForm";
    /** {@code meeting.MeetingTopics}: where a branch's meeting topics may come from (议题来源). */
    public static final String MEETING_TOPICS = "meetingTopics";
    /** {@code meeting.MeetingDelegates}: the branch's meetings as text on the inspection and scoring tasks. */
    public static final String MEETING_RECORD_TEXT = "meetingRecordText";
    /** {@code milestone.ItemProgressForm}: checks and records an owner's report on their own items (逐项报告). */
    public static final String OWN_ITEMS_REPORT_FORM = "ownItemsReportForm";
    /** {@code rectification.StartRectificationDelegate}: starts a {@code rectification} for a problem found. */
    public static final String START_RECTIFICATION = "startRectificationDelegate";

    private Bean() {
    }
  }
}
