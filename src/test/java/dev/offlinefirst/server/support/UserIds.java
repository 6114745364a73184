package dev.offlinefirst.server.support;

import java.util.UUID;

/** Fresh user ids, so that tests sharing one database never see each other's rows. */
public final class UserIds {

    private UserIds() {
    }

    public static String fresh(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
