// SVG charts drawn by hand: stacked bars per period, horizontal bars, and lines.
import { h, TYPE_COLORS } from "./lib.js";

const W = 800, H = 240, PAD = { left: 36, right: 10, top: 10, bottom: 40 };

function scale(max, size) { return (v) => (max ? (v / max) * size : 0); }

// items: [{period, type, events}] -> stacked bar per period, colored by type.
export function stackedBars(items, { onPick } = {}) {
  const periods = [...new Set(items.map((i) => i.period))].sort();
  const totals = Object.fromEntries(periods.map((p) => [p, 0]));
  items.forEach((i) => { totals[i.period] += i.events; });
  const max = Math.max(1, ...Object.values(totals));
  const innerW = W - PAD.left - PAD.right, innerH = H - PAD.top - PAD.bottom;
  const band = innerW / Math.max(periods.length, 1);
  const y = scale(max, innerH);
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per period" });
  svg.append(h("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, stroke: "#999" }));
  svg.append(h("text", { x: 2, y: PAD.top + 8 }, String(max)));
  periods.forEach((period, index) => {
    let base = H - PAD.bottom;
    const x = PAD.left + index * band + band * 0.1;
    for (const item of items.filter((i) => i.period === period)) {
      const height = y(item.events);
      base -= height;
      svg.append(h("rect", {
        x, y: base, width: Math.max(band * 0.8, 1), height, fill: TYPE_COLORS[item.type] || "#999",
        class: "bar", "data-period": period, onclick: onPick ? () => onPick(period) : null,
      }, h("title", {}, `${period}: ${item.events} ${item.type}`)));
    }
    const every = Math.ceil(periods.length / 12);
    if (index % every === 0) {
      svg.append(h("text", { x: x + band * 0.4, y: H - PAD.bottom + 14, "text-anchor": "middle" }, period));
    }
  });
  return svg;
}

// rows: [{label, value, color}] -> horizontal bars.
export function hbars(rows) {
  const rowH = 22, width = 600, labelW = 110;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const x = scale(max, width - labelW - 40);
  const svg = h("svg", { viewBox: `0 0 ${width} ${rows.length * rowH + 6}`, role: "img" });
  rows.forEach((r, i) => {
    const y = i * rowH + 3;
    svg.append(h("text", { x: labelW - 6, y: y + 14, "text-anchor": "end" }, r.label));
    svg.append(h("rect", { x: labelW, y, width: Math.max(x(r.value), 1), height: rowH - 6, fill: r.color || "#4a90c2", class: "hbar" }));
    svg.append(h("text", { x: labelW + x(r.value) + 4, y: y + 14 }, String(r.value)));
  });
  return svg;
}

// series: [{name, color, points: [{x: period, y: number}]}] over shared periods.
export function lines(periods, series, { zero = false } = {}) {
  const values = series.flatMap((s) => s.points.map((p) => p.y)).filter((v) => v !== null);
  const lo = Math.min(zero ? 0 : Infinity, ...values), hi = Math.max(zero ? 0 : -Infinity, ...values, lo + 1);
  const innerW = W - PAD.left - PAD.right, innerH = H - PAD.top - PAD.bottom;
  const xAt = (i) => PAD.left + (periods.length > 1 ? (i / (periods.length - 1)) * innerW : innerW / 2);
  const yAt = (v) => PAD.top + innerH - ((v - lo) / (hi - lo)) * innerH;
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "cooperation and conflict" });
  svg.append(h("line", { x1: PAD.left, x2: W - PAD.right, y1: yAt(Math.max(lo, 0)), y2: yAt(Math.max(lo, 0)), stroke: "#999" }));
  svg.append(h("text", { x: 2, y: PAD.top + 8 }, hi.toFixed(1)));
  svg.append(h("text", { x: 2, y: PAD.top + innerH }, lo.toFixed(1)));
  for (const s of series) {
    const pts = s.points.map((p) => [xAt(periods.indexOf(p.x)), p.y]).filter(([, v]) => v !== null);
    svg.append(h("polyline", { points: pts.map(([x, v]) => `${x},${yAt(v)}`).join(" "), fill: "none", stroke: s.color, "stroke-width": 2, class: "series-line" }));
    pts.forEach(([x, v]) => svg.append(h("circle", { cx: x, cy: yAt(v), r: 3, fill: s.color }, h("title", {}, `${s.name}: ${v}`))));
  }
  const every = Math.ceil(periods.length / 10);
  periods.forEach((p, i) => { if (i % every === 0) svg.append(h("text", { x: xAt(i), y: H - PAD.bottom + 14, "text-anchor": "middle" }, p)); });
  return svg;
}

export function legend(entries) {
  return h("div", { class: "legend" }, entries.map(([label, color]) => h("span", {}, h("i", { style: `background:${color}` }), label)));
}
