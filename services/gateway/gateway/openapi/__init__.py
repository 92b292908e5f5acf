"""One OpenAPI document for partners: the gateway's own paths and those of every service it routes to."""
