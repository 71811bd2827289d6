package cn.liutong.assessment;

import java.util.Date;
import java.util.List;

import cn.liutong.assessment.AssessmentLedger.Assessment;

/**
 * The party group approved the cycle's results and they are on 公示 until {@code publicityEnds}, the branches'
 * last day to appeal. Published inside the engine's transaction, as the messages it causes are kept or rolled
 * back with it.
 */
public record ResultsPublicized(String agencyId, String cycleId, String cycleName, Date publicityEnds,
    List<Assessment> results) {
}
