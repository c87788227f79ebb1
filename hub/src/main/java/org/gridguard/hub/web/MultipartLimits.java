package org.gridguard.hub.web;

import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet container's multipart limits ({@code spring.servlet.multipart.*}, 1 MB per file by
 * default) raised to at least the largest {@link BodyLimit} a feature declares, so the body limit
 * filter is the one place a body's size is decided (with its clear 413) and the multipart parser
 * never refuses a part the route allows. Parts are written to disk past
 * {@code file-size-threshold} (0 by default), so a large photo is not held in memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MultipartLimits {
  @Bean
  MultipartConfigElement multipartConfigElement(ObjectProvider<MultipartProperties> multipart,
      List<BodyLimit> routes) {
    // absent when spring.servlet.multipart.enabled=false: then Spring Boot's defaults
    MultipartConfigElement configured = multipart.getIfAvailable(MultipartProperties::new)
        .createMultipartConfig();
    long largest = routes.stream().mapToLong(r -> r.max().toBytes()).max().orElse(0);
    return new MultipartConfigElement(configured.getLocation(),
        atLeast(configured.getMaxFileSize(), largest),
        atLeast(configured.getMaxRequestSize(), largest),
        configured.getFileSizeThreshold());
  }

  /** {@code -1} is "unlimited" and stays so. */
  private static long atLeast(long configured, long wanted) {
    return configured < 0 ? configured : Math.max(configured, wanted);
  }
}
