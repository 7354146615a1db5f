// Verification codes (security probe, issue 19, finding 3). Wrong codes are counted per claim (or post and holder)
// and per subject in (:CodeAttempts {key}) nodes, one per key, locked by each attempt (task/CodeAttempts).
CREATE CONSTRAINT code_attempts_key IF NOT EXISTS FOR (n:CodeAttempts) REQUIRE n.key IS UNIQUE;
// A post's code no longer stays the same for ever: it derives from a random secret and the day (task/PostCodes).
// randomUUID() draws from a SecureRandom; two make 244 random bits.
MATCH (p:ServicePost) WHERE p.codeSecret IS NULL
SET p.codeSecret = randomUUID() + randomUUID()
REMOVE p.verificationCode;
