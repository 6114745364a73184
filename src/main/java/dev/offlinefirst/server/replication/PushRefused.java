package dev.offlinefirst.server.replication;

import dev.offlinefirst.server.shared.ErrorCode;

/**
 * A pushed row not written: its assumed state no longer holds ({@code CONFLICT}), or the rules refuse
 * it. The push answers the row's current master state instead, and names the reason in the response's
 * {@code extensions.refused}.
 */
public final class PushRefused extends RuntimeException {

    private final ErrorCode code;

    public PushRefused(ErrorCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** A row the rules refuse whatever the server holds: another user's document, a malformed id. */
    public static PushRefused forbidden(String reason) {
        return new PushRefused(ErrorCode.FORBIDDEN, reason);
    }

    /** A row whose fields do not fit the collection (ids that do not match, a field no rule lets change). */
    public static PushRefused badInput(String reason) {
        return new PushRefused(ErrorCode.BAD_USER_INPUT, reason);
    }

    /** The fields a row changes no longer hold the values the client assumed. */
    public static PushRefused conflict() {
        return new PushRefused(ErrorCode.CONFLICT, "the server's document changed: its current state is answered");
    }

    public ErrorCode code() {
        return code;
    }
}
