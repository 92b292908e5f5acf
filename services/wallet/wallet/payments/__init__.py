"""Taking a booking's price from the student (credits or card) into the platform's escrow."""
