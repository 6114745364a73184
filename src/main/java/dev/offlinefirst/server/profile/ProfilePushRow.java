package dev.offlinefirst.server.profile;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.replication.PushRow;

/** The GraphQL {@code ProfilePushRow} input: one row of {@code pushProfiles}. */
@Input("ProfilePushRow")
public record ProfilePushRow(ReplicatedProfile assumedMasterState, @NonNull ReplicatedProfile newDocumentState) implements PushRow<ReplicatedProfile> {
}
