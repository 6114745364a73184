package dev.offlinefirst.server.settings;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.replication.PushRow;

/** The GraphQL {@code SettingPushRow} input: one row of {@code pushSettings}. */
@Input("SettingPushRow")
public record SettingPushRow(ReplicatedSetting assumedMasterState, @NonNull ReplicatedSetting newDocumentState) implements PushRow<ReplicatedSetting> {
}
