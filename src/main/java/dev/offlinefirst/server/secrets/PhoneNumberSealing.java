package dev.offlinefirst.server.secrets;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.quarkus.arc.Arc;

/** Profiles' phone numbers are stored sealed (see {@link SecretBox}); the entity holds them in clear. */
@Converter
public class PhoneNumberSealing implements AttributeConverter<String, String> {

    /** What a sealed phone number is bound to: the column (the converter does not know the row). */
    public static final String CONTEXT = "user_profiles.phone_number";

    @Override
    public String convertToDatabaseColumn(String phoneNumber) {
        return box().seal(phoneNumber, CONTEXT);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return box().open(stored, CONTEXT);
    }

    private static volatile SecretBox box;

    private static SecretBox box() {
        SecretBox known = box;
        if (known == null) {
            // Hibernate creates converters itself; the box is the application's one bean.
            known = Arc.container().instance(SecretBox.class).get();
            box = known;
        }
        return known;
    }
}
