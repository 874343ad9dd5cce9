// Draws a QR code the server computed ({size, rows}) as an SVG, with its quiet zone: nothing is fetched.
const SVG = "http://www.w3.org/2000/svg";

/** An <svg> of the modules: one path of dark squares on white, four modules of margin (ISO/IEC 18004 §6.3.8). */
export function qrSvg(qr, label) {
  const margin = 4;
  const side = qr.size + 2 * margin;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${side} ${side}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", side);
  background.setAttribute("height", side);
  background.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG, "path");
  let d = "";
  qr.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (row[x] !== "1") continue;
      let run = 1;
      while (row[x + run] === "1") run += 1;
      d += `M${x + margin} ${y + margin}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(background, path);
  return svg;
}
