"""The partner-facing entry: API keys, user tokens, routing to the services, one OpenAPI document."""
