package cn.liutong.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The conventions every model of the application keeps, written once: {@code ModelConventionsTest}
 * checks our own files with them, and {@link DeploymentCheck} refuses any deployment (Camunda Modeler's
 * included) that breaks them. Each problem names the element, in Chinese, for the administrator.
 * <ul>
 * <li>every process executable, with {@code historyTimeToLive}; every decision too, with a readable id;</li>
 * <li>readable, prefixed ids ({@code Task_SignFor}, {@code SequenceFlow_GoalsApprovedNo}), never Modeler's
 * defaults; every element drawn; every task, sub-process and call activity named in Chinese;</li>
 * <li>no script tasks; service tasks through a delegate expression ({@code ${recordGoalsDelegate}});</li>
 * <li>every user task with a Camunda Form bound to its deployment ({@code camunda:formRef} +
 * {@code formRefBinding="deployment"}, the form in the same deployment), a due date and a candidate rule
 * (an expression, never a hard-coded group); a business rule task's decision in the same deployment;</li>
 * <li>every {@code ${bean…}} and delegate expression names a bean the application has.</li>
 * </ul>
 */
public final class ModelConventions {

  /** One broken rule: where (file, element) and what, in Chinese. */
  public record Problem(String file, String elementId, String elementName, String reason) {
    public String text() {
      String where = elementName == null || elementName.isBlank() ? "“" + elementId + "”" : "“" + elementName + "”（" + elementId + "）";
      return file + " " + where + "：" + reason;
    }
  }

  /** What the models may refer to: the application's beans, and the forms and decisions deployed with them. */
  public record Known(Predicate<String> bean, Set<String> formIds, Set<String> decisionKeys) {}

