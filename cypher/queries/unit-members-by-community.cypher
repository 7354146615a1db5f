// Where do a unit's members live and register? One row per community, with how many of the unit's members
// live there, how many are registered (confirmed) there and who they are.
// Parameters: unitId — e.g. :param unitId => 'U0001'
MATCH (:Unit {id: $unitId})<-[:WORKS_AT]-(m:Member)-[:LIVES_IN]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)
      <-[:HAS_PARTY_GROUP]-(:GridBranch)<-[:HAS_GRID_BRANCH]-(:GeneralBranch)<-[:HAS_GENERAL_BRANCH]-(:CommunityCommittee)
      <-[:HAS_COMMITTEE]-(c:Community)<-[:HAS_COMMUNITY]-(s:Street)
RETURN s.name AS street, c.name AS community, count(m) AS members,
       count(CASE WHEN EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(c) }
                  THEN m END) AS registeredHere,
       collect(m.name)[..20] AS names
ORDER BY members DESC, community;
