// A Plotly chart that keeps its drawing across Streamlit reruns (issue 12).
//
// st.plotly_chart gives each chart an identity that includes its figure, so every change
// unmounts the chart and draws it from nothing. This element is keyed by its caller's key
// alone: Streamlit calls this function again with the new figure, and Plotly.react redraws
// only what changed. plotly.js is loaded once per page from the dashboard's own route.
const loaded = {};

function plotlyFrom(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loaded[src]) {
    loaded[src] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", () => resolve(window.Plotly));
      script.addEventListener("error", () => reject(new Error("plotly.js did not load")));
      document.head.appendChild(script);
    });
  }
  return loaded[src];
}

function pointCode(event) {
  for (const point of (event && event.points) || []) {
    let code = point.customdata;
    if (Array.isArray(code)) code = code.length ? code[0] : null;
    if (typeof code === "string") return code;
  }
  return null;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let frame = parentElement.querySelector("[data-kept-chart]");
  if (!frame) {
    frame = document.createElement("div");
    frame.setAttribute("data-kept-chart", "");
    frame.setAttribute("role", "figure");
    frame.className = "kept-chart";
    parentElement.appendChild(frame);
  }
  frame.setAttribute("aria-label", data.alt);
  const figure = JSON.parse(data.figure);
  plotlyFrom(data.src)
    .then((Plotly) => Plotly.react(frame, figure.data || [], figure.layout || {}, data.config))
    .then(() => {
      if (data.selectable && !frame.dataset.listening) {
        frame.dataset.listening = "yes";
        frame.on("plotly_click", (event) => {
          const code = pointCode(event);
          if (code !== null) setTriggerValue("point", code);
        });
      }
    })
    .catch((error) => {
      frame.textContent = "The chart could not be drawn: " + error.message +
        ". The data table below holds every figure.";
    });
}
