package dev.offlinefirst.server.secrets;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The keys that seal sensitive values at rest (phone numbers, secret settings). */
@ConfigMapping(prefix = "app.secrets")
public interface SecretsConfig {

    /** The AES keys by id, as {@code id:base64,id:base64} (16 or 32 bytes each); ids are letters, digits, - and _. */
    Optional<String> keys();

    /** The id of the key new values are sealed with; older keys still open what they sealed. */
    Optional<String> currentKey();
}
