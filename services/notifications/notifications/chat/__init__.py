"""Chat (NT-1): one thread per student-provider pair in a marketplace, readable by its two parties
only. Each message is announced (the contact-first rule reads it) and, left unread, forwarded."""
