// Which communities does a street have? Returns the street and its communities as a graph.
// Parameters: streetId — the street's division code, e.g. :param streetId => '320613001'
MATCH path = (s:Street {id: $streetId})-[:HAS_COMMUNITY]->(c:Community)
RETURN path;
