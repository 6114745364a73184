package dev.offlinefirst.server.social;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.profile.ProfileView;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of friends, posts and the feed. */
@GraphQLApi
@ViewerIsolated
public class SocialApi {

    private final FriendService friends;
    private final PostService posts;
    private final ProfileService profiles;

    public SocialApi(FriendService friends, PostService posts, ProfileService profiles) {
        this.friends = friends;
        this.posts = posts;
        this.profiles = profiles;
    }

    @Query("friends")
    @NonNull
    @Description("The viewer's connections of one status (accepted by default), most recently changed first.")
    public Uni<List<@NonNull FriendConnectionView>> friends(@DefaultValue("ACCEPTED") FriendStatus status) {
        String viewerId = Viewer.current().id();
        return friends.connections(new FriendListKey(viewerId, status == null ? FriendStatus.ACCEPTED : status))
                .map(list -> views(list, viewerId));
    }

    @Mutation("requestFriend")
    @NonNull
    @Description("Asks a user to be friends; if they already asked the viewer, accepts their request.")
    public Uni<FriendConnectionView> requestFriend(@Id @NonNull String userId) {
        String viewerId = Viewer.current().id();
        return friends.request(viewerId, userId).map(c -> FriendConnectionView.of(c, viewerId));
    }

    @Mutation("respondFriend")
    @NonNull
    @Description("Accepts or declines a request that userId sent the viewer.")
    public Uni<FriendConnectionView> respondFriend(@Id @NonNull String userId, boolean accept) {
        String viewerId = Viewer.current().id();
        return friends.respond(viewerId, userId, accept).map(c -> FriendConnectionView.of(c, viewerId));
    }

    @Mutation("removeFriend")
    @NonNull
    @Description("Ends the connection with userId, whoever asked; false when there was none.")
    public Uni<Boolean> removeFriend(@Id @NonNull String userId) {
        return friends.remove(Viewer.current().id(), userId);
    }

    @Mutation("createPost")
    @NonNull
    @Description("Publishes a post as the viewer; sending the same postId again answers the same post.")
    public Uni<PostView> createPost(@NonNull PostInput input) {
        return posts.create(Viewer.current().id(), input.postId(), input.content(), input.visibility()).map(PostView::of);
    }

    @Mutation("deletePost")
    @NonNull
    @Description("Deletes one of the viewer's posts for every viewer at once; another user's post is NOT_FOUND.")
    public Uni<Boolean> deletePost(@Id @NonNull String postId) {
        return posts.delete(Viewer.current().id(), postId);
    }

    @Query("posts")
    @NonNull
    @Description("What the viewer may see of one author's posts, newest first; first is 1 to 100.")
    public Uni<PostConnection> posts(@Id @NonNull String authorId, @DefaultValue("20") Integer first, String after) {
        return posts.byAuthor(authorId, first, after).map(PostConnection::of);
    }

    @Query("feed")
    @NonNull
    @Description("The viewer's own posts and the visible posts of accepted friends, newest first.")
    public Uni<PostConnection> feed(@DefaultValue("20") Integer first, String after) {
        return posts.feed(Viewer.current().id(), first, after).map(PostConnection::of);
    }

    @Description("The author's profile, when the viewer may see it.")
    public Uni<List<ProfileView>> author(@Source List<PostView> posts) {
        return profilesOf(posts, PostView::authorId);
    }

    @Description("The other side's profile, when the viewer may see it.")
    public Uni<List<ProfileView>> friend(@Source List<FriendConnectionView> connections) {
        return profilesOf(connections, FriendConnectionView::userId);
    }

    private <T> Uni<List<ProfileView>> profilesOf(List<T> sources, Function<T, String> userIdOf) {
        return profiles.visibleFor(Viewer.current().id(), sources, userIdOf);
    }

    private static List<FriendConnectionView> views(List<FriendConnection> connections, String viewerId) {
        return connections.stream().map(c -> FriendConnectionView.of(c, viewerId)).toList();
    }
}
