"""Test support: real PostgreSQL and RabbitMQ for every run, isolated and cleaned up."""
