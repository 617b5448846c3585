// A chart as SVG markup replaced in place across Streamlit reruns (issue 12).
//
// Python (ui/spine_svg.py) builds and escapes every shape and word; this script only swaps
// the markup in when it changed and shows a marker's data-tip words in a tooltip.

function build(parentElement) {
  const root = document.createElement("div");
  root.className = "svg-chart";
  root.setAttribute("data-svg-chart", "");
  root.setAttribute("role", "figure");
  const body = document.createElement("div");
  const tooltip = document.createElement("div");
  tooltip.className = "tooltip";
  tooltip.hidden = true;
  tooltip.setAttribute("aria-hidden", "true"); // each marker's own label says the same words
  root.append(body, tooltip);
  parentElement.appendChild(root);
  const parts = { root, body, tooltip, markup: null };
  listen(parts);
  return parts;
}

function markOf(parts, target) {
  const mark = target && target.closest ? target.closest(".mark") : null;
  return mark && parts.body.contains(mark) ? mark : null;
}

function show(parts, mark) {
  const { root, tooltip } = parts;
  const lines = (mark.getAttribute("data-tip") || "").split("\n");
  tooltip.replaceChildren();
  lines.forEach((line, index) => {
    if (index === 0) {
      const first = document.createElement("strong");
      first.textContent = line;
      tooltip.append(first);
    } else {
      tooltip.append(document.createElement("br"), document.createTextNode(line));
    }
  });
  tooltip.hidden = false;
  const box = root.getBoundingClientRect();
  const shape = mark.getBoundingClientRect();
  const left = Math.min(shape.left - box.left + shape.width / 2 + 12,
    box.width - tooltip.offsetWidth - 4);
  const top = shape.top - box.top - tooltip.offsetHeight - 8;
  tooltip.style.left = Math.max(left, 0) + "px";
  tooltip.style.top = (top < 0 ? shape.bottom - box.top + 8 : top) + "px";
}

function hide(parts) {
  parts.tooltip.hidden = true;
}

function listen(parts) {
  const { body } = parts;
  body.addEventListener("pointerover", (event) => {
    const mark = markOf(parts, event.target);
    if (mark) show(parts, mark);
    else hide(parts);
  });
  body.addEventListener("pointerleave", () => hide(parts));
  body.addEventListener("focusin", (event) => {
    const mark = markOf(parts, event.target);
    if (mark) show(parts, mark);
  });
  body.addEventListener("focusout", () => hide(parts));
}

export default function (component) {
  const { data, parentElement } = component;
  let parts = parentElement.__svgChart;
  if (!parts || !parentElement.contains(parts.root)) {
    parts = build(parentElement);
    parentElement.__svgChart = parts;
  }
  if (parts.root.getAttribute("aria-label") !== data.alt) {
    parts.root.setAttribute("aria-label", data.alt);
  }
  if (parts.markup !== data.markup) {
    hide(parts);
    parts.body.innerHTML = data.markup; // built and escaped in Python
    parts.markup = data.markup;
  }
}
