package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;

import cn.liutong.cycle.CycleProcess;
import cn.liutong.cycle.Stage;

/**
 * The diagrams a person reads in Modeler and Cockpit (pictures: docs/images/models): in every plane of every
 * model, no label lies on a shape, another label or a flow, and no flow is drawn across a shape it does not
 * connect. The cycle's top level shows the six stages (六同) as collapsed sub-processes, left to right, each
 * opening into a plane of its own; who does each of its tasks is on the diagram. Read from the model files, no
 * engine.
 */
class ModelLayoutTest {

  private static final Path MODELS = Path.of("bpmn");

  /** A drawn box: a shape's or a label's bounds. */
  private record Box(String id, double x, double y, double width, double height) {

    static Box of(String id, Bounds bounds) {
      return new Box(id, bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
    }

    boolean overlaps(Box other) {
      return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
    }

    boolean contains(Box other) {
      return other.x >= x && other.y >= y && other.x + other.width <= x + width && other.y + other.height <= y + height;
    }

    boolean contains(double px, double py) {
      return px >= x && px <= x + width && py >= y && py <= y + height;
    }

    /** Whether the segment passes through the box shrunk by {@code margin} (a flow may touch the box it ends at). */
    boolean crossedBy(Waypoint from, Waypoint to, double margin) {
      for (int i = 0; i <= 200; i++) {
        double t = i / 200.0;
        double px = from.getX() + (to.getX() - from.getX()) * t;
        double py = from.getY() + (to.getY() - from.getY()) * t;
        if (px > x + margin && px < x + width - margin && py > y + margin && py < y + height - margin) {
          return true;
        }
      }
      return false;
    }
  }

  @Test
  void noLabelLiesOnAShapeALabelOrAFlowAndNoFlowCrossesAShape() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(MODELS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
          check(file.getFileName() + " " + plane.getBpmnElement().getId(), plane, problems);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theCyclesTopLevelShowsTheSixStagesInARowEachOpeningIntoItsOwnPlane() {
    BpmnModelInstance model = Bpmn.readModelFromFile(MODELS.resolve("integrated-cycle.bpmn").toFile());
    BpmnPlane top = plane(model, CycleProcess.KEY);
    // each stage's own sub-process, as the one stage model names it (cycle/Stage), in loop order
    List<Stage> loop = Stage.loop();
    List<BpmnShape> shapes = loop.stream().map(stage -> shape(top, stage.elements().get(0))).toList();
    for (int i = 0; i < loop.size(); i++) {
      BpmnShape shape = shapes.get(i);
      String id = shape.getBpmnElement().getId();
      assertThat(shape.getBpmnElement().getAttributeValue("name")).as(id + "'s name").startsWith(loop.get(i).label());
      assertThat(shape.isExpanded()).as(id + " collapsed on the top level").isFalse();
      BpmnPlane own = plane(model, id);
      List<String> drawn = own.getDiagramElements().stream()
          .map(e -> e instanceof BpmnShape s ? s.getBpmnElement().getId() : ((BpmnEdge) e).getBpmnElement().getId()).toList();
      List<String> inside = ((SubProcess) shape.getBpmnElement()).getFlowElements().stream().map(BaseElement::getId).toList();
      assertThat(drawn).as(id + "'s plane draws what it contains").containsAll(inside);
    }
    double row = centreY(shapes.get(loop.indexOf(Stage.PLAN)));
    for (Stage stage : List.of(Stage.DEPLOY, Stage.ASSESS, Stage.ACCOUNTABILITY)) {
      assertThat(centreY(shapes.get(loop.indexOf(stage)))).as(stage.label() + " in the row of 同规划").isEqualTo(row);
    }
    BpmnShape implement = shapes.get(loop.indexOf(Stage.IMPLEMENT));
    BpmnShape supervise = shapes.get(loop.indexOf(Stage.INSPECT));
    assertThat(implement.getBounds().getX()).as("同落实 and 同检查 run side by side, one above the other")
        .isEqualTo(supervise.getBounds().getX());
    assertThat(row - centreY(implement)).as("above and below the row, alike").isEqualTo(centreY(supervise) - row);
    assertThat(shapes.stream().map(s -> s.getBounds().getX()).toList()).as("left to right, in the order of 六同")
        .isSortedAccordingTo(Comparator.naturalOrder());
  }

  /**
   * Who does each task of the cycle, read from the diagram: its name says it (党组审批目标体系, 支部签收责任清单), or a
   * text annotation 办理：… beside it does, and that matches the task's candidate rule (or its member assignee).
   */
  @Test
  void everyTaskOfTheCycleShowsWhoDoesIt() {
    BpmnModelInstance model = Bpmn.readModelFromFile(MODELS.resolve("integrated-cycle.bpmn").toFile());
    Map<String, String> annotated = new HashMap<>();
    for (Association association : model.getModelElementsByType(Association.class)) {
      if (association.getTarget() instanceof TextAnnotation note) {
        annotated.put(association.getSource().getId(), note.getTextContent().trim());
      }
    }
    List<String> unclear = new ArrayList<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String rule = task.getCamundaCandidateGroups() != null ? task.getCamundaCandidateGroups() : task.getCamundaAssignee();
      String actor = rule.contains("organisation.committee(") ? "机关党委"
          : rule.contains("organisation.partyGroup(") ? "党组"
          : rule.contains("organisation.branchSecretaries(") ? "支部书记"
          : rule.equals("${memberId}") ? "党员"
          : rule.equals("${ownerId}") ? "责任人"
          : rule.equals("${measureExecutor}") ? "执行人" : "?" + rule;
      String said = actor.equals("支部书记") ? "支部" : actor;
      String note = annotated.get(task.getId());
      if (!(task.getName().contains(said) && note == null) && !("办理：" + actor).equals(note)) {
        unclear.add(task.getId() + " " + task.getName() + ": done by " + actor + ", annotated " + note);
      }
    }
    assertThat(unclear).isEmpty();
  }

