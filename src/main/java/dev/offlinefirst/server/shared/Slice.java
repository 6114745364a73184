package dev.offlinefirst.server.shared;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/** One page of a cursor-paged list: its items, whether more follow, and the cursor of the last item. */
public record Slice<T>(List<T> items, boolean hasMore, Cursor next) {

    /** A page with nothing on it. */
    public static <T> Slice<T> empty() {
        return new Slice<>(List.of(), false, null);
    }

    /**
     * Reads one page of {@code size} items (already checked, see {@link Inputs#pageSize}) after the
     * cursor (of {@code kind}): asks {@code query} for one item more than the page holds to learn
     * whether more follow.
     */
    public static <T> Uni<Slice<T>> read(String kind, String cursorField, String cursor, int size, PageQuery<T> query,
            Function<T, Cursor> cursorOf) {
        Cursor from = Cursor.decode(kind, cursorField, cursor);
        return query.fetch(from, size + 1).map(rows -> {
            boolean hasMore = rows.size() > size;
            List<T> page = hasMore ? rows.subList(0, size) : rows;
            return new Slice<>(page, hasMore, page.isEmpty() ? null : cursorOf.apply(page.get(page.size() - 1)));
        });
    }

    /** Fetches up to {@code limit} items after {@code from} (null: from the start). */
    @FunctionalInterface
    public interface PageQuery<T> {
        Uni<List<T>> fetch(Cursor from, int limit);
    }
}
