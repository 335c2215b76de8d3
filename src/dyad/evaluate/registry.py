"""The list of evaluations `dyad eval` knows. One line per evaluation."""

from dyad.evaluate import register

# register("NAME", "dyad.evaluate.MODULE", "FOLDER-UNDER-DATA", "what it measures")
register(
    "polnear",
    "dyad.evaluate.attribution_spans",
    "polnear",
    "attribution: source, cue, content spans",
)
register("plover_gsr", "dyad.evaluate.plover_records", "plover-gsr", "PLOVER event type and roles")
register("tempeval3", "dyad.evaluate.timex", "tempeval3", "TIMEX3 span, type, value")
register("cameo_class", "dyad.evaluate.cameo_class", "conflibert-cameo", "CAMEO five-class")
register("cameo_ner", "dyad.evaluate.cameo_ner", "conflibert-cameo", "who/whom actor spans")
register(
    "geoparsing", "dyad.evaluate.geoparsing", "geoparsing", "toponym resolution (LGL, GeoVirus)"
)
register("event_location", "dyad.evaluate.event_location", "event-location", "the event's place")
register("meantime_status", "dyad.evaluate.event_status", "meantime-en", "event status")
register("ecbplus", "dyad.evaluate.cross_document", "ecbplus", "cross-document event grouping")
register("realnews", "dyad.evaluate.realnews", ".", "who did what to whom on real news")
register(
    "story",
    "dyad.evaluate.story_timeline",
    "package:data/examples/stories",
    "the tracker against analysts' timelines of the bundled stories",
)
