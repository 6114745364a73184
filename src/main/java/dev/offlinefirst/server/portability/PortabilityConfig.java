package dev.offlinefirst.server.portability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the viewer's data export and import. */
@ConfigMapping(prefix = "app.portability")
public interface PortabilityConfig {

    /** Largest document importMyData accepts, in characters; keep it under the HTTP body limit. */
    @WithDefault("6000000")
    int maxImportSize();

    /** Messages and posts an export reads per statement, so a large export never sits in memory whole. */
    @WithDefault("1000")
    int exportPageSize();
}
