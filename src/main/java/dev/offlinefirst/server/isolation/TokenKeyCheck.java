package dev.offlinefirst.server.isolation;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Stops the server at start when no key to verify tokens is configured, naming the variable an
 * operator sets: without one, every request would fail, and the framework's own message names only
 * its internal property.
 */
@ApplicationScoped
public class TokenKeyCheck {

    /** The location application.properties falls back to: the framework would refuse an empty one first. */
    static final String UNSET = "JWT_PUBLIC_KEY_LOCATION-is-not-set";

    private final Optional<String> keyLocation;

    public TokenKeyCheck(@ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        this.keyLocation = keyLocation;
    }

    void check(@Observes StartupEvent started) {
        if (keyLocation.filter(location -> !location.isBlank() && !UNSET.equals(location)).isEmpty()) {
            throw new IllegalStateException("No key to verify tokens: set JWT_PUBLIC_KEY_LOCATION to the PEM file or URL"
                    + " of the RS256 public key that signs this server's tokens");
        }
    }
}
