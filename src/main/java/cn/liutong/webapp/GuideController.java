package cn.liutong.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user guide, kept in the repository as {@code docs/用户指南.md} with its screenshots in
 * {@code docs/images/} (copied to {@code classpath:guide/} by the build), served as a web page at
 * {@code /guide/} for the Welcome page's link. Public: it holds nothing an anonymous reader may not know.
 */
@RestController
class GuideController {

  static final String GUIDE = "guide/用户指南.md";
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9_-]+\\.png");

  private final Parser parser;
  private final HtmlRenderer renderer;

  GuideController() {
    var extensions = List.of(TablesExtension.create());
    parser = Parser.builder().extensions(extensions).build();
    renderer = HtmlRenderer.builder().extensions(extensions).build();
  }

  /** Relative links (images/…) resolve below /guide/ only with the trailing slash. */
  @GetMapping("/guide")
  ResponseEntity<Void> redirect() {
    return ResponseEntity.status(302).header("Location", "/guide/").build();
  }

  @GetMapping(value = "/guide/", produces = "text/html;charset=UTF-8")
  ResponseEntity<String> guide() throws IOException {
    String markdown;
    try (InputStream in = new ClassPathResource(GUIDE).getInputStream()) {
      markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String html = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>用户指南 · 六同融合工作平台</title>
        <style>
          body { max-width: 960px; margin: 0 auto; padding: 24px; font-family: "Microsoft YaHei", "PingFang SC",
                 "WenQuanYi Micro Hei", sans-serif; line-height: 1.7; color: #222; }
          h1 { border-bottom: 3px solid #b5152b; padding-bottom: 8px; }
          h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 2em; }
          table { border-collapse: collapse; margin: 1em 0; }
          th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; vertical-align: top; }
          th { background: #f4f4f4; }
          img { max-width: 100%%; border: 1px solid #ccc; margin: 8px 0; }
          code { background: #f4f4f4; padding: 0 4px; }
        </style>
        </head>
        <body>
        %s
        </body>
        </html>
        """.formatted(renderer.render(parser.parse(markdown)));
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(html);
  }

  @GetMapping("/guide/images/{name}")
  ResponseEntity<Resource> image(@PathVariable String name) {
    Resource image = new ClassPathResource("guide/images/" + name);
    if (!IMAGE.matcher(name).matches() || !image.exists()) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache()).body(image);
  }
}
