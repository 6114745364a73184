package dev.offlinefirst.server.social;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.replication.PushRow;

/** The GraphQL {@code PostPushRow} input: one row of {@code pushPosts}. */
@Input("PostPushRow")
public record PostPushRow(ReplicatedPost assumedMasterState, @NonNull ReplicatedPost newDocumentState) implements PushRow<ReplicatedPost> {
}
