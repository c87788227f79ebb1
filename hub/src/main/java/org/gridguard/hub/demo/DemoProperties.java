package org.gridguard.hub.demo;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridguard.demo.*}: demo data for {@code deploy/run-local.sh} — never enable it in
 * production.
 *
 * @param enabled create the demo county and one user per role at start
 * @param loginsFile where the demo logins are written, one {@code ROLE username password} per
 *     line (mode 0600)
 */
@ConfigurationProperties("gridguard.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled,
    @DefaultValue("./var/demo-logins") Path loginsFile) {}
