package dev.offlinefirst.server.sync;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL {@code OperationInput} type: one entry of a client's offline queue. */
@Input("OperationInput")
public record OperationInput(
        @NonNull @Description("Made by the client, 1 to 64 characters; pushing it again is a duplicate.") String clientOpId,
        @NonNull @Description("create_message, update_profile, delete_post, create_post, set_setting or delete_setting.") String type,
        @Description("The entity the operation concerns, for the client's bookkeeping.") String entityId,
        @NonNull @Description("The JSON of the matching mutation's input.") String payload) {
}
