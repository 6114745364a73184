package dev.offlinefirst.server.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dataloader.DataLoader;
import org.jboss.logging.Logger;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;

/**
 * Batched {@code @Source} fields without arguments queue their source on SmallRye's own data loader
 * directly. SmallRye's batch fetcher fills its request context for every source it queues (the 50
 * senders of a page of messages: 11 % of the uncached page's CPU), although its batch loader fills it
 * again, once, for the call that loads them all, and that call is the only one that uses it. A field
 * keeps SmallRye's fetcher when it takes arguments (SmallRye converts them), and a request whose
 * registry has no loader under the field's name (SmallRye's naming: type, underscore, field) is
 * handed to SmallRye's fetcher too: the answer stays right, only slower, and each such source counts in
 * {@value #FALLBACKS} (by field, in {@code /q/metrics}), with one warning per field.
 */
final class BatchFields {

    static final String FALLBACKS = "graphql_batch_fallbacks";

    private static final Logger LOG = Logger.getLogger(BatchFields.class);

    private BatchFields() {
    }

    /** The schema with queued batch fields. */
    static GraphQLSchema in(GraphQLSchema schema) {
        return FieldFetchers.replaced(schema, (type, field, smallRye) ->
                smallRye instanceof BatchDataFetcher && field.getArguments().isEmpty()
                        ? new Queued(type.getName() + "_" + field.getName(), smallRye)
                        : null);
    }

    /** Queues the source on the field's loader with the context SmallRye's batch loader reads. */
    private static final class Queued implements DataFetcher<Object> {

        private final String loaderName;
        private final DataFetcher<?> smallRye;
        private volatile boolean warned;

        Queued(String loaderName, DataFetcher<?> smallRye) {
            this.loaderName = loaderName;
            this.smallRye = smallRye;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            DataLoader<Object, Object> loader = environment.getDataLoader(loaderName);
            if (loader == null) {
                Metrics.counter(FALLBACKS, "field", loaderName).increment();
                if (!warned) {
                    warned = true;
                    LOG.warnf("No data loader named %s in this request: the field is fetched by SmallRye's batch"
                            + " fetcher, one request context per source", loaderName);
                }
                return smallRye.get(environment);
            }
            Map<String, Object> batchContext = new HashMap<>(4);
            batchContext.put(BatchLoaderHelper.ARGUMENTS, List.of());
            batchContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
            return loader.load(environment.getSource(), batchContext);
        }
    }
}
