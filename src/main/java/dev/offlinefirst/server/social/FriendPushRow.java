package dev.offlinefirst.server.social;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.replication.PushRow;

/** The GraphQL {@code FriendPushRow} input: one row of {@code pushFriends}. */
@Input("FriendPushRow")
public record FriendPushRow(ReplicatedFriend assumedMasterState, @NonNull ReplicatedFriend newDocumentState) implements PushRow<ReplicatedFriend> {
}
