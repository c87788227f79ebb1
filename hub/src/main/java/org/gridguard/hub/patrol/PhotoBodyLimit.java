package org.gridguard.hub.patrol;

import org.gridguard.hub.web.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * A photo upload may be as large as {@code photo-max-size} (plus the multipart framing), not the
 * 1 MB every other body gets; {@link PhotoStore} then checks the photo itself.
 */
@Configuration(proxyBeanMethods = false)
class PhotoBodyLimit {
  /** Room for the multipart boundary and part headers around the photo. */
  static final long FRAMING = 64 * 1024;

  @Bean
  BodyLimit patrolPhotoBodyLimit(PatrolProperties config) {
    return new BodyLimit("POST", "/api/v1/patrol/tasks/*/photos",
        DataSize.ofBytes(config.photoMaxSize().toBytes() + FRAMING), "a patrol photo",
        "gridguard.patrol.photo-max-size");
  }

  /** The same limit for the phone page's upload route ({@link PhoneTaskController}). */
  @Bean
  BodyLimit patrolPhonePhotoBodyLimit(PatrolProperties config) {
    return new BodyLimit("POST", "/patrol/api/tasks/*/photos",
        DataSize.ofBytes(config.photoMaxSize().toBytes() + FRAMING), "a patrol photo",
        "gridguard.patrol.photo-max-size");
  }
}
