// A small table as a real HTML <table> with sortable columns (ui/html_table.py, issue 12).
//
// Python sends every cell as [value, text], or [value] where the text is the value: the value
// sorts (a number, text or null), the text is shown, already formatted. Nothing here formats a number, and every text goes in through
// textContent, so a cell that looks like HTML or a formula is only ever shown as text.
// The element is keyed by its caller's key: Streamlit calls this function again on each rerun
// with the new rows, and only the body is replaced; the chosen sort is kept.

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function compareCells(a, b, descending) {
  // Missing last whichever way the column is sorted.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  let order;
  if (typeof a === "number" && typeof b === "number") order = a - b;
  else order = String(a).localeCompare(String(b), undefined, { numeric: true });
  return descending ? -order : order;
}

function sortedRows(rows, sort) {
  const order = rows.map((row, position) => position);
  if (sort.column === null) return order;
  return order.sort(
    (x, y) =>
      compareCells(rows[x].cells[sort.column][0], rows[y].cells[sort.column][0], sort.descending) ||
      x - y,
  );
}

function buildFrame(root, data) {
  root.textContent = "";
  const scroller = element("div", "nolb-table-scroll");
  if (data.maxHeight) {
    scroller.style.maxHeight = data.maxHeight + "px";
    scroller.classList.add("nolb-table-capped");
    scroller.setAttribute("tabindex", "0");
    scroller.setAttribute("role", "region");
  }
  const table = element("table", "nolb-table");
  table.appendChild(element("caption"));
  const headRow = element("tr");
  data.columns.forEach((column, index) => {
    const th = element("th", column.numeric ? "nolb-num" : "");
    th.setAttribute("scope", "col");
    if (index === 0 && data.rowHeader) th.classList.add("nolb-pinned");
    const button = element("button", "nolb-sort");
    button.type = "button";
    button.dataset.column = String(index);
    button.appendChild(element("span", "nolb-label"));
    const arrow = element("span", "nolb-arrow");
    arrow.setAttribute("aria-hidden", "true");
    button.appendChild(arrow);
    th.appendChild(button);
    headRow.appendChild(th);
  });
  table.appendChild(element("thead")).appendChild(headRow);
  table.appendChild(element("tbody"));
  scroller.appendChild(table);
  root.appendChild(scroller);
  root.appendChild(element("div", "nolb-notes-holder"));
}

function showWords(root, data) {
  // Headings, help and caption change with the measure shown; the table's frame stays.
  root.querySelector("caption").textContent = data.caption;
  const scroller = root.querySelector(".nolb-table-scroll");
  if (data.maxHeight) scroller.setAttribute("aria-label", data.caption);
  root.querySelectorAll("thead th").forEach((th, index) => {
    const column = data.columns[index];
    th.querySelector(".nolb-label").textContent = column.label;
    if (column.help) th.title = column.help;
    else th.removeAttribute("title");
  });
  const holder = root.querySelector(".nolb-notes-holder");
  const wasOpen = !!holder.querySelector("details[open]");
  holder.textContent = "";
  const notes = data.columns.filter((column) => column.help);
  if (notes.length) {
    const details = element("details", "nolb-notes");
    details.open = wasOpen;
    details.appendChild(element("summary", "", data.words.notes));
    const list = element("dl");
    notes.forEach((column) => {
      list.appendChild(element("dt", "", column.label));
      list.appendChild(element("dd", "", column.help));
    });
    details.appendChild(list);
    holder.appendChild(details);
  }
}

function showSort(root, data) {
  const sort = root.nolbSort;
  root.querySelectorAll("thead th").forEach((th, index) => {
    const arrow = th.querySelector(".nolb-arrow");
    if (sort.column === index) {
      th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      arrow.textContent = sort.descending ? " ▼" : " ▲";
    } else {
      th.removeAttribute("aria-sort");
      arrow.textContent = "";
    }
  });
}

function fillBody(root, data) {
  const body = element("tbody");
  for (const position of sortedRows(data.rows, root.nolbSort)) {
    const row = data.rows[position];
    const tr = element("tr");
    if (row.current) {
      tr.setAttribute("aria-current", "true");
      tr.className = "nolb-current";
    }
    row.cells.forEach((pair, index) => {
      const text = pair.length > 1 ? pair[1] : pair[0] === null ? "" : String(pair[0]);
      const header = index === 0 && data.rowHeader;
      const cell = element(header ? "th" : "td", data.columns[index].numeric ? "nolb-num" : "");
      if (header) {
        cell.setAttribute("scope", "row");
        cell.classList.add("nolb-pinned");
      }
      if (index === data.selectColumn && row.code !== null) {
        const button = element("button", "nolb-choose");
        button.type = "button";
        button.dataset.code = row.code;
        button.appendChild(element("span", "nolb-visually-hidden", data.words.select + " "));
        button.appendChild(document.createTextNode(text));
        cell.appendChild(button);
      } else {
        cell.textContent = text;
      }
      tr.appendChild(cell);
    });
    body.appendChild(tr);
  }
  root.querySelector("tbody").replaceWith(body);
  showSort(root, data);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector("[data-html-table]");
  if (!root) {
    root = element("div", "nolb-table-root");
    root.setAttribute("data-html-table", "");
    root.nolbSort = { column: null, label: null, descending: false };
    root.addEventListener("click", (event) => {
      const choose = event.target.closest("button.nolb-choose");
      if (choose) {
        root.nolbTrigger("row", choose.dataset.code);
        return;
      }
      const sortButton = event.target.closest("button.nolb-sort");
      if (!sortButton) return;
      const column = Number(sortButton.dataset.column);
      const sort = root.nolbSort;
      sort.descending = sort.column === column ? !sort.descending : false;
      sort.column = column;
      sort.label = root.nolbData.columns[column].label;
      fillBody(root, root.nolbData);
    });
    parentElement.appendChild(root);
  }
  root.nolbTrigger = setTriggerValue;
  root.nolbData = data;
  // The frame (columns, which hold numbers, pinned first column, height) is built once and
  // kept while it stays the same; a new measure changes only the words and the body.
  const frame = JSON.stringify([
    data.columns.map((column) => column.numeric),
    data.rowHeader,
    data.maxHeight,
  ]);
  const sort = root.nolbSort;
  if (root.nolbFrame !== frame) {
    buildFrame(root, data);
    root.nolbFrame = frame;
    root.nolbWords = null;
    // A sort chosen before the columns changed is kept while its column is still there.
    const kept = data.columns.findIndex((column) => column.label === sort.label);
    sort.column = kept >= 0 ? kept : null;
  }
  if (sort.column !== null) sort.label = data.columns[sort.column].label;
  // A rerun that leaves the words or the rows as they were leaves the page untouched.
  const words = JSON.stringify([data.caption, data.columns, data.words]);
  if (root.nolbWords !== words) {
    showWords(root, data);
    root.nolbWords = words;
  }
  const rows = JSON.stringify([data.rows, data.selectColumn]);
  if (root.nolbRows !== rows || root.nolbBodyFrame !== frame) {
    fillBody(root, data);
    root.nolbRows = rows;
    root.nolbBodyFrame = frame;
  }
}
