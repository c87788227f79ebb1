package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The sign-in page (the form posts to Spring Security's {@code POST /login}, through the same
 * sign-in service and limits as the REST token), {@code /}, which sends each user to their start
 * page (patrols to the phone page, the centre to the queue, technicians to the map), and
 * "sign out on all my devices".
 */
@Controller
class SignInPages {
  private final ObjectProvider<PhoneSignIn> phones;

  SignInPages(ObjectProvider<PhoneSignIn> phones) {
    this.phones = phones;
  }

  @GetMapping("/login")
  String login() {
    return "login";
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal HubPrincipal me) {
    return "redirect:" + Navigation.home(me);
  }

  /**
   * Deletes every "stay signed in" login of the caller and signs out here; a lost phone is signed
   * out at its next request.
   */
  @PostMapping("/console/sign-out-everywhere")
  @PreAuthorize("isAuthenticated()")
  String signOutEverywhere(@AuthenticationPrincipal HubPrincipal me, HttpServletRequest request,
      HttpServletResponse response) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    PhoneSignIn phone = phones.getIfAvailable();
    if (phone != null) {
      phone.signOutEverywhere(me.userId());
      phone.logout(request, response, auth);
    }
    new SecurityContextLogoutHandler().logout(request, response, auth);
    return "redirect:/login?logout";
  }
}
