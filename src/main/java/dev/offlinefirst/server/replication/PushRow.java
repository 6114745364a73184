package dev.offlinefirst.server.replication;

/**
 * One row of a push, as RxDB sends it: the state the client last had from the server (null for a
 * document it created) and the state it wants. Each collection's GraphQL input type implements it.
 */
public interface PushRow<D> {

    D assumedMasterState();

    D newDocumentState();
}
