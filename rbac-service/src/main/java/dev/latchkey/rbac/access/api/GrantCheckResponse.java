package dev.latchkey.rbac.access.api;

import dev.latchkey.common.grant.GrantRefusal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "GrantCheckResult", description = "The answer: allowed, or each refused role or permission with the reason",
        examples = GrantCheckResponse.EXAMPLE)
public record GrantCheckResponse(boolean allowed, List<GrantRefusal> refusals) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"allowed": true, "refusals": []}""";
}
