// Short-lived links to spreadsheet downloads (issue 20): a page's <a href> cannot send a bearer header. One node per
// link, found by the hash of its secret (platform/security/DownloadLinks); opened once, gone an hour after expiry.
CREATE CONSTRAINT download_link_hash IF NOT EXISTS FOR (n:DownloadLink) REQUIRE n.hash IS UNIQUE;
