package cn.liutong.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.rest.dto.ParseExceptionDto;
import org.camunda.bpm.engine.rest.dto.ProblemDto;
import org.camunda.bpm.engine.rest.dto.ResourceReportDto;

/**
 * The answer to a deployment the engine refused (400): Camunda Modeler shows its {@code message} in its log.
 * A refusal of {@link DeploymentCheck} is already Chinese and is kept with its {@code details} (by resource:
 * the element and the reason). A model Camunda's own parser could not read gets a Chinese lead and the
 * parser's reasons with their line and column, without engine codes or class names.
 */
final class DeploymentAnswers {

  static final String UNREADABLE = "流程模型无法解析，未部署。请在 Camunda Modeler 中检查后重新部署：";

  private DeploymentAnswers() {}

  static ParseExceptionDto answer(ParseExceptionDto refused) {
    ParseExceptionDto answer = new ParseExceptionDto();
    answer.setType("BadRequest");
    Map<String, ResourceReportDto> details = refused.getDetails() == null ? Map.of() : refused.getDetails();
    answer.setDetails(details);
    String message = refused.getMessage();
    if (message != null && message.startsWith(DeploymentCheck.LEAD)) {
      answer.setMessage(message);
      return answer;
    }
    List<String> reasons = new ArrayList<>();
    details.forEach((resource, report) -> {
      for (ProblemDto problem : report.getErrors() == null ? List.<ProblemDto>of() : report.getErrors()) {
        reasons.add(resource + " 第" + problem.getLine() + "行第" + problem.getColumn() + "列：" + plain(problem.getMessage()));
      }
    });
    answer.setMessage(UNREADABLE + (reasons.isEmpty() ? plain(message) : String.join("\n", reasons)));
    return answer;
  }

  /** The parser's reason without engine codes and the resource/line suffix it repeats. */
  private static String plain(String message) {
    return message == null ? "" : message.replaceAll("ENGINE-\\d+\\s*", "").replaceAll("\\s*\\|\\s*resource .*$", "").trim();
  }
}
