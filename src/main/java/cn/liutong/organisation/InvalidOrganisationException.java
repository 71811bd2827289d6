package cn.liutong.organisation;

import java.util.List;
import java.util.stream.Collectors;

/** The import file has problems; nothing was written. */
public class InvalidOrganisationException extends RuntimeException {

  private final transient List<ImportProblem> problems;

  InvalidOrganisationException(List<ImportProblem> problems) {
    super(summary(problems.size()) + "\n"
        + problems.stream().map(ImportProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ImportProblem> problems() {
    return problems;
  }

  /** The one-line message for the administrator. */
  public String summary() {
    return summary(problems.size());
  }

  private static String summary(int count) {
    return "组织文件有" + count + "处错误，未导入任何内容";
  }
}
