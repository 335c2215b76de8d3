// The dyad chart, the map, the actor network, the negotiation tracker and one event group.
import { api, articleLink, card, h, TYPE_COLORS } from "./lib.js";
import { hbars, legend, lines } from "./charts.js";

function go(view, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  location.hash = `#/${view}` + (query ? "?" + query : "");
}

// --- dyad: counts by type, and the cooperation-conflict line --------------------------------

export async function dyadView({ where, params }) {
  const net = await api("/network", { ...where, limit: 12 });
  let picked = "";
  if (!where.actor && !where.recipient && !params.all && net.edges.length) {
    where = { ...where, actor: net.edges[0].source, recipient: net.edges[0].target };
    picked = " (the busiest pair; pick another below)";
  }
  const summary = await api("/summary", where);
  const title = where.actor || where.recipient
    ? `${where.actor || "anyone"} → ${where.recipient || "anyone"}${picked}` : "All events";
  const byType = hbars(summary.by_type.map((t) => ({ label: t.type, value: t.events, color: TYPE_COLORS[t.type] })));
  const periods = summary.line.map((p) => p.period);
  const counts = lines(periods, [
    { name: "cooperation", color: "#2e8540", points: summary.line.map((p) => ({ x: p.period, y: p.cooperation })) },
    { name: "conflict", color: "#b8322a", points: summary.line.map((p) => ({ x: p.period, y: p.conflict })) },
  ], { zero: true });
  const score = lines(periods, [{ name: "mean Goldstein", color: "#1f5fa8", points: summary.line.map((p) => ({ x: p.period, y: p.goldstein })) }], { zero: true });
  const status = h("table", {}, h("tbody", {}, summary.by_status.map((s) => h("tr", {}, h("td", {}, `${s.polarity} ${s.modality}`), h("td", {}, String(s.events))))));
  const pairs = h("ul", {}, net.edges.map((e) => h("li", {}, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); go("dyad", { actor: e.source, recipient: e.target }); } }, `${e.source} → ${e.target}`), ` (${e.events})`)));
  const parts = [
    card(title, h("div", { class: "grid" }, h("div", {}, h("h3", {}, "Events by type"), byType), h("div", {}, h("h3", {}, "By status"), status))),
    card("Cooperation and conflict per day (asserted events)", counts, legend([["cooperation (QuadClass 1–2)", "#2e8540"], ["conflict (QuadClass 3–4)", "#b8322a"]]), score, legend([["mean Goldstein score", "#1f5fa8"]])),
    card("Busiest pairs", pairs, h("p", {}, h("a", { href: "#/dyad?all=1" }, "All events, every pair"))),
  ];
  if (where.actor && where.recipient) parts.splice(2, 0, await seriesCard(where.actor, where.recipient));
  return parts;
}

async function seriesCard(a, b) {
  const body = await api("/series", { a, b }).catch(() => null);
  if (!body || !body.items.length) return card("Dyad series (happenings)", h("p", { class: "muted" }, "No grouped happenings between these two."));
  const rows = body.items.map((p) => h("tr", {}, h("td", {}, p.period), h("td", {}, String(p.total)),
    h("td", {}, Object.entries(p.types).map(([t, n]) => `${t} ${n}`).join(", ")), h("td", {}, p.goldstein === null ? "—" : p.goldstein.toFixed(2))));
  return card("Dyad series (happenings, both directions)", h("table", {}, h("thead", {}, h("tr", {}, ["Day", "Happenings", "Types", "Goldstein"].map((t) => h("th", {}, t)))), h("tbody", {}, rows)));
}

// --- map: event places over country outlines ------------------------------------------------

const MAP_W = 960, MAP_H = 480;
const project = ([lon, lat]) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];
let basemap = null;

function ringPath(ring) {
  return "M" + ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
}

function countryPaths(features) {
  return features.map((f) => {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    return h("path", { class: "country", d: polys.map((poly) => poly.map(ringPath).join("")).join("") }, h("title", {}, f.properties.name || f.id));
  });
}

