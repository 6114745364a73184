-- V2: the seed's schema version 2 adds a phone number to profiles.
ALTER TABLE user_profiles ADD COLUMN phone_number varchar(32);

-- As the seed's migration does; the change log records it, so clients refresh profiles,
-- whose shape has just changed.
UPDATE user_profiles SET phone_number = NULL;
