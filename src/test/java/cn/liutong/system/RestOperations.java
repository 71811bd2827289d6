package cn.liutong.system;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/**
 * Every operation a set of JAX-RS root resources offers, read from their own annotations: HTTP methods and
 * path templates, following sub-resource locators. This is the REST API's own list, not ours.
 */
record RestOperations(List<Operation> all) {

  record Operation(String httpMethod, String template, String javaMethod, String declaredBy) {
    String key() {
      return ChangePolicy.operation(httpMethod, template);
    }

    boolean changes() {
      return !Set.of("GET", "HEAD", "OPTIONS").contains(httpMethod);
    }
  }

  private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
      DELETE.class, HEAD.class, OPTIONS.class, PATCH.class);

  static RestOperations of(Collection<Class<?>> roots) {
    var operations = new LinkedHashSet<Operation>();
    for (Class<?> root : roots) {
      Path path = annotation(root, Path.class);
      if (path != null) {
        walk(root, path.value(), operations, 0);
      }
    }
    return new RestOperations(List.copyOf(operations));
  }

  private static void walk(Class<?> type, String base, Set<Operation> operations, int depth) {
    if (depth > 8) {
      return;
    }
    for (Method method : type.getMethods()) {
      Path path = methodAnnotation(method, Path.class);
      String template = path == null ? base : base + "/" + path.value();
      String http = httpMethod(method);
      if (http != null) {
        operations.add(new Operation(http, template, method.getName(), method.getDeclaringClass().getSimpleName()));
      } else if (path != null) {
        walk(method.getReturnType(), template, operations, depth + 1);
      }
    }
  }

  private static String httpMethod(Method method) {
    for (Class<? extends Annotation> http : HTTP_METHODS) {
      if (methodAnnotation(method, http) != null) {
        return http.getSimpleName();
      }
    }
    return null;
  }

  /** JAX-RS annotations may sit on the method itself or on the interface or superclass it implements. */
  private static <A extends Annotation> A methodAnnotation(Method method, Class<A> annotation) {
    for (Class<?> type : hierarchy(method.getDeclaringClass())) {
      try {
        A found = type.getMethod(method.getName(), method.getParameterTypes()).getAnnotation(annotation);
        if (found != null) {
          return found;
        }
      } catch (NoSuchMethodException e) {
        // not declared on this type
      }
    }
    return null;
  }

  private static <A extends Annotation> A annotation(Class<?> type, Class<A> annotation) {
    for (Class<?> candidate : hierarchy(type)) {
      if (candidate.getAnnotation(annotation) != null) {
        return candidate.getAnnotation(annotation);
      }
    }
    return null;
  }

  private static List<Class<?>> hierarchy(Class<?> type) {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      types.add(c);
      collectInterfaces(c, types);
    }
    return types;
  }

  private static void collectInterfaces(Class<?> type, List<Class<?>> types) {
    for (Class<?> i : type.getInterfaces()) {
      if (!types.contains(i)) {
        types.add(i);
        collectInterfaces(i, types);
      }
    }
  }
}
