package dev.offlinefirst.server.social;

/** Where a friend connection stands. */
public enum FriendStatus {
    /** Asked, not answered yet. */
    PENDING,
    /** Both are friends: each sees the other's profile and FRIENDS posts. */
    ACCEPTED,
    /** The addressee said no. */
    DECLINED
}