  private static void check(String where, BpmnPlane plane, List<String> problems) {
    List<Box> shapes = new ArrayList<>();
    List<Box> labels = new ArrayList<>();
    List<BpmnEdge> edges = new ArrayList<>();
    for (var element : plane.getDiagramElements()) {
      if (element instanceof BpmnShape shape) {
        String id = shape.getBpmnElement().getId();
        shapes.add(Box.of(id, shape.getBounds()));
        if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
          labels.add(Box.of(id, shape.getBpmnLabel().getBounds()));
        }
      } else if (element instanceof BpmnEdge edge) {
        edges.add(edge);
        if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
          labels.add(Box.of(edge.getBpmnElement().getId(), edge.getBpmnLabel().getBounds()));
        }
      }
    }
    for (Box label : labels) {
      for (Box shape : shapes) {
        if (label.overlaps(shape) && !shape.contains(label)) {
          problems.add(where + ": the label of " + label.id() + " lies on " + shape.id());
        }
      }
      for (Box other : labels) {
        if (other != label && label.id().compareTo(other.id()) < 0 && label.overlaps(other)) {
          problems.add(where + ": the labels of " + label.id() + " and " + other.id() + " overlap");
        }
      }
    }
    for (BpmnEdge edge : edges) {
      List<Waypoint> points = List.copyOf(edge.getWaypoints());
      String id = edge.getBpmnElement().getId();
      for (Box label : labels) {
        if (!label.id().equals(id) && crosses(points, label, 0)) {
          problems.add(where + ": flow " + id + " is drawn over the label of " + label.id());
        }
      }
      if (edge.getBpmnElement() instanceof SequenceFlow flow) {
        List<String> ends = new ArrayList<>(List.of(flow.getSource().getId(), flow.getTarget().getId()));
        for (var end : List.of(flow.getSource(), flow.getTarget())) {
          if (end instanceof BoundaryEvent boundary) {
            ends.add(boundary.getAttachedTo().getId());
          }
        }
        Waypoint first = points.get(0);
        Waypoint last = points.get(points.size() - 1);
        for (Box shape : shapes) {
          boolean container = shape.contains(first.getX(), first.getY()) && shape.contains(last.getX(), last.getY());
          if (!ends.contains(shape.id()) && !container && crosses(points, shape, 2)) {
            problems.add(where + ": flow " + id + " is drawn across " + shape.id());
          }
        }
      }
    }
  }

  private static boolean crosses(List<Waypoint> points, Box box, double margin) {
    for (int i = 0; i + 1 < points.size(); i++) {
      if (box.crossedBy(points.get(i), points.get(i + 1), margin)) {
        return true;
      }
    }
    return false;
  }

  private static BpmnPlane plane(BpmnModelInstance model, String elementId) {
    return model.getModelElementsByType(BpmnPlane.class).stream()
        .filter(p -> elementId.equals(p.getBpmnElement().getId())).findFirst()
        .orElseThrow(() -> new AssertionError("no diagram plane for " + elementId));
  }

  private static BpmnShape shape(BpmnPlane plane, String elementId) {
    return plane.getDiagramElements().stream().filter(e -> e instanceof BpmnShape s && elementId.equals(s.getBpmnElement().getId()))
        .map(BpmnShape.class::cast).findFirst().orElseThrow(() -> new AssertionError(elementId + " not drawn on the top level"));
  }

  private static double centreY(BpmnShape shape) {
    return shape.getBounds().getY() + shape.getBounds().getHeight() / 2;
  }
}
