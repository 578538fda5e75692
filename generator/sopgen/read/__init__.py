"""Reading: strict YAML into plain data with a position for every value."""
