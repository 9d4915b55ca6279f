"""Services: one module per use case. They take their dependencies as
parameters, open one unit of work per call and return domain records."""
