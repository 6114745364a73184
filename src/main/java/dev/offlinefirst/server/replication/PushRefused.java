package dev.offlinefirst.server.replication;

/**
 * A pushed row not written: its assumed state no longer holds, or the rules refuse it. The push
 * answers the row's current master state instead; the reason goes to the response's extensions.
 */
public final class PushRefused extends RuntimeException {

    public PushRefused(String reason) {
        super(reason, null, false, false);
    }

    /** The fields a row changes no longer hold the values the client assumed. */
    public static PushRefused conflict() {
        return new PushRefused("the server's document changed: its current state is answered");
    }
}
