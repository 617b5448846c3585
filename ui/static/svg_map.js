// The council map as a light SVG that updates in place across Streamlit reruns (issue 12).
//
// Python (ui/map_shapes.py) sends every colour, figure and word; this script only places
// them. The outlines are built when their token changes (a new outline set), and otherwise
// only fills, outlines, words, labels and the key change: a few hundred attribute changes
// where Plotly.react of the same map made about 5,500.
const SVG = "http://www.w3.org/2000/svg";
let instances = 0;

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [attribute, value] of Object.entries(attributes || {})) {
    element.setAttribute(attribute, value);
  }
  return element;
}

function setAttr(element, attribute, value) {
  // Only real changes touch the page (each one is work for the browser).
  if (element.getAttribute(attribute) !== value) element.setAttribute(attribute, value);
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function build(parentElement) {
  instances += 1;
  const root = document.createElement("div");
  root.className = "svg-map";
  root.setAttribute("data-svg-map", "");
  root.setAttribute("role", "group");
  // Not a Tab stop itself (Chromium would make the drawing one); its areas are.
  const svg = svgElement("svg", { tabindex: "-1" });
  const defs = svgElement("defs");
  const hatchId = "svg-map-hatch-" + instances;
  const hatch = svgElement("pattern", { id: hatchId, patternUnits: "userSpaceOnUse" });
  const hatchBackground = svgElement("rect", { x: "0", y: "0" });
  const hatchLine = svgElement("path", { fill: "none" });
  hatch.append(hatchBackground, hatchLine);
  defs.append(hatch);
  const areas = svgElement("g", { class: "areas" });
  const selection = svgElement("path", { class: "overlay selection", "aria-hidden": "true" });
  const focus = svgElement("path", { class: "overlay focus", "aria-hidden": "true" });
  const labels = svgElement("g", { class: "labels", "aria-hidden": "true" });
  svg.append(defs, areas, labels, selection, focus);
  const tooltip = document.createElement("div");
  tooltip.className = "tooltip";
  tooltip.hidden = true;
  tooltip.setAttribute("aria-hidden", "true"); // each area's own label says the same words
  const key = document.createElement("div");
  key.className = "key";
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.id = "svg-map-hint-" + instances;
  root.setAttribute("aria-describedby", hint.id);
  root.append(svg, tooltip, key, hint);
  parentElement.appendChild(root);
  const parts = { root, svg, hatch, hatchId, hatchBackground, hatchLine, areas, labels,
    selection, focus, tooltip, key, hint, state: null };
  listen(parts);
  return parts;
}

function areaOf(parts, target) {
  const path = target && target.closest ? target.closest("path.area") : null;
  return path && parts.areas.contains(path) ? path : null;
}

function showTooltip(parts, path, clientX, clientY) {
  const area = parts.state.areas[Number(path.dataset.index)];
  const tooltip = parts.tooltip;
  tooltip.replaceChildren();
  const name = document.createElement("strong");
  name.textContent = area.name;
  tooltip.append(name);
  for (const line of area.details) {
    tooltip.append(document.createElement("br"), document.createTextNode(line));
  }
  tooltip.hidden = false;
  const box = parts.root.getBoundingClientRect();
  let x = clientX;
  let y = clientY;
  if (x === undefined) {
    const shape = path.getBoundingClientRect();
    x = shape.left + shape.width / 2;
    y = shape.top + shape.height / 2;
  }
  const left = Math.min(x - box.left + 14, box.width - tooltip.offsetWidth - 4);
  const top = Math.max(y - box.top - tooltip.offsetHeight - 10, 0);
  tooltip.style.left = Math.max(left, 0) + "px";
  tooltip.style.top = top + "px";
}

function hideTooltip(parts) {
  parts.tooltip.hidden = true;
}

function makeTabStop(parts, path) {
  for (const area of parts.areas.children) setAttr(area, "tabindex", area === path ? "0" : "-1");
}

function choose(parts, path) {
  if (parts.state.selectable) parts.state.setTriggerValue("point", path.dataset.code);
}

function listen(parts) {
  const { svg, focus } = parts;
  svg.addEventListener("click", (event) => {
    const path = areaOf(parts, event.target);
    if (path) choose(parts, path);
  });
  svg.addEventListener("keydown", (event) => {
    const path = areaOf(parts, event.target);
    if (!path) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault(); // Space would scroll the page
      choose(parts, path);
      return;
    }
    // One Tab stop for the whole map; the arrow keys go through the areas in name order.
    const order = parts.state.order;
    const at = order.indexOf(Number(path.dataset.index));
    const moves = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1,
      Home: 0, End: order.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = parts.areas.children[order[(moves[event.key] + order.length) % order.length]];
    makeTabStop(parts, next);
    next.focus();
  });
  svg.addEventListener("pointermove", (event) => {
    const path = areaOf(parts, event.target);
    if (path) showTooltip(parts, path, event.clientX, event.clientY);
    else hideTooltip(parts);
  });
  svg.addEventListener("pointerleave", () => hideTooltip(parts));
  svg.addEventListener("focusin", (event) => {
    const path = areaOf(parts, event.target);
    if (!path) return;
    setAttr(focus, "d", path.getAttribute("d"));
    focus.style.display = "";
    showTooltip(parts, path);
  });
  svg.addEventListener("focusout", () => {
    focus.style.display = "none";
    hideTooltip(parts);
  });
}

