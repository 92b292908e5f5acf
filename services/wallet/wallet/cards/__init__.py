"""The card processor behind a port: the wallet talks to `CardProcessor`, an adapter does the talking
to the processor. The sandbox adapter in `cards.sandbox` behaves like a real processor."""
