package dev.offlinefirst.server.isolation;

import java.util.function.Supplier;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Hibernate row filter that limits every entity query, loads by id included, to the rows the
 * viewer may see. It is declared in this package's {@code package-info.java}, switched on in every
 * session, and takes the viewer from the running context: code with no viewer fails instead of
 * seeing everything. Each user-data entity states its own condition with {@code @Filter(name = NAME)}.
 */
// The filter definition is an annotation of package-info; keep it readable in a native image.
@RegisterForReflection(classNames = "dev.offlinefirst.server.isolation.package-info")
public final class ViewerFilter {

    public static final String NAME = "viewer";

    public static final String VIEWER_PARAM = "viewerId";

    private ViewerFilter() {
    }

    /** Supplies {@code :viewerId} to the filter conditions from the current viewer. */
    @RegisterForReflection
    public static final class ViewerIdParameter implements Supplier<String> {

        @Override
        public String get() {
            return Viewer.current().id();
        }
    }
}
