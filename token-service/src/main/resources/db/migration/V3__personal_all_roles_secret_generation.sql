-- "All of the user's roles" becomes an explicit state of a personal token, never an empty role list (ADR 0008):
-- a narrowed token whose roles all disappear then carries no role, instead of every role of its user.
ALTER TABLE api_token ADD COLUMN all_roles boolean NOT NULL DEFAULT false;
UPDATE api_token SET all_roles = true WHERE context = 'PERSONAL' AND cardinality(role_ids) = 0;

-- Which secret a token has: auth-service ends the refresh families of a secret once it stops working (ADR 0010).
ALTER TABLE api_token ADD COLUMN secret_generation integer NOT NULL DEFAULT 0;