function graticule() {
  const parts = [];
  for (let lon = -180; lon <= 180; lon += 30) parts.push(`M${project([lon, 90]).join(",")}L${project([lon, -90]).join(",")}`);
  for (let lat = -60; lat <= 60; lat += 30) parts.push(`M${project([-180, lat]).join(",")}L${project([180, lat]).join(",")}`);
  return h("path", { class: "graticule", d: parts.join("") });
}

function fit(points) {
  if (!points.length) return [0, 0, MAP_W, MAP_H];
  const xs = points.map((p) => project([p.lon, p.lat])[0]), ys = points.map((p) => project([p.lon, p.lat])[1]);
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(x1 - x0, (y1 - y0) * 2, 80);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const w = Math.min(span * 1.4, MAP_W), hgt = w / 2;
  return [Math.max(0, Math.min(cx - w / 2, MAP_W - w)), Math.max(0, Math.min(cy - hgt / 2, MAP_H - hgt)), w, hgt];
}

export async function mapView({ where, params }) {
  basemap = basemap || await api("/basemap");
  const places = (await api("/places", where)).items;
  const box = params.world ? [0, 0, MAP_W, MAP_H] : fit(places);
  const k = box[2] / MAP_W;
  const max = Math.max(1, ...places.map((p) => p.events));
  const dots = places.map((p) => {
    const [x, y] = project([p.lon, p.lat]);
    return h("circle", { class: "dot", cx: x, cy: y, r: (3 + 9 * Math.sqrt(p.events / max)) * Math.max(k, 0.15), "data-place": p.place_id,
      onclick: () => go("timeline", { ...where, place: String(p.place_id) }) },
    h("title", {}, `${p.name}, ${p.country}: ${p.events} events (${p.types.join(", ")})`));
  });
  const svg = h("svg", { viewBox: box.join(" "), role: "img", "aria-label": "map of event places" },
    h("rect", { x: 0, y: 0, width: MAP_W, height: MAP_H, fill: "#dfeaf5" }), graticule(), ...countryPaths(basemap.features), ...dots);
  const list = h("ul", {}, places.slice(0, 30).map((p) => h("li", {}, h("a", { href: "#", onclick: (e) => { e.preventDefault(); go("timeline", { ...where, place: String(p.place_id) }); } }, `${p.name}, ${p.country}`), ` — ${p.events}`)));
  const toggle = h("a", { href: "#", onclick: (e) => { e.preventDefault(); go("map", { ...where, world: params.world ? "" : "1" }); } }, params.world ? "Zoom to the events" : "Whole world");
  return [card(`Event places (${places.length})`, h("div", { class: "map-wrap" }, svg), h("p", { class: "muted" }, toggle, " · click a dot for its events")), card("Places", list)];
}

// --- network: who acts on whom --------------------------------------------------------------

// Fruchterman-Reingold with gravity, cooled over a fixed number of steps (deterministic).
function layout(nodes, edges, width, height) {
  const k = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.5;
  const pos = new Map(nodes.map((n, i) => {
    const angle = i * 2.399963, radius = Math.sqrt(i + 0.5) / Math.sqrt(nodes.length) * Math.min(width, height) / 2.2;
    return [n.id, { x: width / 2 + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle) }];
  }));
  for (let step = 0, heat = width / 8; step < 300; step++, heat *= 0.985) {
    const move = new Map(nodes.map((n) => [n.id, { x: 0, y: 0 }]));
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = pos.get(nodes[i].id), b = pos.get(nodes[j].id);
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 1), f = (k * k) / d;
      const ma = move.get(nodes[i].id), mb = move.get(nodes[j].id);
      ma.x += (dx / d) * f; ma.y += (dy / d) * f; mb.x -= (dx / d) * f; mb.y -= (dy / d) * f;
    }
    for (const e of edges) {
      if (e.source === e.target) continue;
      const a = pos.get(e.source), b = pos.get(e.target);
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 1), f = (d * d) / k;
      const ma = move.get(e.source), mb = move.get(e.target);
      ma.x -= (dx / d) * f; ma.y -= (dy / d) * f; mb.x += (dx / d) * f; mb.y += (dy / d) * f;
    }
    for (const n of nodes) {
      const p = pos.get(n.id), m = move.get(n.id);
      m.x += (width / 2 - p.x) * 0.6; m.y += (height / 2 - p.y) * 0.9;
      const d = Math.max(Math.hypot(m.x, m.y), 1e-9), step = Math.min(d, heat);
      p.x = Math.min(width - 90, Math.max(20, p.x + (m.x / d) * step));
      p.y = Math.min(height - 15, Math.max(15, p.y + (m.y / d) * step));
    }
  }
  return pos;
}

