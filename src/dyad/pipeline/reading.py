"""Reading articles: every stage in its order on a parsed article (`read_doc`), and on a batch
parsed together (`process_batch`), where an article that fails becomes a `Rejected`.

`process_batch` is a pure function of articles and resources, so it runs the same in this
process, in a process pool (`--workers`) or on Spark.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyad.deadline import StageClock, budget
from dyad.errors import DyadError, TooSlowError
from dyad.extract.actors import ActorDictionary, ActorMemory, find_actors, load_actor_dictionary
from dyad.extract.actors.placed import drop_misread_countries
from dyad.extract.attribution import find_quotes
from dyad.extract.events import Codebook, find_events, load_codebook
from dyad.extract.places import Gazetteer, find_places, load_gazetteer, start_index_build
from dyad.extract.times import find_times
from dyad.ingest import make_article
from dyad.model import Actor, Article, ArticleResult, Rejected
from dyad.nlp import index_sentences, load_nlp, model_version, parse
from dyad.resolve import resolve_events
from dyad.resolve.confidence import Calibration, calibrate, load_calibration
from dyad.selective import Cues, load_cues
from dyad.settings import Settings, load_settings
from dyad.version import __version__

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
PIPELINE_VERSION = f"dyad-{__version__}"


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything heavy the stages need, loaded once per process."""

    nlp: Language
    actors: ActorDictionary
    codebook: Codebook
    gazetteer: Gazetteer
    calibration: Calibration | None  # None: keep the coder's raw confidence (for training)
    memory: ActorMemory | None
    model_version: str
    batch_size: int = 32
    max_seconds: float = 60.0  # budget for reading one article; 0 means no limit
    batch_chars: int = 200_000
    cues: Cues | None = None  # words whose sentences get the full parse; None: all of them


def load_resources(
    settings: Settings | None = None, *, known_actors: Iterable[Actor] = ()
) -> Resources:
    """Load the model, actor dictionary, codebook and gazetteer named by `settings`."""
    settings = settings or load_settings()
    building = start_index_build()  # a first run builds the place index while the model loads
    actors = load_actor_dictionary(settings.actors)
    patterns = actors.entity_patterns()
    nlp = load_nlp(settings.model, entity_patterns=patterns, max_chars=settings.max_chars)
    known = list(known_actors)
    codebook = load_codebook(settings.codebook)
    return Resources(
        nlp=nlp,
        actors=actors,
        codebook=codebook,
        gazetteer=load_gazetteer(building=building),  # waits for the build at first use
        calibration=load_calibration(settings.calibration),
        memory=ActorMemory.from_actors(known) if known else None,
        model_version=model_version(nlp),
        batch_size=settings.batch_size,
        max_seconds=settings.max_seconds,
        batch_chars=settings.batch_chars,
        cues=load_cues(nlp, codebook) if settings.parse == "selective" else None,
    )


def process_batch(
    articles: Sequence[Article], resources: Resources
) -> list[ArticleResult | Rejected]:
    """Read a batch of articles; an article that fails becomes a `Rejected`, the rest go on."""
    started = time.perf_counter()
    docs = _parse_all(articles, resources)
    parse_share = (time.perf_counter() - started) / max(len(articles), 1)
    resources.gazetteer.wait_ready()  # a first run's index build: not in any article's time
    out: list[ArticleResult | Rejected] = []
    for article, doc in zip(articles, docs, strict=True):
        if isinstance(doc, Rejected):
            out.append(doc)
            continue
        try:
            with budget(resources.max_seconds):
                result = read_doc(article, doc, resources)
        except TooSlowError as exc:
            log.warning("article %s: %s", article.id, exc)
            out.append(_too_slow(article, exc))
            continue
        except Exception as exc:  # one bad article must never stop a run: record it, go on
            log.exception("article %s failed", article.id)
            out.append(_failed(article, exc))
            continue
        out.append(_with_timing(result, "parse", parse_share))
    return out


def _parse_all(articles: Sequence[Article], resources: Resources) -> list[Doc | Rejected]:
    """The articles parsed as one batch; if the batch fails, one by one, so that only the
    article spaCy refuses is lost."""
    texts = [a.text for a in articles]
    try:
        return list(parse(resources.nlp, texts, **_parsing(resources)))
    except Exception:  # find which article it was: parse each alone
        log.warning("a batch of %d articles failed to parse; parsing each alone", len(texts))
    out: list[Doc | Rejected] = []
    for article in articles:
        try:
            out.extend(parse(resources.nlp, [article.text], **_parsing(resources, batch_size=1)))
        except Exception as exc:  # one bad article must never stop a run: record it, go on
            log.exception("article %s failed to parse", article.id)
            out.append(_failed(article, exc))
    return out


def _parsing(resources: Resources, *, batch_size: int | None = None) -> dict[str, Any]:
    """The options of `parse` that the resources hold."""
    return {
        "batch_size": batch_size or resources.batch_size,
        "batch_chars": resources.batch_chars,
        "cues": resources.cues,
    }


def process_article(article: Article, resources: Resources) -> ArticleResult | Rejected:
    """Read one article."""
    return process_batch([article], resources)[0]


def read_doc(article: Article, doc: Doc, resources: Resources) -> ArticleResult:
    """Run every extraction stage on a parsed article and resolve its events."""
    index_sentences(doc)  # a no-op for docs from `parse`; evaluations parse with `nlp(text)`
    timings: dict[str, float] = {}
    clock = StageClock(timings)
    with clock("actors"):
        actors = find_actors(doc, article, resources.actors, memory=resources.memory)
    with clock("times"):
        times = find_times(doc, article.date)
    with clock("places"):
        places = find_places(doc, resources.gazetteer, actors=actors)
        actors = drop_misread_countries(actors, places)
    with clock("attribution"):
        quotes = find_quotes(doc, article, actors)
    with clock("events"):
        mentions = find_events(
            doc, resources.codebook, actors=actors, times=times, article_date=article.date
        )
    with clock("resolve"):
        events = resolve_events(article, doc, mentions, times=times, places=places, quotes=quotes)
        if resources.calibration is not None:
            events = calibrate(events, article.text, resources.calibration)
    return ArticleResult(
        article=article,
        events=events,
        actors=actors,
        times=times,
        places=places,
        quotes=quotes,
        warnings=article.notes,
        timings=timings,
    )


_DEFAULT: list[Resources] = []  # resources of `process_text`, loaded on first use


def process_text(
    text: str, *, date: dt.date | str | None = None, source: str | None = None, **fields: Any
) -> ArticleResult:
    """Read one article given as a string (the Python API behind `dyad.process`)."""
    if not _DEFAULT:
        _DEFAULT.append(load_resources())
    article = make_article(text, date=date, source=source, **fields)
    result = process_article(article, _DEFAULT[0])
    if isinstance(result, Rejected):
        raise DyadError(result.message)
    return result


def _failed(article: Article, exc: Exception) -> Rejected:
    return Rejected(
        origin=article.origin or article.id,
        reason="processing-error",
        message=f"article {article.id} could not be read ({type(exc).__name__}: {exc});"
        " the rest of the run went on; please report this with the article",
        article_id=article.id,
    )


def _too_slow(article: Article, exc: TooSlowError) -> Rejected:
    return Rejected(
        origin=article.origin or article.id,
        reason="too-slow",
        message=f"article {article.id} took too long to read ({exc}); the rest of the run "
        "went on. Split the article, or raise the max_seconds setting",
        article_id=article.id,
    )


def _with_timing(result: ArticleResult, stage: str, seconds: float) -> ArticleResult:
    result.timings[stage] = seconds
    return result
