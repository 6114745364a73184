-- V8: sensitive values are stored sealed (secrets/SecretBox): a sealed phone number is longer than the
-- number, and a setting says whether its value is a secret. Phone numbers written before stay readable
-- as they are until the admin mutation resealSecrets seals them.
ALTER TABLE user_profiles ALTER COLUMN phone_number TYPE varchar(255);
ALTER TABLE user_settings ADD COLUMN secret boolean NOT NULL DEFAULT false;
