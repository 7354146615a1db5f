// A community's whole organisation tree as a graph: 大党委 → 党总支 → 网格党支部 → 党小组 → 微网格,
// plus its functional branch and groups. (Open the result in the graph view.)
// Parameters: communityId — e.g. :param communityId => '320613001001'
MATCH (c:Community {id: $communityId})
OPTIONAL MATCH tree = (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                      -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(:MicroGrid)
OPTIONAL MATCH functional = (c)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(:FunctionalGroup)
                            -[:EMBEDDED_IN]->(:GridBranch)
RETURN c, collect(DISTINCT tree) AS tree, collect(DISTINCT functional) AS functional;
