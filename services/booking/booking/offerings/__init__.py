"""What a provider sells: title, duration, price, kind."""
