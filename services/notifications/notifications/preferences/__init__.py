"""Each user's channels (email address, Discord webhook), time zone and which kinds of alert go
where. The in-platform inbox is always there; email and Discord are the user's to enable."""