  private static final Pattern MODELER_DEFAULT_ID = Pattern.compile("^[A-Za-z]+_(\\d+|[0-9a-z]{7})$|^sid-.*");
  private static final Pattern READABLE_ID = Pattern.compile(
      "^(StartEvent|EndEvent|Task|BusinessRuleTask|SubProcess|CallActivity|Gateway|BoundaryEvent|TimerEvent|SequenceFlow)_[A-Z][A-Za-z]+$");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern DELEGATE = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*$");
  /** An identifier at the root of a member access or call: {@code organisation.committee(…)}. */
  private static final Pattern ROOT_ACCESS = Pattern.compile("(?<![A-Za-z0-9_.'\"])([A-Za-z_][A-Za-z0-9_]*)\\s*\\.");
  /** Objects the engine itself puts into expressions, not beans. */
  private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "decisionResult", "caseExecution",
      "authenticatedUserId", "variableScope");
  private static final String DEPLOYMENT = "deployment";

  private ModelConventions() {}

  public static List<Problem> check(String file, BpmnModelInstance model, Known known) {
    List<Problem> problems = new ArrayList<>();
    Rules rules = new Rules(file, problems);
    for (Process process : model.getModelElementsByType(Process.class)) {
      rules.require(process.getCamundaHistoryTimeToLiveString() != null, process, "没有设置历史保留期（historyTimeToLive）");
      rules.require(process.isExecutable(), process, "不是可执行流程（isExecutable）");
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      rules.readableId(node);
      rules.require(node.getDiagramElement() != null, node, "在图中没有画出");
      rules.require(!(node instanceof ScriptTask), node, "是脚本任务，请改用服务任务（委托表达式）");
      String type = node.getElementType().getTypeName();
      if (!type.contains("Event") && !type.contains("Gateway")) {
        rules.require(node.getName() != null && node.getName().codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
            node, "没有中文名称");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      rules.readableId(flow);
      rules.require(flow.getDiagramElement() != null, flow, "连线在图中没有画出");
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      rules.require(task.getCamundaDelegateExpression() != null && task.getCamundaClass() == null, task,
          "服务任务应使用委托表达式（camunda:delegateExpression，如 ${recordGoalsDelegate}）");
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      rules.form(task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), known.formIds());
      rules.require(task.getCamundaAssignee() != null || task.getCamundaCandidateGroups() != null
          || task.getCamundaCandidateUsers() != null, task, "没有办理人规则（候选组、候选人或办理人表达式）");
      rules.require(task.getCamundaDueDate() != null, task, "没有到期日（camunda:dueDate，如 ${due.inDays(7)}）");
      rules.require(task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().trim().startsWith("${"),
          task, "候选组写死了组名，应使用表达式（如 ${organisation.committee(agencyId)}）");
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        rules.form(start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), known.formIds());
      }
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      String ref = task.getCamundaDecisionRef();
      rules.require(ref != null && known.decisionKeys().contains(ref), task,
          "引用的决策表“" + ref + "”不在同一次部署中（请把 .dmn 文件一起部署）");
      rules.require(DEPLOYMENT.equals(task.getCamundaDecisionRefBinding()), task,
          "决策表应绑定到同一次部署（camunda:decisionRefBinding=\"deployment\"）");
    }
    beans(file, model, known.bean(), problems);
    return problems;
  }

  public static List<Problem> check(String file, DmnModelInstance model) {
    List<Problem> problems = new ArrayList<>();
    Rules rules = new Rules(file, problems);
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      rules.require(decision.getCamundaHistoryTimeToLiveString() != null, decision.getId(), decision.getName(),
          "没有设置历史保留期（historyTimeToLive）");
      rules.require(!MODELER_DEFAULT_ID.matcher(decision.getId()).matches(), decision.getId(), decision.getName(),
          "使用了建模器自动生成的编号，请改为可读的编号");
    }
    return problems;
  }

  /** The bean an expression such as {@code ${due.inDays(7)}} or {@code ${recordGoalsDelegate}} needs, one per root. */
  static Set<String> beansNamedIn(String text, boolean delegate) {
    Set<String> beans = new LinkedHashSet<>();
    Matcher whole = DELEGATE.matcher(text);
    if (delegate && whole.matches()) {
      beans.add(whole.group(1));
      return beans;
    }
    Matcher expression = EXPRESSION.matcher(text);
    while (expression.find()) {
      String body = expression.group(1).replaceAll("'[^']*'|\"[^\"]*\"", "''");
      Matcher root = ROOT_ACCESS.matcher(body);
      while (root.find()) {
        if (!ENGINE_OBJECTS.contains(root.group(1))) {
          beans.add(root.group(1));
        }
      }
    }
    return beans;
  }

  /** Every attribute and text of the model that holds an expression, with the element it belongs to. */
  private static void beans(String file, BpmnModelInstance model, Predicate<String> known, List<Problem> problems) {
    Element root;
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = factory.newDocumentBuilder()
          .parse(new org.xml.sax.InputSource(new java.io.StringReader(Bpmn.convertToString(model)))).getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("model cannot be read back", e);
    }
    walk(file, root, null, null, known, problems);
  }

  private static void walk(String file, Element element, String ownerId, String ownerName, Predicate<String> known,
      List<Problem> problems) {
    if (element.hasAttribute("id") && !element.getLocalName().equals("definitions")) {
      ownerId = element.getAttribute("id");
      ownerName = element.getAttribute("name");
    }
    var attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      boolean delegate = "delegateExpression".equals(attribute.getLocalName()) || "delegateExpression".equals(attribute.getName());
      if (delegate && !DELEGATE.matcher(attribute.getValue()).matches()) {
        problems.add(new Problem(file, ownerId, ownerName, "委托表达式“" + attribute.getValue() + "”应只写一个组件名，如 ${recordGoalsDelegate}"));
      }
      unknown(file, ownerId, ownerName, attribute.getValue(), delegate, known, problems);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walk(file, childElement, ownerId, ownerName, known, problems);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        unknown(file, ownerId, ownerName, child.getNodeValue(), false, known, problems);
      }
    }
  }

  private static void unknown(String file, String id, String name, String text, boolean delegate, Predicate<String> known,
      List<Problem> problems) {
    if (text == null || !(text.contains("${") || text.contains("#{"))) {
      return;
    }
    for (String bean : beansNamedIn(text, delegate)) {
      if (!known.test(bean)) {
        problems.add(new Problem(file, id, name, "表达式“" + text.trim() + "”引用了系统中不存在的组件“" + bean + "”"));
      }
    }
  }

  private record Rules(String file, List<Problem> problems) {
    void require(boolean ok, BaseElement element, String reason) {
      require(ok, element.getId(), element instanceof FlowElement flow ? flow.getName() : element.getAttributeValue("name"), reason);
    }

    void require(boolean ok, String id, String name, String reason) {
      if (!ok) {
        problems.add(new Problem(file, id, name, reason));
      }
    }

    void readableId(BaseElement element) {
      require(!MODELER_DEFAULT_ID.matcher(element.getId()).matches() && READABLE_ID.matcher(element.getId()).matches(),
          element, "编号不可读：应以类型开头、后接英文词，如 Task_SignFor、SequenceFlow_GoalsApprovedNo");
    }

    void form(BaseElement element, String formRef, String binding, Set<String> formIds) {
      require(formRef != null, element, "没有表单（camunda:formRef）");
      if (formRef != null) {
        require(formIds.contains(formRef), element, "引用的表单“" + formRef + "”不在同一次部署中（请把 forms/" + formRef
            + ".form 一起部署）");
      }
      require(DEPLOYMENT.equals(binding), element, "表单应绑定到同一次部署（camunda:formRefBinding=\"deployment\"）");
    }
  }
}
