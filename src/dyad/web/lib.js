// Small helpers shared by the views: fetching the API, building DOM, the events table.

export const TYPE_COLORS = {
  AGREE: "#2e8540", CONSULT: "#4a90c2", SUPPORT: "#6ab04c", CONCEDE: "#93c47d",
  COOPERATE: "#1f7a8c", AID: "#76b7b2", RETREAT: "#a3c9a8", REQUEST: "#f2a541",
  ACCUSE: "#e07b39", REJECT: "#c0504d", SANCTION: "#9b59b6", THREATEN: "#d35400",
  PROTEST: "#b7950b", MOBILIZE: "#7f8c8d", COERCE: "#a93226", ASSAULT: "#78281f",
};

export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const url = "/api" + path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

// h("a", {href: "#"}, "text", child, ...) -> Element; attributes starting with "on" bind events.
export function h(tag, attrs = {}, ...children) {
  const node = tag === "svg" || SVG_TAGS.has(tag)
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    // A style attribute is inline style, which the page's Content-Security-Policy refuses;
    // the same declarations set through the element's style object are allowed.
    else if (key === "style") node.style.cssText = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_TAGS = new Set(["g", "path", "rect", "circle", "line", "text", "title", "polyline",
  "defs", "marker", "tspan"]);

export function card(title, ...children) {
  return h("section", { class: "card" }, title ? h("h2", {}, title) : null, ...children);
}

export function statusTags(row) {
  const words = row.status ? row.status.split(" ") : [];
  return words.map((w) => h("span", { class: "tag " + w }, w));
}

export function articleLink(articleId, eventId, text) {
  const target = `#/article/${encodeURIComponent(articleId)}` +
    (eventId ? `?event=${encodeURIComponent(eventId)}` : "");
  return h("a", { href: target }, text);
}

// One row per event; clicking a row opens its article with the event's words marked.
export function eventsTable(rows) {
  if (!rows.length) return h("p", { class: "muted" }, "No events match these filters.");
  const head = h("tr", {}, ["Date", "Type", "Status", "Actors", "Recipients", "Place",
    "Source", "Words"].map((t, i) => h("th", { class: i > 4 ? "hide-small" : null }, t)));
  const body = rows.map((r) => h("tr", {
    class: "event-row", "data-event": r.id,
    onclick: () => { location.hash = `#/article/${encodeURIComponent(r.article_id)}?event=${encodeURIComponent(r.id)}`; },
  },
  h("td", { title: r.date_granularity || "" }, r.date_label || "—"),
  h("td", {}, h("span", { class: "tag", style: `background:${TYPE_COLORS[r.type.split("/")[0]] || "#ccc"};color:#fff` }, r.type)),
  h("td", {}, statusTags(r)),
  h("td", {}, r.actors.join("; ")),
  h("td", {}, r.recipients.join("; ")),
  h("td", { class: "hide-small" }, r.place || "—"),
  h("td", { class: "hide-small" }, r.source || "—"),
  h("td", { class: "hide-small" }, articleLink(r.article_id, r.id, "“" + r.trigger + "”"))));
  return h("table", { class: "events" }, h("thead", {}, head), h("tbody", {}, body));
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function errorBox(error) {
  return card("Could not load", h("p", {}, String(error.message || error)));
}
