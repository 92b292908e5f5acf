"""Problem reports, proposals, disputes and staff decisions."""
