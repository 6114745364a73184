/**
 * Manual cache invalidation ({@code invalidateCaches}): the seed's "manual invalidation", for the viewer
 * or (admins only) for everyone, carried to every replica through the change stream.
 */
package dev.offlinefirst.server.invalidation;
