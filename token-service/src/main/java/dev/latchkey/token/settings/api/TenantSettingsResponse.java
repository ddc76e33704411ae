package dev.latchkey.token.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TenantSettings", description = "A tenant's own tightening and the settings in force for it")
public record TenantSettingsResponse(
        @Schema(description = "The tenant's overrides; null fields follow the application") SettingsBody overrides,
        @Schema(description = "What applies to the tenant: the application's settings, tightened by its overrides")
        SettingsBody effective) {
}
