package dev.offlinefirst.server.graphql;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.ErrorCode;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Gives every GraphQL error an {@code extensions.code} and a message safe to show: refusals keep their
 * own message, invalid documents and arguments become {@code BAD_USER_INPUT} with graphql-java's message
 * as it is (values are refused in this server's words by {@link StrictScalars}, never rewritten here), a
 * database that cannot be reached becomes {@code UNAVAILABLE}, and anything unexpected becomes
 * {@code INTERNAL} with a generic message (the cause is logged here, never sent). Installed by
 * {@link GraphQLCustomization}.
 */
final class ErrorShaping extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorShaping.class);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = result.getErrors();
        // A refused non-null field also reports the null it left behind; the refusal says it all.
        boolean hasCause = errors.stream().anyMatch(e -> e.getErrorType() != ErrorType.NullValueInNonNullableField);
        List<GraphQLError> shaped = errors.stream()
                .filter(e -> !(hasCause && e.getErrorType() == ErrorType.NullValueInNonNullableField))
                .map(ErrorShaping::shape)
                .toList();
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(shaped)));
    }

    static GraphQLError shape(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetchError) {
            return shapeFetchError(fetchError);
        }
        if (error instanceof ValidationError validation) {
            return ValidationError.newValidationError()
                    .validationErrorType(validation.getValidationErrorType())
                    .sourceLocations(validation.getLocations())
                    .description(validation.getDescription())
                    .queryPath(validation.getQueryPath())
                    .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                    .build();
        }
        SourceLocation location = first(error.getLocations());
        if (isClientMistake(error)) {
            return coded(ApiException.badInput(error.getMessage() == null ? "Invalid request" : error.getMessage()),
                    ResultPath.rootPath(), location);
        }
        LOG.errorf("Unexpected GraphQL error (%s): %s", error.getErrorType(), error.getMessage());
        ApiException internal = ApiException.internal();
        return coded(internal, ResultPath.rootPath(), location);
    }

    /** The error a client gets for a refusal: its message, where it happened, and its extensions (the code). */
    private static GraphQLError coded(ApiException refusal, ResultPath path, SourceLocation location) {
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError().message(refusal.getMessage())
                .errorType(refusal.getErrorType()).extensions(refusal.getExtensions());
        if (location != null) {
            error.location(location);
        }
        return path.isRootPath() ? error.build() : error.path(path).build();
    }

    private static GraphQLError shapeFetchError(ExceptionWhileDataFetching error) {
        ResultPath path = ResultPath.fromList(error.getPath());
        SourceLocation location = first(error.getLocations());
        ApiException refusal = findRefusal(error.getException());
        if (refusal == null) {
            LOG.errorf(error.getException(), "Unexpected failure resolving %s", path);
            refusal = ApiException.internal();
        }
        return coded(refusal, path, location);
    }

    private static ApiException findRefusal(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof ApiException api) {
                return api;
            }
            if (isDatabaseAway(current)) {
                return ApiException.unavailable();
            }
            current = current.getCause();
        }
        return null;
    }

    /** A connection to the database that could not be made, or broke: the database is away, not the request wrong. */
    private static boolean isDatabaseAway(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            // 08: connection exceptions; 57P01-57P03: the server shutting down or not accepting connections
            return state != null && (state.startsWith("08") || state.startsWith("57P"));
        }
        return failure instanceof ConnectException || failure instanceof ClosedConnectionException
                || failure instanceof ConnectTimeoutException;
    }

    private static boolean isClientMistake(GraphQLError error) {
        return error.getErrorType() == ErrorType.InvalidSyntax
                || error.getErrorType() == ErrorType.ValidationError
                || error.getErrorType() == ErrorType.ExecutionAborted
                || error.getErrorType() == ErrorType.OperationNotSupported
                || "BadFaithIntrospection".equals(String.valueOf(error.getErrorType()));
    }

    private static SourceLocation first(List<SourceLocation> locations) {
        return locations == null || locations.isEmpty() ? null : locations.get(0);
    }
}
