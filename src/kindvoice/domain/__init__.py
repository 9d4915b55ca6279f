"""Domain: frozen records and pure functions. No I/O of any kind."""
