package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.PasswordChanges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /console/password}: change one's own password in the browser, through the same
 * {@link PasswordChanges} as the REST API. Users who must change their password first (the
 * bootstrap admin, after a reset) are sent here by the security filter. Afterwards the user is
 * signed out everywhere on this browser and signs in again with the new password.
 */
@Controller
class PasswordPage {
  private final PasswordChanges passwords;
  private final ObjectProvider<PhoneSignIn> phones;

  PasswordPage(PasswordChanges passwords, ObjectProvider<PhoneSignIn> phones) {
    this.passwords = passwords;
    this.phones = phones;
  }

  @GetMapping("/console/password")
  @PreAuthorize("isAuthenticated()")
  String page(@AuthenticationPrincipal HubPrincipal me, Model model) {
    model.addAttribute("required", me.passwordChangeRequired());
    return "password";
  }

  @PostMapping("/console/password")
  @PreAuthorize("isAuthenticated()")
  String change(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(defaultValue = "") String currentPassword,
      @RequestParam(defaultValue = "") String newPassword,
      @RequestParam(defaultValue = "") String confirmPassword, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    model.addAttribute("required", me.passwordChangeRequired());
    if (!newPassword.equals(confirmPassword)) {
      model.addAttribute("problemKey", "password.mismatch");
      return "password";
    }
    try {
      passwords.change(me, currentPassword, newPassword, ClientAddress.of(request));
    } catch (ResponseStatusException e) {
      model.addAttribute("problem", e.getReason());
      return "password";
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    PhoneSignIn phone = phones.getIfAvailable();
    if (phone != null) {
      phone.logout(request, response, auth);
    }
    new SecurityContextLogoutHandler().logout(request, response, auth);
    return "redirect:/login?changed";
  }
}
