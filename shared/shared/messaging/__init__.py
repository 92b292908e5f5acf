"""RabbitMQ plumbing: topology, the transactional outbox and its relay, the idempotent inbox,
handler registry and consumer."""
