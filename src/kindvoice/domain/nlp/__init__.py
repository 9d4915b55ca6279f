"""The inner-dialogue engine: crisis screen, self-criticism, thinking traps, reframes.

Import the engine's parts from their modules; this package file stays empty so
that importing a small piece never loads the model.
"""
