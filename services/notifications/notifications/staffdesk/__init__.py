"""The marketplace's staff desk: alerts for the marketplace's team rather than one user (a provider
suspended, a card refund that failed). Notifications doesn't know who a marketplace's staff are, so
these alerts go to one recipient of the marketplace, the desk, which every staff member reads."""
