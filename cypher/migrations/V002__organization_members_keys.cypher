// Node keys (uniqueness constraints) and lookup indexes for the whole organisation graph, units,
// members, residents and 双报到 registrations. Community edition: only uniqueness constraints exist,
// so required properties are checked by the service.
CREATE CONSTRAINT community_committee_id IF NOT EXISTS FOR (n:CommunityCommittee) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT general_branch_id IF NOT EXISTS FOR (n:GeneralBranch) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT grid_id IF NOT EXISTS FOR (n:Grid) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT grid_branch_id IF NOT EXISTS FOR (n:GridBranch) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT party_group_id IF NOT EXISTS FOR (n:PartyGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT micro_grid_id IF NOT EXISTS FOR (n:MicroGrid) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT compound_id IF NOT EXISTS FOR (n:Compound) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT functional_branch_id IF NOT EXISTS FOR (n:FunctionalBranch) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT functional_group_id IF NOT EXISTS FOR (n:FunctionalGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT party_org_id IF NOT EXISTS FOR (n:PartyOrg) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT owners_committee_id IF NOT EXISTS FOR (n:OwnersCommittee) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT property_company_id IF NOT EXISTS FOR (n:PropertyCompany) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT member_id IF NOT EXISTS FOR (n:Member) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT resident_id IF NOT EXISTS FOR (n:Resident) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT registration_id IF NOT EXISTS FOR (n:Registration) REQUIRE n.id IS UNIQUE;
// A member holds at most one active (pending or confirmed) registration: the property is set only while
// active, so the database itself refuses a second one, even under concurrent requests.
CREATE CONSTRAINT registration_active_member IF NOT EXISTS FOR (n:Registration) REQUIRE n.activeMemberId IS UNIQUE;
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT post_category_id IF NOT EXISTS FOR (n:PostCategory) REQUIRE n.id IS UNIQUE;
CREATE INDEX member_name IF NOT EXISTS FOR (n:Member) ON (n.name);
CREATE INDEX member_phone IF NOT EXISTS FOR (n:Member) ON (n.phone);
CREATE INDEX resident_phone IF NOT EXISTS FOR (n:Resident) ON (n.phone);
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX unit_kind IF NOT EXISTS FOR (n:Unit) ON (n.kind);
CREATE INDEX registration_state IF NOT EXISTS FOR (n:Registration) ON (n.state);
CREATE INDEX compound_kind IF NOT EXISTS FOR (n:Compound) ON (n.kind);