function drawShapes(parts, geometry, style) {
  const { svg, areas, labels, hatch, hatchBackground, hatchLine } = parts;
  svg.setAttribute("viewBox", geometry.viewBox);
  const size = geometry.hatchSize;
  for (const [element, attributes] of [
    [hatch, { width: size, height: size }],
    [hatchBackground, { width: size, height: size, fill: style.hatchBackground }],
    [hatchLine, { d: `M0 ${size}L${size} 0`, stroke: style.hatchLine }],
  ]) {
    for (const [attribute, value] of Object.entries(attributes)) {
      element.setAttribute(attribute, String(value));
    }
  }
  hatchLine.setAttribute("stroke-width", String(size / 6));
  areas.replaceChildren();
  labels.replaceChildren();
  geometry.codes.forEach((code, index) => {
    areas.append(svgElement("path", {
      class: "area",
      d: geometry.paths[index],
      "data-code": code,
      "data-index": String(index),
      "fill-rule": "evenodd",
      tabindex: "-1",
      role: "button",
    }));
    const [x, y] = geometry.labelPoints[index];
    labels.append(svgElement("text", {
      x, y, "text-anchor": "middle", "font-size": geometry.labelSize,
    }));
  });
  svg.dataset.token = geometry.token;
}

function update(parts, data) {
  const { root, svg, areas, labels, selection, focus, hatchId, key } = parts;
  const style = data.style;
  setAttr(root, "aria-label", data.alt);
  svg.style.height = style.height + "px";
  const paths = areas.children;
  const texts = labels.children;
  let selected = null;
  data.areas.forEach((area, index) => {
    const path = paths[index];
    setAttr(path, "fill", area.hatched ? `url(#${hatchId})` : area.fill);
    setAttr(path, "stroke", style.line);
    setAttr(path, "stroke-width", String(style.lineWidth));
    setAttr(path, "aria-label", area.spoken);
    setAttr(path, "aria-pressed", area.selected ? "true" : "false");
    if (area.selected) selected = path;
    updateLabel(texts[index], area, data.geometry.labelSize);
  });
  // Tab lands on the area focused last, else the selected one, else the first by name.
  const current = Array.from(paths).find((path) => path.getAttribute("tabindex") === "0");
  if (!current) makeTabStop(parts, selected || paths[data.order[0]]);
  // The selected area's thick outline is drawn over its neighbours, apart from the areas,
  // so the areas keep their order (which is also the order Tab takes).
  selection.style.display = selected ? "" : "none";
  if (selected) setAttr(selection, "d", selected.getAttribute("d"));
  setAttr(selection, "stroke", style.selectedLine);
  setAttr(selection, "stroke-width", String(style.selectedWidth));
  setAttr(focus, "stroke", style.focusLine);
  setAttr(focus, "stroke-width", String(style.selectedWidth));
  if (!root.contains(document.activeElement) || !areaOf(parts, document.activeElement)) {
    focus.style.display = "none";
  }
  updateKey(key, data.key, hatchId, style);
  setText(parts.hint, data.hint);
}

function updateLabel(text, area, size) {
  const lines = area.label;
  setAttr(text, "fill", area.labelColour);
  const current = Array.from(text.children).map((line) => line.textContent);
  if (current.join("\n") === lines.join("\n")) return;
  text.replaceChildren();
  const x = text.getAttribute("x");
  // Lines centred on the point: the first one up by half the block's height.
  lines.forEach((line, index) => {
    const tspan = svgElement("tspan", {
      x,
      dy: String(index === 0 ? -((lines.length - 1) / 2) * size * 1.15 + size * 0.35 : size * 1.15),
    });
    tspan.textContent = line;
    text.append(tspan);
  });
}

function updateKey(element, key, hatchId, style) {
  const signature = JSON.stringify(key);
  if (element.dataset.signature === signature) return;
  element.dataset.signature = signature;
  element.replaceChildren();
  if (!key) return;
  if (key.stops.length) {
    const ramp = document.createElement("div");
    const title = document.createElement("div");
    title.textContent = key.title;
    const bar = document.createElement("div");
    bar.className = "ramp";
    bar.setAttribute("aria-hidden", "true");
    const stops = key.stops.map(([at, colour]) => `${colour} ${(at * 100).toFixed(1)}%`);
    bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
    const ends = document.createElement("div");
    ends.className = "ramp-labels";
    const low = document.createElement("span");
    low.textContent = key.low;
    const high = document.createElement("span");
    high.textContent = key.high;
    ends.append(low, high);
    ramp.append(title, bar, ends);
    element.append(ramp);
  }
  if (key.missing) {
    const missing = document.createElement("div");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.setAttribute("aria-hidden", "true");
    swatch.style.background = `repeating-linear-gradient(135deg, ${style.hatchLine} 0 1.5px, ` +
      `${style.hatchBackground} 1.5px 5px)`;
    missing.append(swatch, document.createTextNode(key.missing));
    element.append(missing);
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let parts = parentElement.__svgMap;
  if (!parts || !parentElement.contains(parts.root)) {
    parts = build(parentElement);
    parentElement.__svgMap = parts;
  }
  parts.state = { areas: data.areas, order: data.order, selectable: data.selectable,
    setTriggerValue };
  if (parts.svg.dataset.token !== data.geometry.token) {
    drawShapes(parts, data.geometry, data.style);
  }
  update(parts, data);
}
