package dev.offlinefirst.server.social;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL {@code PostInput} type. */
@Input("PostInput")
public record PostInput(
        @Id @NonNull @Description("Made by the client; sending it again answers the same post.") String postId,
        @NonNull String content,
        @DefaultValue("FRIENDS") Visibility visibility) {
}
