package dev.offlinefirst.server.chat;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.replication.PushRow;

/** The GraphQL {@code MessagePushRow} input: one row of {@code pushMessages}. */
@Input("MessagePushRow")
public record MessagePushRow(ReplicatedMessage assumedMasterState, @NonNull ReplicatedMessage newDocumentState) implements PushRow<ReplicatedMessage> {
}
