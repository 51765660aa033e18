"""The forum's business rules. Views, the API, the admin and commands call these, never the models' save().

Every service takes `now=` so tests can freeze the clock, and raises `QaError` (or its
subclasses) with a message fit to show the member.
"""
