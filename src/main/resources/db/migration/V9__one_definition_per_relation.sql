-- Accepted friendship, defined once: each accepted connection seen from both of its sides. Row
-- filters, HQL (social/AcceptedFriend) and native SQL ask this view, never friend_connections'
-- status and direction themselves. A plain view: the planner inlines it and pushes a condition on
-- user_id into both branches, onto idx_friends_requester and idx_friends_addressee.
CREATE VIEW accepted_friends AS
    SELECT requester_id AS user_id, addressee_id AS friend_id FROM friend_connections WHERE status = 'ACCEPTED'
    UNION ALL
    SELECT addressee_id AS user_id, requester_id AS friend_id FROM friend_connections WHERE status = 'ACCEPTED';
