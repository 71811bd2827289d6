package cn.liutong.assessment;

import java.util.List;

import cn.liutong.assessment.AssessmentLedger.Assessment;

/** The 公示 is over and every appeal decided: the final results are circulated (通报) to the agency. */
public record ResultsCirculated(String agencyId, String cycleId, String cycleName, List<Assessment> results,
    List<ReviewLedger.Review> appeals) {
}
