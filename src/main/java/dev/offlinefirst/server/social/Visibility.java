package dev.offlinefirst.server.social;

/** Who sees a post besides its author. */
public enum Visibility {
    /** Everyone. */
    PUBLIC,
    /** Accepted friends of the author. */
    FRIENDS,
    /** The author alone. */
    PRIVATE
}
