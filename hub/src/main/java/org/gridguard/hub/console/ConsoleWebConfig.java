package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The console's language: a cookie per browser ({@code gg_lang}, a year), switched with
 * {@code ?lang=en} / {@code ?lang=zh-CN} on any console page, clamped to the two supported
 * languages; texts from {@code messages_zh_CN.properties} and {@code messages_en.properties}.
 */
@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleWebConfig implements WebMvcConfigurer {
  static final String LANG_COOKIE = "gg_lang";

  /** Named so Spring MVC uses it ({@code DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME}). */
  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver cookie = new CookieLocaleResolver(LANG_COOKIE);
    cookie.setDefaultLocale(SupportedLocales.DEFAULT);
    cookie.setCookieMaxAge(Duration.ofDays(365));
    cookie.setCookieSameSite("Lax");
    cookie.setCookieHttpOnly(true);
    return new LocaleResolver() {
      @Override
      public Locale resolveLocale(HttpServletRequest request) {
        return SupportedLocales.clamp(cookie.resolveLocale(request));
      }

      @Override
      public void setLocale(HttpServletRequest request, HttpServletResponse response,
          Locale locale) {
        cookie.setLocale(request, response, locale == null ? null : SupportedLocales.clamp(locale));
      }
    };
  }

  /**
   * The bundles, UTF-8, without falling back to the JVM's locale (a server started in an English
   * shell must still answer Chinese by default).
   */
  @Bean
  MessageSource messageSource() {
    ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
    messages.setBasename("classpath:messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setDefaultLocale(SupportedLocales.DEFAULT);
    return messages;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new LanguageSwitch(localeResolver()))
        .addPathPatterns("/", "/login", "/console/**", "/patrol/**");
  }

  /** {@code ?lang=} sets the cookie; unknown values are ignored. */
  private record LanguageSwitch(LocaleResolver resolver) implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
        Object handler) {
      SupportedLocales.parse(request.getParameter("lang"))
          .ifPresent(l -> resolver.setLocale(request, response, l));
      return true;
    }
  }
}
