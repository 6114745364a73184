package dev.offlinefirst.server.sync;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL {@code Change} type: one entity that changed, as it is now or as a tombstone. */
@Type("Change")
public record ChangeView(
        @NonNull @Description("profile, setting, room, room_member, message, post, friend or operation.") String entity,
        @Id @NonNull @Description("The entity's key: owner/id for entities keyed within their owner, else the id.") String id,
        @Description("True when the entity was deleted or the viewer may no longer see it.") boolean deleted,
        @Description("The entity as JSON with its GraphQL type's fields; for a tombstone, its key fields.") String data) {
}