export async function networkView({ where }) {
  const net = await api("/network", { ...where, limit: 150 });
  if (!net.edges.length) return card("Actor network", h("p", { class: "muted" }, "No event with both an actor and a recipient matches."));
  const width = 900, height = 560;
  const pos = layout(net.nodes, net.edges, width, height);
  const degree = new Map();
  net.edges.forEach((e) => { degree.set(e.source, (degree.get(e.source) || 0) + e.events); degree.set(e.target, (degree.get(e.target) || 0) + e.events); });
  const maxW = Math.max(...net.edges.map((e) => e.events));
  const svg = h("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "actor network" },
    h("defs", {}, h("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, h("path", { d: "M0,0L10,5L0,10Z", fill: "#8a96a3" }))),
    net.edges.map((e) => { const a = pos.get(e.source), b = pos.get(e.target);
      const color = e.goldstein === null ? "#8a96a3" : e.goldstein >= 0 ? "#2e8540" : "#b8322a";
      return h("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: color, "stroke-width": 1 + 4 * (e.events / maxW), "marker-end": "url(#arrow)" },
        h("title", {}, `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${e.goldstein}`)); }),
    net.nodes.map((n) => { const p = pos.get(n.id);
      return h("g", { class: "node", "data-actor": n.id, onclick: () => go("timeline", { actor: n.id }) },
        h("circle", { cx: p.x, cy: p.y, r: 5 + Math.sqrt(degree.get(n.id) || 1) * 2 }), h("text", { x: p.x + 9, y: p.y + 4 }, n.name), h("title", {}, `${n.name} (${n.id}) — click for its events`)); }));
  return card(`Actor network (${net.nodes.length} actors, ${net.edges.length} pairs)`, svg,
    legend([["mostly cooperative", "#2e8540"], ["mostly conflictual", "#b8322a"]]), h("p", { class: "muted" }, "Arrows point from actor to recipient; click an actor for its events."));
}

// --- negotiation tracker ------------------------------------------------------------------

const names = (list) => list.map((a) => (typeof a === "string" ? a : a.name)).join(", ") || "—";
const groupLink = (id, text) => h("a", { href: `#/group/${encodeURIComponent(id)}` }, text);
const status = (s) => h("span", { class: "status-" + s.replace(/\s+/g, "-") }, s);

function table(headers, rows) {
  if (!rows.length) return h("p", { class: "muted" }, "None.");
  return h("table", {}, h("thead", {}, h("tr", {}, headers.map((t) => h("th", {}, t)))), h("tbody", {}, rows));
}

const steps = (m) => m.history.map((c) => `${c.status} ${(c.article_date || "?").slice(5)}`).join(" → ") || "—";
const done = (list) => list.map((a) => a.date || "?").join(", ") || "—";

export async function trackerView({ params }) {
  const doubtful = params.doubtful === "1";
  const [tracker, stories] = await Promise.all([api("/tracker", { story: params.story, doubtful: doubtful || undefined }), api("/stories", { limit: 50 })]);
  const picker = h("select", { onchange: (e) => go("tracker", { story: e.target.value }) },
    h("option", { value: "" }, "Every story"), stories.items.map((s) => h("option", { value: s.id, selected: s.id === params.story }, s.title)));
  const toggle = doubtful ? h("a", { href: "#", onclick: (e) => { e.preventDefault(); go("tracker", { story: params.story || "" }); } }, "hide doubtful items")
    : tracker.hidden ? h("a", { href: "#", onclick: (e) => { e.preventDefault(); go("tracker", { story: params.story || "", doubtful: "1" }); } }, `${tracker.hidden} doubtful items hidden: show them`) : null;
  const tr = (cells) => h("tr", {}, cells.map((c) => h("td", {}, c)));
  return [
    card("Negotiation tracker", h("p", {}, "Story: ", picker, h("span", { class: "muted" }, ` · judged as of ${tracker.as_of || "—"} `), toggle),
      tracker.truncated ? h("p", { class: "muted tracker-bound" }, `Read from the newest ${tracker.groups} event groups only, last seen ${tracker.since} or later.`) : null),
    card(`Meetings and calls (${tracker.meetings.length})`, table(["Status", "Date", "Where", "Who attends", "Absent", "History", "What"],
      tracker.meetings.map((m) => tr([status(m.status), m.date || "—", m.channel === "phone" ? "by phone" : m.place || "—", names(m.attendees), names(m.absent), steps(m), groupLink(m.group_id, m.summary)])))),
    card(`Agreements (${tracker.agreements.length})`, table(["Status", "Date", "Parties", "Carried out", "What"],
      tracker.agreements.map((a) => tr([status(a.status), a.date || "—", names(a.parties), done(a.carried_out), groupLink(a.group_id, a.summary)])))),
    card(`Demands and ultimatums (${tracker.demands.length})`, table(["Status", "By", "Of", "Deadline", "Answers", "What"],
      tracker.demands.map((d) => tr([status(d.status), names(d.by), names(d.of), d.deadline || "—", d.answers.map((a) => `${a.type} (${a.status})`).join(", ") || "—", groupLink(d.group_id, d.summary)])))),
    card(`Threats (${tracker.threats.length})`, table(["Status", "By", "Against", "What", "Conditional", "Said"],
      tracker.threats.map((t) => tr([status(t.status), names(t.by), names(t.against), t.what || "—", t.conditional ? "yes" : "no", groupLink(t.group_id, t.summary)])))),
    card(`Proposals (${tracker.proposals.length})`, table(["Status", "By", "To", "Type", "Answers", "What"],
      tracker.proposals.map((p) => tr([status(p.status), names(p.by), names(p.to), p.type, p.answers.map((a) => `${a.type} (${a.status})`).join(", ") || "—", groupLink(p.group_id, p.summary)])))),
  ];
}

export async function groupView({ id }) {
  const body = await api(`/groups/${encodeURIComponent(id)}`);
  const g = body.group;
  const members = body.members.map((m) => h("tr", {}, h("td", {}, m.article_date || "—"), h("td", {}, status(m.status)),
    h("td", {}, m.publisher || "—"), h("td", {}, articleLink(m.article_id, m.event_id, m.sentence || m.trigger))));
  return [
    card(`${g.type}: ${g.summary}`, h("p", {}, status(g.status), ` · ${g.mentions} mentions in ${g.articles} articles from ${g.sources} sources · ${g.date_label || g.date || "no date"}${g.place ? " · " + g.place : ""}`),
      g.history.length ? h("p", { class: "muted" }, "History: " + g.history.map((c) => `${c.status} (${c.article_date || "?"}, ${c.source || "?"})`).join(" → ")) : null),
    card("Reported by", table(["Published", "Status", "Publisher", "Sentence"], members),
      body.members_total > body.members.length ? h("p", { class: "muted" }, `The newest ${body.members.length} of ${body.members_total} reports.`) : null),
  ];
}
