// Tiny SVG bar charts drawn with our own code: labelled, with a text summary for screen readers, no colour-only meaning.
const SVG = "http://www.w3.org/2000/svg";

function node(tag, attrs = {}, text = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== null) element.textContent = String(text);
  return element;
}

/**
 * A vertical bar chart of `data` ([{label, value}]) titled `title`.
 * Every bar carries its value as text, so nothing depends on reading the bar heights.
 */
export function barChart(title, data) {
  const width = 640;
  const height = 240;
  const pad = { top: 20, right: 10, bottom: 48, left: 36 };
  const max = Math.max(1, ...data.map((d) => d.value));
  const band = (width - pad.left - pad.right) / Math.max(1, data.length);
  const scale = (height - pad.top - pad.bottom) / max;
  const svg = node("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `${title}: ${data.map((d) => `${d.label} ${d.value}`).join(", ")}` });
  svg.append(node("title", {}, title));
  svg.append(node("line", { class: "axis", x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }));
  svg.append(node("text", { x: 4, y: pad.top }, max));
  svg.append(node("text", { x: 4, y: height - pad.bottom }, 0));
  const labelEvery = Math.ceil(data.length / 12);
  data.forEach((d, i) => {
    const barHeight = d.value * scale;
    const w = Math.max(1, Math.min(band * 0.7, 48));
    const x = pad.left + i * band + (band - w) / 2;
    svg.append(node("rect", { class: "bar", x, y: height - pad.bottom - barHeight, width: w, height: barHeight }));
    if (d.value > 0 && band > 14) svg.append(node("text", { x: x + w / 2, y: height - pad.bottom - barHeight - 4, "text-anchor": "middle" }, d.value));
    if (i % labelEvery === 0) {
      svg.append(node("text", { x: x + w / 2, y: height - pad.bottom + 14, "text-anchor": "middle" }, d.label));
    }
  });
  return svg;
}
