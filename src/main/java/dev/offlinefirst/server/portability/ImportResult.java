package dev.offlinefirst.server.portability;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What an import did with the document's rows. */
@Type("ImportResult")
@Description("What importMyData did with the document's rows.")
public record ImportResult(
        @NonNull @Description("Rows written.") int imported,
        @NonNull @Description("Rows the server already held (kept as they are, even where the document differs).") int unchanged,
        @NonNull @Description("Rows left out by the rules: a room or friendship the viewer lost, a message to a room they are not in, a post deleted since.") int skipped) {

    static ImportResult of(int imported, int unchanged, int total) {
        return new ImportResult(imported, unchanged, total - imported - unchanged);
    }

    ImportResult plus(ImportResult other) {
        return new ImportResult(imported + other.imported, unchanged + other.unchanged, skipped + other.skipped);
    }
}
