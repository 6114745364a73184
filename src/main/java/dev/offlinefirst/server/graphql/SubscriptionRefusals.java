package dev.offlinefirst.server.graphql;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.ResultPath;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.SubscriptionExecutionStrategy;
import io.netty.channel.Channel;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/**
 * Makes a refused or failed subscription reach the client as one {@code next} frame carrying the
 * error (with its {@code extensions.code}) followed by {@code complete}.
 * <p>
 * Without it the error is lost: SmallRye GraphQL turns a failed stream into an item holding the
 * error, graphql-java then finds null in the non-null root field ({@code roomMessages: ChatMessage!})
 * and fails the event stream, and SmallRye's websocket subscriber only prints a stream failure.
 * SmallRye has no hook for this, so it goes in through graphql-java's own extension point
 * ({@code GraphQL.Builder#subscriptionExecutionStrategy}, set in {@link GraphQLCustomization}); the
 * lost-error symptom upstream: quarkusio/quarkus#35225.
 */
final class SubscriptionRefusals {

    private static final Logger LOG = Logger.getLogger(SubscriptionRefusals.class);

    private SubscriptionRefusals() {
    }

    /** A stream refused with these errors. */
    static final class RefusedStream extends RuntimeException {

        final transient List<GraphQLError> errors;

        RefusedStream(List<GraphQLError> errors) {
            super("subscription refused", null, false, false);
            this.errors = errors;
        }
    }

    /**
     * graphql-java's handler (public API): a failed fetch becomes an {@code ExceptionWhileDataFetching},
     * which {@link ErrorShaping} codes. It does not log: a refusal is no server fault, and an unexpected
     * failure is logged where it is shaped.
     */
    static final class QuietFetchFailures extends SimpleDataFetcherExceptionHandler {

        @Override
        protected void logException(ExceptionWhileDataFetching error, Throwable exception) {
        }
    }

    static final class Strategy extends SubscriptionExecutionStrategy {

        Strategy() {
            super(new QuietFetchFailures());
        }

        /** Turns the source stream's error item into a failure that keeps the errors. */
        @Override
        protected Object fetchField(ExecutionContext context, ExecutionStrategyParameters parameters) {
            Object fetched = super.fetchField(context, parameters);
            if (fetched instanceof CompletableFuture<?> future) {
                return future.thenApply(value -> guard((FetchedValue) value));
            }
            return fetched instanceof FetchedValue value ? guard(value) : fetched;
        }

        /** Ends a failing event stream with one result carrying the shaped errors. */
        @Override
        public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
            Channel socket = SlowSubscribers.currentChannel();
            return super.execute(context, parameters).thenApply(result -> {
                if (!(result.getData() instanceof Publisher<?> events)) {
                    return result;
                }
                @SuppressWarnings("unchecked")
                Multi<ExecutionResult> source = Multi.createFrom().publisher(AdaptersToFlow.publisher((Publisher<ExecutionResult>) events));
                Multi<ExecutionResult> safe = SlowSubscribers.get().bounded(source, socket)
                        .onFailure(SlowSubscribers.TooSlow.class).recoverWithCompletion()
                        // data: null (present), as the GraphQL-over-WebSocket spec has an execution error end
                        .onFailure().recoverWithItem(failure -> ExecutionResultImpl.newExecutionResult()
                                .data(null).errors(shaped(failure)).build());
                return ExecutionResultImpl.newExecutionResult().from(result)
                        .data(AdaptersToReactiveStreams.publisher(safe)).build();
            });
        }

        private static FetchedValue guard(FetchedValue value) {
            if (!(value.getFetchedValue() instanceof Publisher<?> events)) {
                return value;
            }
            Multi<Object> guarded = Multi.createFrom().publisher(AdaptersToFlow.publisher(events)).map(item -> {
                // SmallRye hands a failed stream over as an item holding the errors and, after an earlier
                // event, that event's data again: the errors alone end the stream.
                if (item instanceof DataFetcherResult<?> result && result.hasErrors()) {
                    // A subscriber's queue that overflowed is a slow client, for SlowSubscribers to disconnect.
                    BackPressureFailure overflow = overflowIn(result.getErrors());
                    throw overflow != null ? overflow : new RefusedStream(result.getErrors());
                }
                return item;
            });
            return new FetchedValue(AdaptersToReactiveStreams.publisher(guarded), value.getErrors(), value.getLocalContext());
        }

        private static BackPressureFailure overflowIn(List<GraphQLError> errors) {
            for (GraphQLError error : errors) {
                BackPressureFailure overflow = error instanceof ExceptionWhileDataFetching fetching
                        ? SlowSubscribers.overflowIn(fetching.getException()) : null;
                if (overflow != null) {
                    return overflow;
                }
            }
            return null;
        }

        private static List<GraphQLError> shaped(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof RefusedStream refused) {
                return refused.errors.stream().map(ErrorShaping::shape).toList();
            }
            LOG.errorf(cause, "Subscription stream failed");
            return List.of(ErrorShaping.shape(new ExceptionWhileDataFetching(ResultPath.rootPath(), cause, null)));
        }
    }
}
