package org.gridguard.hub.console;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link TechnicianProperties}. */
@Configuration
@EnableConfigurationProperties(TechnicianProperties.class)
class TechnicianConfig {}
