"""Weekly hours in the provider's timezone, blocked periods, and the bookable slots they leave."""
