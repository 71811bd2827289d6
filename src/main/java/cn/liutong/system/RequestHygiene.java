package cn.liutong.system;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses (400) a request whose address or parameters hold characters no one types ({@link CleanText}):
 * a NUL in a query parameter reached PostgreSQL, which answered with an error (500) instead of a result.
 */
final class RequestHygiene implements Filter {

  static final String REFUSED = "请求地址含有不允许的字符";

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (!clean(request.getRequestURI()) || !clean(request.getQueryString())) {
      HttpServletResponse response = (HttpServletResponse) res;
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"BadRequest\",\"message\":\"" + REFUSED + "\"}");
      return;
    }
    chain.doFilter(req, res);
  }

  private static boolean clean(String raw) {
    if (raw == null) {
      return true;
    }
    try {
      return CleanText.problem(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8)) == null;
    } catch (IllegalArgumentException e) {
      return false; // a broken percent-encoding
    }
  }
}
