package cn.liutong.meeting;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.liutong.meeting.MeetingLedger.Meeting;
import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.organisation.Visibility;

/**
 * The branches' 三会一课 and 主题党日, read-only, as {@code /api} shows the ledger: the committee and the party
 * group their agency's, a secretary their branch's. A meeting one may not see answers 404, exactly as
 * a missing one.
 */
@RestController
@RequestMapping("/api/branch-meetings")
class MeetingController {

  private final MeetingLedger ledger;
  private final Visibility visibility;

  MeetingController(MeetingLedger ledger, Visibility visibility) {
    this.ledger = ledger;
    this.visibility = visibility;
  }

  @GetMapping
  List<Meeting> meetings() {
    Scope scope = visibility.scope();
    return scope.agencies().isEmpty() ? List.of()
        : ledger.ofAgencies(scope.agencies()).stream().filter(m -> scope.seesBranch(m.agencyId(), m.branchCode()))
            .toList();
  }

  @GetMapping("/{id}")
  Meeting meeting(@PathVariable String id) {
    Scope scope = visibility.scope();
    Meeting meeting = ledger.meeting(id);
    if (meeting == null || !scope.seesBranch(meeting.agencyId(), meeting.branchCode())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "未找到该会议：" + id);
    }
    return meeting;
  }
}
