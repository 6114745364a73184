package dev.offlinefirst.server.cache;

import java.util.Map;
import java.util.Set;

/**
 * {@code responses}: the whole answer to one query document, for one viewer (with the roles of the
 * token), with these variables. Only documents whose every root field is one of
 * {@link ResponseCache#CACHEABLE_ROOT_FIELDS} gets a key; what those fields can show decides the rule:
 * the answer is stale when a shown room gets a message or a member change, and, for answers that show
 * people, when any profile, friendship or membership changes (which of those a page of messages shows
 * is not known without reading it, so the rule stays coarse and never misses). {@link ResponseCache}
 * applies it with marks rather than by scanning its entries.
 *
 * @param rooms the rooms whose messages or members the answer shows
 * @param people whether the answer shows any profile, whose visibility also follows friendships and
 *     shared rooms
 */
public record ResponseKey(String viewerId, Set<String> roles, String document, String operationName,
        Map<String, Object> variables, Set<String> rooms, boolean people) {
}
