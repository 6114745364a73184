package dev.offlinefirst.server.changes;

import java.util.List;

/** Receives every batch of new change rows this replica reads, in stream order, on the event loop. */
@FunctionalInterface
public interface ChangeListener {

    /** Must not block; work that needs the database starts asynchronously from here. */
    void onChanges(List<ChangeRow> changes);
}
