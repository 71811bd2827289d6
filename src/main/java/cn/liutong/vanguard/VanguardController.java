package cn.liutong.vanguard;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.organisation.Visibility;
import cn.liutong.vanguard.VanguardLedger.Post;

/**
 * The register of 党员先锋岗 and 示范窗口, read-only, as {@code /api} shows the ledger: the committee and
 * the party group their agency's, a secretary their branch's, a member their own. A post one may not see
 * answers 404, exactly as a missing one.
 */
@RestController
@RequestMapping("/api/vanguard-posts")
class VanguardController {

  private final VanguardLedger ledger;
  private final Visibility visibility;

  VanguardController(VanguardLedger ledger, Visibility visibility) {
    this.ledger = ledger;
    this.visibility = visibility;
  }

  @GetMapping
  List<Post> posts() {
    Scope scope = visibility.scope();
    return scope.agencies().isEmpty() ? List.of()
        : ledger.ofAgencies(scope.agencies()).stream().filter(post -> sees(scope, post)).toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> post(@PathVariable String id) {
    Scope scope = visibility.scope();
    Post post = ledger.post(id);
    if (post == null || !sees(scope, post)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "未找到该先锋岗：" + id);
    }
    return Map.of("post", post, "fulfilments", ledger.fulfilments(id));
  }

  private static boolean sees(Scope scope, Post post) {
    return scope.seesBranch(post.agencyId(), post.branchCode())
        || scope.agencies().contains(post.agencyId()) && post.memberId().equals(scope.userId());
  }
}
