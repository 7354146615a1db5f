// How many communities does each street have? One row per street, ordered by division code.
// Parameters: none
MATCH (s:Street)
RETURN s.id AS code, s.district AS district, s.name AS street,
       COUNT { (s)-[:HAS_COMMUNITY]->(:Community) } AS communities
ORDER BY code;
