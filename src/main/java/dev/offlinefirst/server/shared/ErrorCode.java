package dev.offlinefirst.server.shared;

/** The `extensions.code` values every GraphQL error of this server carries. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_USER_INPUT,
    CONFLICT,
    /** The database cannot be reached now; retry later. */
    UNAVAILABLE,
    INTERNAL
}
