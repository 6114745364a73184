package dev.offlinefirst.server.sync;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL {@code ChangeSet} type: one page of delta sync. */
@Type("ChangeSet")
public record ChangeSetView(
        @NonNull @Description("Pass it as since to get what changed after this page.") String cursor,
        @Description("More changes are waiting: call again with cursor at once.") boolean hasMore,
        @Description("The log no longer reaches back to since: drop local data and sync again without since.") boolean resyncRequired,
        @NonNull List<@NonNull ChangeView> changes) {
}
