// Reliability (issue 9): a front end may give postRequest a key of its own (clientRequestId); the same key for
// the same resident returns the request already posted, so a retry after a timeout never posts twice. The
// key is stored as "<residentId>/<clientRequestId>"; this constraint settles two retries racing each other.
CREATE CONSTRAINT request_client_key IF NOT EXISTS FOR (n:Request) REQUIRE n.clientKey IS UNIQUE;
