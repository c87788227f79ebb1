package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridguard.hub.incident.IncidentProperties;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console template gets: the reader ({@code me}), the menu and the formats. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
  private final IncidentProperties incidents;

  ConsoleModel(IncidentProperties incidents) {
    this.incidents = incidents;
  }

  /**
   * The same attributes for a model the advice methods did not fill (an exception handler's).
   */
  void fill(org.springframework.ui.Model model, HttpServletRequest request, HubPrincipal me) {
    model.addAttribute("fmt", formats());
    model.addAttribute("langLinks", langLinks(request));
    model.addAttribute("me", me);
    model.addAttribute("nav", nav(me));
  }

  @ModelAttribute("fmt")
  Formats formats() {
    return new Formats(LocaleContextHolder.getLocale(), incidents.zone());
  }

  /** Links to the current page in each language (GET: with its query; else the plain path). */
  public record LangLinks(String zh, String en) {}

  @ModelAttribute("langLinks")
  LangLinks langLinks(HttpServletRequest request) {
    String path = request.getRequestURI();
    StringBuilder query = new StringBuilder();
    if ("GET".equals(request.getMethod())) {
      request.getParameterMap().forEach((name, values) -> {
        if (!name.equals("lang") && !name.equals("error") && !name.equals("logout")) {
          for (String v : values) {
            query.append(name).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
          }
        }
      });
    }
    String base = path + "?" + query;
    return new LangLinks(base + "lang=zh-CN", base + "lang=en");
  }

  @ModelAttribute("me")
  HubPrincipal me(@AuthenticationPrincipal HubPrincipal me) {
    return me;
  }

  @ModelAttribute("nav")
  List<Navigation.Entry> nav(@AuthenticationPrincipal HubPrincipal me) {
    return me == null ? List.of() : Navigation.of(me);
  }
}
