// A phone number belongs to one member: the service checks it, and this constraint makes concurrent
// creations unable to slip past the check. It replaces the plain lookup index of V002.
DROP INDEX member_phone IF EXISTS;
CREATE CONSTRAINT member_phone_unique IF NOT EXISTS FOR (n:Member) REQUIRE n.phone IS UNIQUE;
