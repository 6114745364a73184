package dev.offlinefirst.server.shared;

import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * An expected refusal (bad input, unknown id, stale version, ...) whose message is safe to show the
 * client; {@code graphql.ErrorShaping} turns it into a GraphQL error carrying its {@link ErrorCode}.
 */
public final class ApiException extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    private ApiException(ErrorCode code, String message, Map<String, Object> details) {
        // Refusals are routine: no stack trace to fill or log.
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    /**
     * This refusal with one more entry in its {@code extensions}, such as the current state a
     * {@code CONFLICT} lost to; the key must be listed in {@code quarkus.smallrye-graphql.error-extension-fields}.
     */
    public ApiException with(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(details);
        more.put(key, value);
        return new ApiException(code, getMessage(), java.util.Collections.unmodifiableMap(more));
    }

    public static ApiException badInput(String message) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "Authentication required: send a valid bearer token");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    public static ApiException unavailable() {
        return new ApiException(ErrorCode.UNAVAILABLE, "The service cannot reach its database now; retry later");
    }

    public static ApiException internal() {
        return new ApiException(ErrorCode.INTERNAL, "Internal error");
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        if (details.isEmpty()) {
            return Map.of("code", code.name());
        }
        Map<String, Object> extensions = new java.util.LinkedHashMap<>(details);
        extensions.put("code", code.name());
        return extensions;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(code.name());
    }
}
