"""DS-2: a report that ends in anything but a reschedule gives both parties a "disputed" mark,
counted per user."""
