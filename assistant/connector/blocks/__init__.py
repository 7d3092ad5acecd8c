"""Building blocks for generated connectors: real, tested Python that the composer copies.

Each function named `<role>__<variant>` is one choice for a role (`session__bearer`,
`pages__cursor`); the composer copies the chosen variant into connector.py under the role's name.
Functions without `__` are shared helpers that every connector of the kind gets.
"""
