package dev.offlinefirst.server.graphql;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

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
import io.smallrye.graphql.transformation.TransformException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Gives every GraphQL error an {@code extensions.code} and a message safe to show: refusals keep their
 * own message, invalid documents and arguments become {@code BAD_USER_INPUT}, a database that cannot
 * be reached becomes {@code UNAVAILABLE}, and anything unexpected
 * becomes {@code INTERNAL} with a generic message (the cause is logged here, never sent). Installed by
 * {@link GraphQLCustomization}.
 */
final class ErrorShaping extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorShaping.class);

    private static final Pattern QUALIFIED_JAVA_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");
    private static final Pattern UNKNOWN_SCALAR = Pattern.compile("with value '.*' is not a valid 'Unknown Scalar Type \\[[^]]*]'",
            Pattern.DOTALL);

    // What SmallRye's and graphql-java's coercion messages say about Java types, said in GraphQL terms.
    private static final Pattern SMALLRYE_CODE = Pattern.compile("SRGQL\\d+: ");
    private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected type \\[(\\w+)] but was \\[[^]]*]\\.?");
    private static final Pattern EXPECTED_STRING = Pattern.compile("Expected an? (\\w+) input, but it was an? '[^']*'");
    private static final Pattern LITERAL_VALUE = Pattern.compile("[Vv]alue '\\w+\\{value='?([^'}]*)'?}' is not a valid '(\\w+)'");
    private static final Pattern UNPARSABLE_NUMBER = Pattern.compile("Can not parse a number from \\[[^]]*]");

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
                    .description(clientMessage(validation.getDescription()))
                    .queryPath(validation.getQueryPath())
                    .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                    .build();
        }
        SourceLocation location = first(error.getLocations());
        if (isClientMistake(error)) {
            String message = clientMessage(error.getMessage());
            return coded(ApiException.badInput(message), ResultPath.rootPath(), location);
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
            if (current instanceof TransformException transform) {
                return ApiException.badInput(clientMessage(transform.getMessage()));
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

    /**
     * Framework messages about bad arguments can name Java types ("Unknown Scalar Type [a.b.SomeInput]");
     * clients see the simple name, which is also the GraphQL type's name.
     */
    static String clientMessage(String message) {
        if (message == null) {
            return "Invalid request";
        }
        String simpler = UNKNOWN_SCALAR.matcher(message).replaceAll("has a value of the wrong type");
        simpler = SMALLRYE_CODE.matcher(simpler).replaceAll("");
        simpler = EXPECTED_TYPE.matcher(simpler).replaceAll("expected a value of type $1");
        simpler = EXPECTED_STRING.matcher(simpler).replaceAll("expected a $1");
        simpler = LITERAL_VALUE.matcher(simpler).replaceAll("value '$1' is not a valid $2");
        simpler = UNPARSABLE_NUMBER.matcher(simpler).replaceAll("expected a number");
        return QUALIFIED_JAVA_NAME.matcher(simpler).replaceAll("$1");
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
