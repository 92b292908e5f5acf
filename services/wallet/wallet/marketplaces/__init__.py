"""What the wallet knows of each marketplace: the currencies it accepts, as the gateway announced them
when the marketplace was registered (`gateway.marketplace_registered.v1`)."""
