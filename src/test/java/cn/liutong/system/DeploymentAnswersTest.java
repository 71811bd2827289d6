package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.rest.dto.ParseExceptionDto;
import org.camunda.bpm.engine.rest.dto.ProblemDto;
import org.camunda.bpm.engine.rest.dto.ResourceReportDto;
import org.junit.jupiter.api.Test;

/** What Modeler's log shows when the engine's own BPMN parser refuses a model. */
class DeploymentAnswersTest {

  @Test
  void theParsersReasonsKeepTheirLinesWithoutEngineCodes() {
    ProblemDto problem = new ProblemDto();
    problem.setMessage("ENGINE-09008 Exclusive Gateway 'Gateway_A' has outgoing sequence flow without condition | resource x.bpmn | line 3 | column 5");
    problem.setLine(3);
    problem.setColumn(5);
    ParseExceptionDto refused = new ParseExceptionDto();
    refused.setType("ParseException");
    refused.setMessage("ENGINE-09005 Could not parse BPMN process. Errors: ...");
    refused.setDetails(Map.of("x.bpmn", new ResourceReportDto(List.of(problem), List.of())));

    ParseExceptionDto answer = DeploymentAnswers.answer(refused);

    assertThat(answer.getType()).isEqualTo("BadRequest");
    assertThat(answer.getMessage()).isEqualTo("流程模型无法解析，未部署。请在 Camunda Modeler 中检查后重新部署："
        + "x.bpmn 第3行第5列：Exclusive Gateway 'Gateway_A' has outgoing sequence flow without condition");
  }

  @Test
  void ourRefusalIsKeptAsItIs() {
    ParseExceptionDto refused = new ParseExceptionDto();
    refused.setType("ParseException");
    refused.setMessage(DeploymentCheck.LEAD + "请在 Camunda Modeler 中修改后重新部署（共1处）：\n1. a.bpmn “任务”（Task_A）：没有到期日");

    assertThat(DeploymentAnswers.answer(refused).getMessage()).isEqualTo(refused.getMessage());
  }
}
