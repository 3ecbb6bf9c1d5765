"""One module per command group; each has ``register(app)``. Commands stay thin: parse the
arguments, call the core, print the result."""
