// The article view (text with actors, dates, places, quotes and event words marked, each
// event word linking to its event), the event view, and the list of articles.
import { api, articleLink, card, h, plural, statusTags } from "./lib.js";

const KINDS = [["actor", "actors"], ["time", "dates"], ["place", "places"], ["quote", "quotes"],
  ["trigger", "event words"]];

// Cut the text at every span boundary; each piece carries the kinds covering it.
export function segments(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const over = marks.filter((m) => m.start <= start && m.end >= end && m.end > m.start);
    pieces.push({ start, end, text: text.slice(start, end), marks: over });
  }
  return pieces;
}

function marksOf(body) {
  const marks = [];
  body.actors.forEach((a) => marks.push({ kind: "actor", start: a.span.start, end: a.span.end, title: a.name + (a.actor_id ? ` (${a.actor_id})` : "") }));
  body.times.forEach((t) => marks.push({ kind: "time", start: t.span.start, end: t.span.end, title: t.value || t.type }));
  body.places.forEach((p) => marks.push({ kind: "place", start: p.span.start, end: p.span.end, title: p.place ? `${p.place.name}, ${p.place.country}` : "unresolved place" }));
  body.quotes.forEach((q) => marks.push({ kind: "quote", start: q.content.start, end: q.content.end, title: `${q.kind} quote` + (q.speaker_text ? ` — ${q.speaker_text}` : "") }));
  body.events.forEach((e) => e.evidence.forEach((ev) => marks.push({ kind: "trigger", start: ev.trigger.start, end: ev.trigger.end, event: e.id, title: `${e.type} ${e.polarity} ${e.modality}` })));
  return marks;
}

function renderText(body, selected) {
  const chosen = body.events.find((e) => e.id === selected);
  const sentences = chosen ? chosen.evidence.map((ev) => ev.sentence) : [];
  const pieces = segments(body.article.text, [...marksOf(body),
    ...sentences.map((s) => ({ kind: "selected", start: s.start, end: s.end }))]);
  return h("div", { class: "article-text", id: "article-text" }, pieces.map((p) => {
    if (!p.marks.length) return p.text;
    const kinds = [...new Set(p.marks.map((m) => m.kind))];
    const trigger = p.marks.find((m) => m.kind === "trigger");
    const title = p.marks.map((m) => m.title).filter(Boolean).join(" · ");
    if (trigger) {
      return h("a", { class: kinds.join(" "), href: `#/event/${encodeURIComponent(trigger.event)}`, title, "data-event": trigger.event }, p.text);
    }
    return h("span", { class: kinds.join(" "), title }, p.text);
  }));
}

