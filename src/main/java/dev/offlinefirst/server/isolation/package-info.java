/**
 * Identity and per-viewer isolation: who the viewer is, the interceptor that runs every resolver for
 * that viewer, and the row filter that hides what the viewer may not see. Quarkus logs a harmless
 * "Failed to index dev.offlinefirst.server.isolation" warning for this package-level filter
 * definition (quarkus#50572).
 */
@FilterDef(name = ViewerFilter.NAME,
        parameters = @ParamDef(name = ViewerFilter.VIEWER_PARAM, type = String.class,
                resolver = ViewerFilter.ViewerIdParameter.class),
        autoEnabled = true,
        applyToLoadByKey = true)
package dev.offlinefirst.server.isolation;

import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
