package dev.offlinefirst.server.cache;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tells whether a key was seen before, recently: a lossy table of key hashes, one slot each, so a key
 * seen again while its slot still holds it is a repeat. {@link ResponseCache} keeps only repeated
 * questions: an answer asked for once (a page opened once, 30 KB of objects) would otherwise stay in
 * memory until evicted and be copied by every young collection on its way out. Two keys with one hash
 * count as a repeat, which only keeps an answer one read early.
 */
final class Repeats {

    private final AtomicLongArray slots;
    private final int mask;

    /** A table of {@code 2^bits} slots (8 bytes each). */
    Repeats(int bits) {
        this.slots = new AtomicLongArray(1 << bits);
        this.mask = (1 << bits) - 1;
    }

    /** Records the key and answers whether it was recorded before and not overwritten since. */
    boolean seenAgain(Object key) {
        int hash = key.hashCode();
        long mark = (hash & 0xffffffffL) | 1L << 32;
        return slots.getAndSet((hash ^ hash >>> 16) & mask, mark) == mark;
    }
}