export async function articleView({ id, params }) {
  const body = await api(`/articles/${encodeURIComponent(id)}`);
  const a = body.article;
  const head = h("p", { class: "muted" }, [a.date || "no date", a.source, /^https?:\/\//i.test(a.url || "") ? h("a", { href: a.url, rel: "noopener noreferrer" }, "original") : null, `${body.events.length} events`].filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x])));
  const legendRow = h("div", { class: "legend" }, KINDS.map(([k, label]) => h("span", {}, h("i", { class: "swatch " + k }), label)));
  const quotes = body.quotes.map((q) => h("li", {}, h("em", {}, `“${q.content.text}”`), " — ", q.speaker ? q.speaker.name : (q.speaker_text || "unnamed"), ` (${q.kind})`));
  const view = h("div", { class: "two" },
    card(a.title || a.id, head, legendRow, renderText(body, params.event)),
    h("div", {}, card("Events in this article", eventList(body.rows, params.event)),
      quotes.length ? card("Quotes", h("ul", {}, quotes)) : null));
  if (params.event) setTimeout(() => document.querySelector(".selected")?.scrollIntoView({ block: "center" }), 0);
  return view;
}

function eventList(rows, current) {
  if (!rows.length) return h("p", { class: "muted" }, "No events read in this article.");
  return h("ul", { class: "event-list" }, rows.map((r) => h("li", { class: r.id === current ? "current" : null, "data-event": r.id },
    h("a", { href: `#/event/${encodeURIComponent(r.id)}` }, r.type), " ", statusTags(r), " ",
    h("span", {}, [r.actors.join(", "), r.recipients.length ? " → " + r.recipients.join(", ") : ""].join("")),
    h("div", { class: "muted" }, `“${r.trigger}” · ${r.date_label || "no date"}${r.place ? " · " + r.place : ""}`))));
}

function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

export async function eventView({ id }) {
  const body = await api(`/events/${encodeURIComponent(id)}`);
  const e = body.event, row = e.summary;
  const who = (list) => list.map((m) => `${m.name}${m.country ? " (" + m.country + ")" : ""} — “${m.span.text}”`).join("; ");
  const mentions = body.mentions.map((m) => h("li", {}, m.sentence.text.slice(0, m.trigger.start - m.sentence.start),
    h("mark", {}, m.trigger.text), m.sentence.text.slice(m.trigger.end - m.sentence.start)));
  const group = body.group;
  const reports = group ? card(`Reported in ${plural(group.articles, "article")} (${plural(group.mentions, "mention")}, ${plural(group.sources, "source")}) — now ${group.status}`,
    h("ul", {}, group.members.map((m) => h("li", { "data-event": m.event_id }, [m.article_date, m.publisher, m.status].filter(Boolean).join(" · ") + ": ",
      articleLink(m.article_id, m.event_id, m.sentence || m.event_id)))),
    group.members_total > group.members.length ? h("p", { class: "muted" }, `The newest ${group.members.length} of ${group.members_total} reports.`) : null,
    h("p", {}, h("a", { href: `#/group/${encodeURIComponent(group.id)}` }, "The happening, its status history"))) : null;
  return h("div", { class: "two" },
    card(`${row.type} — ${row.status}`, facts([
      ["Actors", who(e.actors) || "—"], ["Recipients", who(e.recipients) || "—"],
      ["Status", h("span", {}, statusTags(row))],
      ["Date", row.date_label ? `${row.date_label} (${e.date_granularity || "day"}, from ${e.date_source})` : "unknown"],
      ["Place", e.place ? `${e.place.name}, ${e.place.country} (from ${e.place_source})` : "—"],
      ["On whose word", e.attribution.map((s) => s.name).join(" ← ") || "—"],
      ["CAMEO", e.cameo ? `${e.cameo} (QuadClass ${e.quad_class}, Goldstein ${e.goldstein})` : null],
      ["Confidence", e.confidence],
      ["Embedded in", body.parent ? h("a", { href: `#/event/${body.parent.id}` }, `${body.parent.type}: ${body.parent.trigger}`) : null],
      ["Embeds", body.children.length ? h("span", {}, body.children.map((c) => h("a", { href: `#/event/${c.id}` }, `${c.type} `))) : null],
      ["Article", articleLink(e.article_id, e.id, body.article ? (body.article.title || body.article.id) : e.article_id)],
    ])),
    h("div", {}, card(`Mentions in this article (${body.mentions.length})`, h("ol", {}, mentions),
      body.quote ? h("p", {}, h("em", {}, `“${body.quote.content.text}”`), ` — ${body.quote.speaker_text || (body.quote.speaker && body.quote.speaker.name) || "unnamed"}`) : null),
    reports));
}

export async function articlesView({ params }) {
  const listing = await api("/articles", { limit: 100, offset: params.offset || 0, source: params.source });
  const rows = listing.items.map((a) => h("tr", {}, h("td", {}, a.date || "—"),
    h("td", {}, articleLink(a.id, null, a.title || a.id)), h("td", {}, a.source || "—"),
    h("td", {}, String(a.events)), h("td", { class: "hide-small" }, a.origin)));
  return card("Articles", h("table", {}, h("thead", {}, h("tr", {}, ["Date", "Title", "Publisher", "Events", "Read from"].map((t) => h("th", {}, t)))), h("tbody", {}, rows)));
}
