package cn.liutong.cycle;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.liutong.cycle.CycleProcess.Activity;

/**
 * The six stages of the 六同 loop as managers name them, plus the end of a cycle, in loop order: the one
 * stage model behind the dashboard and the metrics. Each stage names the model elements that open it; every
 * other activity takes its stage from the model's structure ({@link Stages}): the element itself, else the
 * nearest enclosing stage sub-process, else the stage it follows.
 *
 * <p>同检查 is {@code SubProcess_Supervise}, which runs beside the branches' 同落实: the committee's calendar
 * rounds over all branches (each branch's progress report (同述), the committee's inspection and the
 * rectification it starts, then the round's 督查通报); each round's {@code SubProcess_InspectBranch} is the
 * branches' part of it, run once per branch like the other branch stages.
 */
public enum Stage {
  PLAN("同规划", Activity.PLAN),
  DEPLOY("同部署", Activity.DEPLOY, Activity.BRANCH_SIGN_FOR),
  IMPLEMENT("同落实", Activity.BRANCH_IMPLEMENT),
  INSPECT("同检查", Activity.SUPERVISE, Activity.BRANCH_INSPECT),
  ASSESS("同考核", Activity.BRANCH_ASSESS, Activity.AGENCY_ASSESS),
  ACCOUNTABILITY("同问责", Activity.BRANCH_ACCOUNTABILITY),
  CLOSED("已结束");

  private final String label;
  private final List<String> elements;

  Stage(String label, String... elements) {
    this.label = label;
    this.elements = List.of(elements);
  }

  /** English key, as the metrics tag and the dashboard's JSON name the stage. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }

  /** The ids of the {@code integrated-cycle} elements that open this stage. */
  public List<String> elements() {
    return elements;
  }

  /** The stage an element opens, if it is one of those named above. */
  public static Optional<Stage> openedBy(String elementId) {
    return Arrays.stream(values()).filter(stage -> stage.elements.contains(elementId)).findFirst();
  }

  /** The stages a cycle runs through (without {@link #CLOSED}). */
  public static List<Stage> loop() {
    return Arrays.stream(values()).filter(stage -> stage != CLOSED).toList();
  }
}
