"""The texts of the real-news event set, read by article id from the gold data folder.

An article id names its corpus first; the text is the one the corpus's own evaluation reads,
so that offsets mean the same thing everywhere:

- `polnear/<compartment>/<name>`: `polnear/<compartment>/text/<name>.txt`;
- `ecbplus/<topic>/<doc>`: `ecbplus/ECB+/<topic>/<doc>.xml`, its tokens joined as
  `cross_document` joins them;
- `meantime/<corpus>/<stem>`: `meantime-en/intra_cross-doc_annotation/<corpus>/<stem>.xml`,
  joined as `event_status` joins it;
- `lgl/<docid>`: the `<text>` of the article with that `docid` in `geoparsing/lgl.xml`;
- `geovirus/<n>`: the `<text>` of the n-th (from 0) article of `geoparsing/GeoVirus.xml`.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from dyad.errors import EvaluationError

CORPORA = ("polnear", "ecbplus", "meantime", "lgl", "geovirus")


def corpus_of(article_id: str) -> str:
    """The corpus an article id names (its first part), checked against `CORPORA`."""
    corpus = article_id.partition("/")[0]
    if corpus not in CORPORA or "/" not in article_id:
        raise ValueError(f"article id {article_id!r} is not <corpus>/..., corpus one of {CORPORA}")
    return corpus


def split_of(article_id: str) -> str:
    """The fixed split of `docs/annotating.md`: held out ("test") when sha1(id) % 3 == 0."""
    return "test" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def text_path(data_dir: Path, article_id: str) -> Path:
    """The file that holds an article's text (for LGL and GeoVirus, the corpus file)."""
    corpus, _, rest = article_id.partition("/")
    if corpus == "polnear":
        compartment, _, name = rest.partition("/")
        return data_dir / "polnear" / compartment / "text" / f"{name}.txt"
    if corpus == "ecbplus":
        return data_dir / "ecbplus" / "ECB+" / f"{rest}.xml"
    if corpus == "meantime":
        return data_dir / "meantime-en" / "intra_cross-doc_annotation" / f"{rest}.xml"
    return data_dir / "geoparsing" / ("lgl.xml" if corpus == "lgl" else "GeoVirus.xml")


def read_texts(data_dir: Path, article_ids: Iterable[str]) -> dict[str, str]:
    """The text of every article id, each corpus file parsed once."""
    ids = list(article_ids)
    out: dict[str, str] = {}
    for corpus in ("lgl", "geovirus"):
        wanted = {i.partition("/")[2] for i in ids if corpus_of(i) == corpus}
        if wanted:
            found = _geoparsing_texts(text_path(data_dir, f"{corpus}/"), corpus, wanted)
            out.update({f"{corpus}/{key}": text for key, text in found.items()})
    for article_id in ids:
        if article_id not in out:
            out[article_id] = _file_text(data_dir, article_id)
    return out


def _file_text(data_dir: Path, article_id: str) -> str:
    path = text_path(data_dir, article_id)
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the text of {article_id} is missing")
    corpus = corpus_of(article_id)
    if corpus == "polnear":
        return path.read_text(encoding="utf-8")
    if corpus == "ecbplus":
        from dyad.evaluate.cross_document import document_text

        return document_text(path)
    from dyad.evaluate.event_status import read_article

    return read_article(path).text


def _geoparsing_texts(path: Path, corpus: str, wanted: set[str]) -> dict[str, str]:
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the texts of {corpus} articles are missing")
    out = {}
    for n, article in enumerate(ET.parse(path).getroot().iter("article")):
        key = article.get("docid", "") if corpus == "lgl" else str(n)
        if key in wanted:
            out[key] = article.findtext("text") or ""
    missing = sorted(wanted - set(out))
    if missing:
        raise EvaluationError(f"{path}: no {corpus} article {missing[0]!r}")
    return out
