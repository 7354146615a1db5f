// From residents' requests to the members who served them: request → task → claims → members, with the
// hours recorded and the ratings given (drawn as a graph; click a Request or a Member to see its details).
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH path = (:Resident)<-[:POSTED_BY]-(r:Request)-[:SERVED_BY]->(t:Task)<-[:FOR_TASK]-(c:Claim {state: 'ACTIVE'})<-[:MADE]-(:Member)
WHERE (r)-[:IN_COMMUNITY]->(:Community {id: $communityId})
OPTIONAL MATCH served = (c)<-[:FOR_CLAIM]-(:ServiceRecord)
OPTIONAL MATCH rated = (c)<-[:RATES]-(:Evaluation)
RETURN path, served, rated
LIMIT 50;
