package dev.offlinefirst.server.chat;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.replication.PushRow;

/** The GraphQL {@code RoomPushRow} input: one row of {@code pushRooms}. */
@Input("RoomPushRow")
public record RoomPushRow(ReplicatedRoom assumedMasterState, @NonNull ReplicatedRoom newDocumentState) implements PushRow<ReplicatedRoom> {
}
