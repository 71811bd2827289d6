package cn.liutong.milestone;

import java.time.LocalDate;

import cn.liutong.cycle.CycleProcess.ItemProgress;

/**
 * 亮灯: how a responsibility item stands against its milestone (重要节点) date, from the latest status its branch
 * reported. Done is green whatever the date; otherwise a date passed is red, a date within the due-soon window
 * (the date itself included) is yellow, a later one green.
 */
public enum Light {
  DONE("done", "已完成", "green"),
  ON_TRACK("onTrack", "正常", "green"),
  DUE_SOON("dueSoon", "临近", "yellow"),
  OVERDUE("overdue", "逾期", "red");

  private final String key;
  private final String label;
  private final String colour;

  Light(String key, String label, String colour) {
    this.key = key;
    this.label = label;
    this.colour = colour;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public String colour() {
    return colour;
  }

  /**
   * The light of an item whose milestone falls on {@code milestoneDate}, whose latest reported status is
   * {@code status} (null before any report), seen on {@code today}, yellow from {@code dueSoonDays} days before.
   */
  public static Light of(LocalDate milestoneDate, String status, LocalDate today, int dueSoonDays) {
    if (ItemProgress.DONE.equals(status)) {
      return DONE;
    }
    if (milestoneDate.isBefore(today)) {
      return OVERDUE;
    }
    return milestoneDate.isAfter(today.plusDays(dueSoonDays)) ? ON_TRACK : DUE_SOON;
  }
}
