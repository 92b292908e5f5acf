"""A user's new alerts and chat messages as Server-Sent Events, so a frontend follows them live
instead of polling. It reads the database, so any API replica serves any user's stream."""
