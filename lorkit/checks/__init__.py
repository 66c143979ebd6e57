"""The checks behind every finding code, grouped by what they look at.

`letters` (one letter), `sets` (a track's recommended set) and `profile` (the whole profile
and its dates). Each finding is one `FindingRule` (see `base`) defined right beside its
check; `lorkit.registry` collects them.
"""
