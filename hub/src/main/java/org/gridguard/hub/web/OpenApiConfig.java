package org.gridguard.hub.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI 3 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration
class OpenApiConfig {
  @Bean
  OpenAPI gridguardOpenApi() {
    return new OpenAPI()
        .info(new Info().title("GridGuard hub API").version("v1").description(
            "Sign in with POST /api/v1/auth/token, then send Authorization: Bearer <token>. "
                + "Every read is limited to the caller's grid scope; errors are RFC 9457 "
                + "problem details."))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
