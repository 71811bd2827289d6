package cn.liutong.dashboard;

import java.util.Locale;

/** The six stages of the 六同 loop as managers name them, plus the end of a cycle, in loop order. */
public enum Stage {
  PLAN("同规划"),
  DEPLOY("同部署"),
  IMPLEMENT("同落实"),
  INSPECT("同检查"),
  ASSESS("同考核"),
  ACCOUNTABILITY("同问责"),
  CLOSED("已结束");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }
}
