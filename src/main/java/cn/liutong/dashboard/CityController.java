package cn.liutong.dashboard;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.liutong.export.LedgerExport.Download;

/**
 * The city committee's (机关工委) overview of every agency, read-only, HTTP Basic like the rest of {@code /api}:
 * {@code GET /api/city/overview?year=} and its export for 综合考核, {@code GET /api/city/results.xlsx?year=}.
 * A refusal answers its status with the Chinese reason ({@code {"message": …}}).
 */
@RestController
@RequestMapping("/api/city")
class CityController {

  private final CityOverviewService overviews;

  CityController(CityOverviewService overviews) {
    this.overviews = overviews;
  }

  @GetMapping("/overview")
  CityOverview overview(@RequestParam(required = false) String year) {
    return overviews.overview(year);
  }

  @GetMapping("/results.xlsx")
  ResponseEntity<byte[]> results(@RequestParam(required = false) String year) {
    Download file = overviews.results(year);
    return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, file.contentType())
        .header(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition())
        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(file.bytes());
  }

  @ExceptionHandler(CityOverviewService.Refused.class)
  ResponseEntity<Map<String, String>> refused(CityOverviewService.Refused refused) {
    return ResponseEntity.status(refused.status()).header(HttpHeaders.CONTENT_TYPE, "application/json")
        .body(Map.of("message", refused.getMessage()));
  }
}
