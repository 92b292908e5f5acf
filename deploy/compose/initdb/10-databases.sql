-- One database per service (docker-compose.yml runs this once, when the postgres volume is new).
CREATE DATABASE lessons_gateway;
CREATE DATABASE lessons_booking;
CREATE DATABASE lessons_wallet;
CREATE DATABASE lessons_disputes;
CREATE DATABASE lessons_notifications;
