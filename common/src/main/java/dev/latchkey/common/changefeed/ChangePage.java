package dev.latchkey.common.changefeed;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ChangePage(
        List<Change> changes,
        @Schema(description = "Pass as 'after' in the next call", examples = "42") long cursor,
        @Schema(description = "The newest cursor in the feed when this page was read", examples = "42") long head) {

    /** Nothing to apply: only where the feed stands (to start following from its head). */
    public ChangePage headOnly() {
        return new ChangePage(java.util.List.of(), head, head);
    }
}
