package dev.offlinefirst.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.shared.CacheEntries;
import dev.offlinefirst.server.support.MainSources;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.junit.QuarkusTest;

/** Hand-filled cache entries: the last value wins, and keeping a key again costs no thread. */
@QuarkusTest
class CacheEntriesTest {

    private static final Pattern DIRECT_PUT = Pattern.compile("\\.put\\([^;]*CompletableFuture\\.completedFuture");

    @CacheName(CacheNames.RESPONSES)
    Cache responses;

    @Test
    void keepingAKeyAgainKeepsTheNewValueWithoutStartingThreads() {
        CaffeineCache cache = responses.as(CaffeineCache.class);
        String key = "cache-entries-test";
        long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        for (int i = 0; i < 200; i++) {
            CacheEntries.keep(cache, key, "value " + i);
        }
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore;
        assertEquals("value 199", cache.getIfPresent(key).join());
        // A plain put over a present entry starts two threads on a machine with 2 CPUs or fewer.
        assertTrue(started < 20, started + " threads started for 200 writes of one key");
    }

    @Test
    void everyHandFilledCacheIsWrittenThroughCacheEntries() {
        List<Path> direct = MainSources.whose(text -> DIRECT_PUT.matcher(text).find()).stream()
                .filter(file -> !file.endsWith("CacheEntries.java"))
                .toList();
        assertEquals(List.of(), direct, "sources that put into a cache directly instead of through CacheEntries.keep");
    }
}
