"""A model for the server's own tests: behaviour chosen by environment and by the instances."""
