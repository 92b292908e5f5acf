"""Students buying wallet credits with a saved card."""
