"""Partner webhooks (NT-6): a marketplace's own backend subscribes to event types; each event is
POSTed signed by the Standard Webhooks scheme, retried with back-off, and logged for the partner."""
