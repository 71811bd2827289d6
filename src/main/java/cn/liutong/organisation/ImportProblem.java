package cn.liutong.organisation;

/** One thing wrong with an import file: the line it is on (1 = the header) and why, in Chinese. */
public record ImportProblem(int line, String reason) {

  @Override
  public String toString() {
    return "第" + line + "行：" + reason;
  }
}
