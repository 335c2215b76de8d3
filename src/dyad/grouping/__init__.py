"""Grouping: one real happening, many mentions, across articles; stories; dyad series; the
negotiation tracker. One home, two parts:

    grouping.logic   (layer 2) pure functions on model values: members, profiles, assign,
                     build_group, stories, series, tracker. Never opens the store.
    grouping.stored  (layer 3) reads the store, calls grouping.logic, writes results back
                     through the store's own tables (`dyad.store.groups`).

The Spark form (`dyad.spark.grouping`) calls only `grouping.logic`'s public names; the
order store-then-group is known only to `dyad.pipeline`. This module imports nothing, so
importing `dyad.grouping.logic` on a Spark executor does not load the store.
"""
