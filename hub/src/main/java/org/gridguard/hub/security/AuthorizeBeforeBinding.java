package org.gridguard.hub.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Evaluates a handler's {@code @PreAuthorize} before Spring MVC reads and validates its
 * arguments: otherwise a caller without the role would learn from a 400 what a valid body looks
 * like before being refused. The same annotation is checked again around the method call by
 * method security; expressions must therefore not refer to method arguments.
 */
@Configuration
class AuthorizeBeforeBinding implements WebMvcConfigurer {
  private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
          Object handler) {
        // an ASYNC dispatch (the end of an SSE stream) binds nothing and calls no method: it
        // continues a request checked here on its REQUEST dispatch (see SecurityConfig)
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
          return true;
        }
        if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(PreAuthorize.class)
            || method.getBeanType().isAnnotationPresent(PreAuthorize.class))) {
          AuthorizationResult result = manager.authorize(
              () -> SecurityContextHolder.getContext().getAuthentication(),
              new SimpleMethodInvocation(method.getBean(), method.getMethod()));
          if (result != null && !result.isGranted()) {
            throw new AccessDeniedException("role not allowed");
          }
        }
        return true;
      }
    });
  }
}
