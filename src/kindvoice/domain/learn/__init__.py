"""Learning material and support information, kept as data files read by small loaders."""
