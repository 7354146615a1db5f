// Keywords learned from secretaries' corrections (issue 6): one node per word, linked to the skills it
// indicates with a weight that grows with each correction.
CREATE CONSTRAINT keyword_text IF NOT EXISTS FOR (n:Keyword) REQUIRE n.text IS UNIQUE;
