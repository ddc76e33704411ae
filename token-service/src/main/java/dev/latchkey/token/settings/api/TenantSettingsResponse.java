package dev.latchkey.token.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TenantSettings", description = "A tenant's own tightening and the settings in force for it",
        examples = TenantSettingsResponse.EXAMPLE)
public record TenantSettingsResponse(
        @Schema(description = "The tenant's overrides; null fields follow the application") SettingsBody overrides,
        @Schema(description = "What applies to the tenant: the application's settings, tightened by its overrides")
        SettingsBody effective) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"overrides": {"m2mEnabled": null, "tokenTypes": ["CLIENT_CREDENTIALS"], "maxExpiryMinutes": 43200,
              "jwtLifetimeSeconds": null, "refreshTokensEnabled": null},
             "effective": {"m2mEnabled": true, "tokenTypes": ["CLIENT_CREDENTIALS"], "maxExpiryMinutes": 43200,
              "jwtLifetimeSeconds": 300, "refreshTokensEnabled": true}}""";
}
