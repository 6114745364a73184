package dev.offlinefirst.server.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on what a client may send, enforced by the services before anything is written. */
@ConfigMapping(prefix = "app.limits")
public interface LimitsConfig {

    /** Largest `first` a paged query accepts. */
    @WithDefault("100")
    int maxPageSize();

    /** Longest setting key, in characters. */
    @WithDefault("255")
    int settingKeyMaxLength();

    /** Longest setting value, in characters. */
    @WithDefault("65536")
    int settingValueMaxLength();

    /** Longest chat message, in characters. */
    @WithDefault("10000")
    int messageMaxLength();

    /** Longest post, in characters. */
    @WithDefault("10000")
    int postMaxLength();

    /** Most messages one sendMessages call accepts. */
    @WithDefault("1000")
    int messageBatchMaxSize();

    /** Most members a room starts with in one createRoom call. */
    @WithDefault("100")
    int roomInitialMembersMax();

    /** Most root fields (aliases and fragments included) one operation selects: each runs on a session of its own. */
    @WithDefault("20")
    int maxRootFields();
}
