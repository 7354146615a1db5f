// Who serves where: the members living in a community, the units across the city they work in, and how
// many of them have registered with the community where they live (双报到).
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH (c:Community {id: $communityId})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)-[:WORKS_AT]->(u:Unit)
WITH c, u, collect(DISTINCT m) AS members
RETURN u.name AS unit, u.kind AS kind, size(members) AS livingHere,
       size([m IN members WHERE EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(c) }])
         AS registeredHere
ORDER BY livingHere DESC, unit;
