"""Chat (NT-1): one thread per student-provider pair in a marketplace, readable by its two parties
(and by staff while a report of the pair is escalated, disputes.py). Each message is announced
(the contact-first rule reads it) and, left unread, forwarded."""
