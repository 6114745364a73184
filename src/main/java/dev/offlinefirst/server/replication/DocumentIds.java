package dev.offlinefirst.server.replication;

import dev.offlinefirst.server.shared.Inputs;

/**
 * Ids of documents keyed within their owner ({@code owner/localId}: messages and posts), as the change
 * log writes them and clients store them.
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    public static String of(String ownerId, String localId) {
        return ownerId + "/" + localId;
    }

    /** The owner part; a user id holds no slash (tokens' subjects are checked), so the first one splits. */
    public static String owner(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? null : id.substring(0, slash);
    }

    public static String local(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? null : id.substring(slash + 1);
    }

    /** A pushed document's id: 1 to 2 × 64 + 1 characters without control characters. */
    public static String checked(String id) {
        if (id == null || id.isEmpty() || id.length() > 2 * Inputs.MAX_ID_LENGTH + 1) {
            throw PushRefused.badInput("id must be 1 to " + (2 * Inputs.MAX_ID_LENGTH + 1) + " characters");
        }
        return id;
    }
}
