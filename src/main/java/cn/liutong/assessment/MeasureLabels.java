package cn.liutong.assessment;

/** The Chinese label of an accountability measure (问责措施) as the ledger stores its key. */
public final class MeasureLabels {

  private MeasureLabels() {
  }

  /** The label, or the value itself when it is none of the measures the party group may decide. */
  public static String label(String measure) {
    return measure == null ? null : AssessmentProcess.MEASURES.getOrDefault(measure, measure);
  }
}
